"""The plan and activity pages' bodies kept per data version (cchc.plans.views.bodies): the
registry's version bumped by every registry write, a change shown at the next request, each
user's own rights and CSRF token, and fewer queries once drawn."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cchc.agencies.actions import record_succession
from cchc.agencies.models import Agency, AgencyGroup, Assignment
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import import_seed
from cchc.core import versions
from cchc.core.models import CacheVersion
from cchc.plans.models import Node, Plan
from cchc.plans.views import bodies

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_bodies() -> Iterator[None]:
    bodies.forget()
    yield
    bodies.forget()


def _registry() -> int:
    return versions.current(versions.REGISTRY_KEY)


def _committed(capture: Any) -> Any:
    """Run the on-commit callbacks of what the block writes (the tests run in a transaction
    that never commits)."""
    return capture(execute=True)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _token(page: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def _untokened(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


# -- the registry's version ----------------------------------------------------------------


def test_every_registry_write_bumps_the_registry_version_once_per_transaction(
    django_capture_on_commit_callbacks: Any,
) -> None:
    before = _registry()
    with _committed(django_capture_on_commit_callbacks) as callbacks:
        load_registry(path=MINI)
    # Hundreds of rows, one bump.
    assert len([c for c in callbacks if "agencies" in getattr(c, "version_keys", ())]) == 1
    after_load = _registry()
    assert after_load != before
    agency = Agency.objects.order_by("pk").first()
    assert agency is not None
    steps: list[tuple[str, Any]] = [
        ("agency renamed", lambda: Agency.objects.filter(pk=agency.pk).get().save()),
        (
            "group members",
            lambda: AgencyGroup.objects.create(name="Nhóm thử").members.add(agency),
        ),
        (
            "agency deleted",
            lambda: Agency.objects.create(code="t.x", name="X", level="department").delete(),
        ),
    ]
    seen = {after_load}
    for what, step in steps:
        with _committed(django_capture_on_commit_callbacks):
            step()
        assert _registry() not in seen, what
        seen.add(_registry())


def test_a_rolled_back_registry_write_bumps_nothing(django_capture_on_commit_callbacks: Any):
    from django.db import transaction

    versions.bump(versions.REGISTRY_KEY)
    before = _registry()
    with (
        _committed(django_capture_on_commit_callbacks),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        Agency.objects.create(code="t.rolled", name="Rolled back", level="department")
        raise RuntimeError
    assert _registry() == before
    # And a later write in the same outer transaction still bumps (the dropped callback
    # does not count as pending).
    with _committed(django_capture_on_commit_callbacks):
        Agency.objects.create(code="t.kept", name="Kept", level="department")
    assert _registry() != before


# -- the plan page -------------------------------------------------------------------------


@pytest.fixture
def registry_plan(django_capture_on_commit_callbacks: Any) -> Plan:
    with _committed(django_capture_on_commit_callbacks):
        load_registry(path=MINI)
        plan = import_seed()
    assert _registry() and versions.current(versions.plan_key(plan.pk))
    return plan


def test_plan_page_body_is_kept_and_an_ended_agency_shows_at_once(
    registry_plan: Plan,
    reader: User,
    django_capture_on_commit_callbacks: Any,
    django_assert_max_num_queries: Any,
):
    client = _client(reader)
    first = client.get(registry_plan.get_absolute_url()).content.decode()
    assert 'data-agency="x.gone"' not in first
    # Drawn: session, the user with their memberships, the plan with both versions, the
    # navigation's queues (the pin was 5 with the memberships read apart).
    with django_assert_max_num_queries(4):
        again = client.get(registry_plan.get_absolute_url()).content.decode()
    # The same page but for the (masked per request) CSRF tokens.
    assert _untokened(again) == _untokened(first)
    activity = Node.objects.activities().filter(plan=registry_plan).order_by("position")[0]
    with _committed(django_capture_on_commit_callbacks):
        gone = Agency.objects.create(code="x.gone", name="Cơ quan đã giải thể", level="department")
        Assignment.objects.create(activity=activity, role="partner", agency=gone)
    page = client.get(registry_plan.get_absolute_url()).content.decode()
    assert 'data-agency="x.gone"' not in page  # it still exists
    with _committed(django_capture_on_commit_callbacks):
        gone.valid_until = timezone.localdate() - dt.timedelta(days=1)
        gone.save()
    page = client.get(registry_plan.get_absolute_url()).content.decode()
    assert 'data-agency="x.gone"' in page
    assert f'href="{activity.get_absolute_url()}"' in page.split('data-agency="x.gone"')[1]


def test_plan_page_each_user_sees_their_own_rights_and_token(
    registry_plan: Plan, reader: User, importer: User, django_capture_on_commit_callbacks: Any
):
    activity = Node.objects.activities().filter(plan=registry_plan).order_by("position")[0]
    with _committed(django_capture_on_commit_callbacks):
        gone = Agency.objects.create(code="x.gone", name="Cơ quan đã giải thể", level="department")
        heir = Agency.objects.create(code="x.heir", name="Cơ quan kế thừa", level="department")
        Assignment.objects.create(activity=activity, role="partner", agency=gone)
        record_succession(
            predecessor=gone, successors=[heir], on=timezone.localdate() - dt.timedelta(days=3)
        )
        # The assignment stays with the ended agency (as if recorded before the move).
        Assignment.objects.filter(agency=heir).update(agency=gone)
    secretariat, other = _client(importer), _client(importer)
    pages = [c.get(registry_plan.get_absolute_url()).content.decode() for c in (secretariat, other)]
    read = _client(reader).get(registry_plan.get_absolute_url()).content.decode()
    for page in pages:
        assert "Cơ quan kế thừa" in page
        assert 'name="csrfmiddlewaretoken"' in page.split('data-agency="x.gone"')[1]
    # The same kept body, each session's own token (tokens are masked per request: compare
    # what they unmask to).
    from django.middleware.csrf import _unmask_cipher_token  # type: ignore[attr-defined]

    first, second = (_unmask_cipher_token(_token(p)) for p in pages)
    assert first != second
    assert secretariat.cookies["csrftoken"].value == first
    assert "\x00" not in pages[0]
    # A reader may not move the work: no form, although the body is kept.
    assert 'data-agency="x.gone"' in read
    assert 'name="csrfmiddlewaretoken"' not in read.split('data-agency="x.gone"')[1]
    history = reverse("plans:import_history", args=[registry_plan.pk])
    assert history not in read and history in pages[0]


def test_plan_page_shows_a_new_import_at_once(
    registry_plan: Plan, reader: User, django_capture_on_commit_callbacks: Any
):
    client = _client(reader)
    client.get(registry_plan.get_absolute_url())
    Plan.objects.filter(pk=registry_plan.pk).update(title="KẾ HOẠCH ĐÃ SỬA")
    # Not through an import: the kept body still shows the old title...
    assert "KẾ HOẠCH ĐÃ SỬA" not in client.get(registry_plan.get_absolute_url()).content.decode()
    # ...until the plan's version moves, as every import and correction does.
    versions.bump_plan(registry_plan.pk)
    assert "KẾ HOẠCH ĐÃ SỬA" in client.get(registry_plan.get_absolute_url()).content.decode()


def test_nothing_is_kept_before_the_first_bump(reader: User, django_assert_max_num_queries: Any):
    load_registry(path=MINI)  # its bump waits for a commit that never comes
    plan = import_seed()
    assert not _registry()
    client = _client(reader)
    client.get(plan.get_absolute_url())
    CacheVersion.objects.filter(key=versions.REGISTRY_KEY).delete()
    with django_assert_max_num_queries(7):
        assert client.get(plan.get_absolute_url()).status_code == 200


# -- the activity page ---------------------------------------------------------------------


def test_activity_page_top_is_kept_and_follows_the_registry_and_the_plan(
    registry_plan: Plan,
    reader: User,
    django_capture_on_commit_callbacks: Any,
    django_assert_max_num_queries: Any,
):
    activity = Node.objects.activities().filter(plan=registry_plan).order_by("position")[0]
    client = _client(reader)
    first = client.get(activity.get_absolute_url()).content.decode()
    assert 'id="assignments"' in first
    # Drawn: session, the user with their memberships (whose reports the user sees), the
    # node with both versions, the expected reports, the navigation.
    with django_assert_max_num_queries(5):
        again = client.get(activity.get_absolute_url()).content.decode()
    assert _untokened(again) == _untokened(first)
    # An agency assigned: shown at the next request.
    with _committed(django_capture_on_commit_callbacks):
        new = Agency.objects.create(code="x.new", name="Cơ quan mới giao", level="department")
        Assignment.objects.create(activity=activity, role="partner", agency=new)
    page = client.get(activity.get_absolute_url()).content.decode()
    assert "Cơ quan mới giao" in page.split('id="assignments"')[1]
    # Its name changed (a registry write): shown too.
    with _committed(django_capture_on_commit_callbacks):
        new.name = "Cơ quan đổi tên"
        new.save()
    page = client.get(activity.get_absolute_url()).content.decode()
    assert "Cơ quan đổi tên" in page and "Cơ quan mới giao" not in page
    # The activity's own text changes with the plan's version (an import or correction).
    Node.objects.filter(pk=activity.pk).update(outputs="Kết quả đã sửa")
    versions.bump_plan(registry_plan.pk)
    assert "Kết quả đã sửa" in client.get(activity.get_absolute_url()).content.decode()


def test_activity_page_keeps_no_users_reports(
    registry_plan: Plan, reader: User, leader: User, django_capture_on_commit_callbacks: Any
):
    from cchc.scheduling.obligations import generate_obligations

    with _committed(django_capture_on_commit_callbacks):
        generate_obligations(
            plan=registry_plan, since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31)
        )
    activity = (
        Node.objects.activities()
        .filter(plan=registry_plan, obligations__isnull=False)
        .order_by("position")
        .first()
    )
    assert activity is not None
    # The reader first (no agency: sees none of the reports), then a leader (sees them all),
    # then the reader again: the kept top carries nobody's reports.
    reader_page = _client(reader).get(activity.get_absolute_url()).content.decode()
    leader_page = _client(leader).get(activity.get_absolute_url()).content.decode()
    again = _client(reader).get(activity.get_absolute_url()).content.decode()
    assert 'id="no-reports"' in reader_page and "data-obligation=" not in reader_page
    assert 'id="no-reports"' not in leader_page and "data-obligation=" in leader_page
    assert "data-obligation=" not in again
    top = leader_page.split('id="activity-reports"')[0]
    assert (
        top.split("<article>")[1]
        == reader_page.split('id="activity-reports"')[0].split("<article>")[1]
    )


def test_a_version_bump_drops_the_plans_kept_bodies(
    registry_plan: Plan, reader: User, django_capture_on_commit_callbacks: Any
):
    """An approval bumps the plan's version many times a day: the bodies of older versions
    are dropped, not piled up (150 KB each for the seed plan's page)."""
    client = _client(reader)
    activity = Node.objects.activities().filter(plan=registry_plan).order_by("position")[0]
    client.get(registry_plan.get_absolute_url())
    client.get(activity.get_absolute_url())

    def kept() -> int:
        return len(bodies._BODIES[registry_plan.pk]._state[1])

    assert kept() == 2
    versions.bump_plan(registry_plan.pk)
    client.get(registry_plan.get_absolute_url())
    assert kept() == 1
    with _committed(django_capture_on_commit_callbacks):
        Agency.objects.create(code="t.y", name="Y", level="department")
    client.get(activity.get_absolute_url())
    assert kept() == 1
