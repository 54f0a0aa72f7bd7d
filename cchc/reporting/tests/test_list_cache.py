"""The work lists' bodies kept by the process (``cchc.reporting.views.list_cache``): a
report's step, an agency renamed, shows at once; two users see their own agencies' list; the
CSRF token is each request's own; a kept body costs the page only the session, the user, the
memberships, the versions and the navigation's queues.

The lists' version is bumped after the commit: each change runs in
``django_capture_on_commit_callbacks(execute=True)``, as a committed transaction would."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse

from cchc.agencies.models import Agency
from cchc.core import versions
from cchc.reporting.actions import approve_report, return_report
from cchc.reporting.models import Report
from cchc.reporting.tests.test_views import as_user, people, submitted  # noqa: F401 (fixture)
from cchc.reporting.views.list_cache import BODIES
from cchc.scheduling.models import Obligation

Commit = Callable[..., AbstractContextManager[Any]]


@pytest.fixture(autouse=True)
def lists_cached(db: None) -> Iterator[None]:
    """The lists' version exists (as after any report's first step): bodies are kept."""
    BODIES.clear()
    versions.bump(versions.LISTS_KEY)
    yield
    BODIES.clear()


def _rows(content: bytes, attribute: str) -> set[int]:
    return {int(pk) for pk in re.findall(rf'data-{attribute}="(\d+)"', content.decode())}


def test_a_submission_approval_and_return_show_at_once(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
    django_capture_on_commit_callbacks: Commit,
) -> None:
    focal, snv = as_user(people["focal"]), as_user(people["secretariat"])
    review, mine = reverse("reporting:review"), reverse("reporting:mine")
    assert not _rows(snv.get(review).content, "report")
    assert obligation.pk in _rows(focal.get(mine).content, "obligation")
    assert obligation.pk in _rows(focal.get(mine).content, "obligation")  # kept

    with django_capture_on_commit_callbacks(execute=True):
        report = submitted(obligation, people["focal"])
    assert _rows(snv.get(review).content, "report") == {report.pk}
    assert obligation.pk not in _rows(focal.get(mine).content, "obligation")

    with django_capture_on_commit_callbacks(execute=True):
        return_report(report=report, user=people["secretariat"], comment="Bổ sung số liệu.")
    assert not _rows(snv.get(review).content, "report")
    page = focal.get(mine).content.decode()
    assert f'data-obligation="{obligation.pk}"' in page
    assert 'data-state="returned"' in page

    with django_capture_on_commit_callbacks(execute=True):
        report = submitted(obligation, people["focal"])
    assert _rows(snv.get(review).content, "report") == {report.pk}
    with django_capture_on_commit_callbacks(execute=True):
        approve_report(report=Report.objects.get(pk=report.pk), user=people["secretariat"])
    assert not _rows(snv.get(review).content, "report")


def test_the_grid_shows_a_submission_at_once(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
    django_capture_on_commit_callbacks: Commit,
) -> None:
    snv = as_user(people["secretariat"])
    grid = reverse("reporting:grid")
    query = {"year": "2024", "period": "quarter-1"}

    def awaiting() -> str:
        content = snv.get(grid, query).content.decode()
        row = re.search(
            rf'<tr data-agency="{obligation.agency_id}">.*?data-count="awaiting_review">(.*?)</td>',
            content,
        )
        assert row is not None
        return re.sub(r"<[^>]+>", "", row.group(1))

    assert awaiting() == "0"
    assert awaiting() == "0"  # kept
    with django_capture_on_commit_callbacks(execute=True):
        submitted(obligation, people["focal"])
    assert awaiting() == "1"


def test_an_agency_renamed_shows_at_once(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
    django_capture_on_commit_callbacks: Commit,
) -> None:
    focal = as_user(people["focal"])
    mine = reverse("reporting:mine")
    assert "Sở Tư pháp mới" not in focal.get(mine).content.decode()
    agency = Agency.objects.get(pk=obligation.agency_id)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        agency.short_name = "Sở Tư pháp mới"
        agency.save()
    assert "Sở Tư pháp mới" in focal.get(mine).content.decode()


def test_two_users_see_their_own_agencies(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
) -> None:
    mine = reverse("reporting:mine")
    own = _rows(as_user(people["focal"]).get(mine).content, "obligation")
    other = _rows(as_user(people["other"]).get(mine).content, "obligation")
    assert obligation.pk in own
    assert own and other and not own & other
    agencies = dict(Obligation.objects.filter(pk__in=own | other).values_list("pk", "agency_id"))
    assert {agencies[pk] for pk in own} == {obligation.agency_id}
    assert obligation.agency_id not in {agencies[pk] for pk in other}
    # Kept bodies do not cross either: each asks again and sees the same.
    assert _rows(as_user(people["other"]).get(mine).content, "obligation") == other
    assert _rows(as_user(people["focal"]).get(mine).content, "obligation") == own


def test_a_kept_body_has_each_request_csrf_token(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
    django_capture_on_commit_callbacks: Commit,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        submitted(obligation, people["focal"])
    review = reverse("reporting:review")
    tokens = set()
    for _ in range(2):
        client = as_user(people["secretariat"])
        client.get(review)
        content = client.get(review).content.decode()
        assert "\x00" not in content
        form = content[content.index('id="bulk-form"') :]
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
        assert found is not None
        tokens.add(found.group(1))
        # The token in the form is this client's: the approval goes through.
        assert client.cookies["csrftoken"].value
    assert len(tokens) == 2


@pytest.mark.parametrize(
    ("page", "who", "data", "queries"),
    [
        # Session, the user with their memberships, the versions, the navigation's queues.
        ("reporting:mine", "focal", {}, 4),
        ("reporting:mine", "focal", {"state": "late"}, 4),
        ("reporting:grid", "secretariat", {"year": "2024", "period": "quarter-1"}, 4),
        ("reporting:review", "secretariat", {}, 4),
    ],
)
def test_a_kept_body_costs_four_queries(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
    django_assert_num_queries: Any,
    django_capture_on_commit_callbacks: Commit,
    page: str,
    who: str,
    data: dict[str, str],
    queries: int,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        submitted(obligation, people["focal"])
    client = as_user(people[who])
    path = reverse(page)
    first = client.get(path, data)
    with django_assert_num_queries(queries):
        again = client.get(path, data)
    assert again.status_code == 200
    strip = re.compile(r'value="[^"]{30,}"')  # the CSRF tokens
    assert strip.sub("", again.content.decode()) == strip.sub("", first.content.decode())


def test_the_lists_are_bumped_once_per_block_and_not_by_a_rollback(
    obligation: Obligation, django_capture_on_commit_callbacks: Commit
) -> None:
    before = versions.current(versions.LISTS_KEY)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        obligation.reason = "Một"
        obligation.save()
        obligation.reason = "Hai"
        obligation.save()
        Agency.objects.get(pk=obligation.agency_id).save()
    assert len(callbacks) == 1
    bumped = versions.current(versions.LISTS_KEY)
    assert bumped != before

    class Boom(Exception):
        pass

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Boom),
        transaction.atomic(),
    ):
        obligation.save()
        raise Boom
    assert callbacks == []
    assert versions.current(versions.LISTS_KEY) == bumped


def test_a_draft_s_text_does_not_bump_the_lists(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
    django_capture_on_commit_callbacks: Commit,
) -> None:
    from cchc.reporting.actions import save_draft, start_report

    with django_capture_on_commit_callbacks(execute=True):
        report = start_report(obligation=obligation, user=people["focal"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        save_draft(
            report=report,
            user=people["focal"],
            expected_version=report.version,
            narrative="Đang làm.",
            percent=30,
        )
    assert callbacks == []
