"""The report page's queries (issue 14): the obligation's query says whether its report has
evidence, whether coordinating agencies submitted contributions and whether its activity
carries confirmed targets (``selectors.obligation_for``); the page reads only what is there,
shows each as soon as it exists, and a page shown again after a post asks the database."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from cchc.core.models import CacheVersion
from cchc.core.versions import bump_plan, plan_key
from cchc.indicators.models import Comparator, Indicator, Target, TargetState, Unit
from cchc.plans.actions import correct_node
from cchc.plans.models import Node, Plan
from cchc.reporting import selectors
from cchc.reporting.actions import add_evidence, return_report, save_contribution
from cchc.reporting.tests.test_page_queries import _submitted
from cchc.reporting.tests.test_views import as_user, people  # noqa: F401 (fixture)
from cchc.scheduling.models import Obligation

pytestmark = pytest.mark.django_db

# Session, the user with their memberships (one statement), the obligation (with its
# agency, report, the rule in force, the plan's version and what is beside it), the history,
# the navigation's queues. The activity's progress is kept under the plan's version.
BARE = 5


def _page(client: Any, obligation: Obligation) -> str:
    response = client.get(reverse("reporting:obligation", args=[obligation.pk]))
    assert response.status_code == 200
    return str(response.content.decode())


def _counted(client: Any, obligation: Obligation, assert_num_queries: Any, queries: int) -> str:
    """The page as its next request draws it, in ``queries`` queries once the activity's
    progress is kept again (a change to targets, contributions, evidence may bump the plan's
    version); the first request shows the change already."""
    first = _page(client, obligation)
    with assert_num_queries(queries):
        page = _page(client, obligation)
    assert page.count("<section") == first.count("<section")
    return page


def _target(node_id: int, state: str = TargetState.CONFIRMED) -> Target:
    return Target.objects.create(
        indicator=Indicator.objects.get(code="tthc.dossiers_online"),
        node_id=node_id,
        comparator=Comparator.AT_LEAST,
        value=50,
        unit=Unit.PERCENT,
        year=2025,
        state=state,
        phrase="tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 50%",
        source_line=20,
        match_key=f"rp-{node_id}-{state}",
    )


@pytest.fixture
def returned(people: dict[str, User], obligation: Obligation, plan: Plan) -> Obligation:  # noqa: F811
    """The obligation's report returned by the secretariat (the benchmark's page), without
    evidence, contributions or confirmed targets; the plan's version bumped (every imported
    plan has one), so the activity's progress is kept."""
    Target.objects.filter(state=TargetState.CONFIRMED).delete()
    _submitted(obligation, people["focal"])
    report = obligation.__class__.objects.get(pk=obligation.pk).progress_report
    return_report(report=report, user=people["secretariat"], comment="Bổ sung số liệu.")
    bump_plan(plan.pk)
    return obligation


def test_a_returned_report_without_evidence_contributions_or_targets(
    people: dict[str, User],  # noqa: F811
    returned: Obligation,
    django_assert_num_queries: Any,
) -> None:
    found = selectors.obligation_for(returned.pk)
    assert found is not None
    assert selectors.Beside.found(found) == selectors.Beside(evidence=False, contributions=False)
    assert not found.carries_targets  # type: ignore[attr-defined]
    client = as_user(people["focal"])
    _page(client, returned)
    with django_assert_num_queries(BARE):
        page = _page(client, returned)
    assert 'id="no-evidence"' in page and 'id="contributions"' not in page
    assert 'id="report-targets"' not in page and 'id="return-comment"' in page


def test_evidence_shows_at_once_and_costs_its_query(
    people: dict[str, User],  # noqa: F811
    returned: Obligation,
    django_assert_num_queries: Any,
) -> None:
    client = as_user(people["focal"])
    _page(client, returned)
    report = obligation_report(returned)
    add_evidence(report=report, user=people["focal"], description="Công văn hướng dẫn số 7")
    page = _counted(client, returned, django_assert_num_queries, BARE + 1)
    assert "Công văn hướng dẫn số 7" in page and 'id="no-evidence"' not in page


def test_a_submitted_contribution_shows_at_once_a_draft_does_not(
    people: dict[str, User],  # noqa: F811
    returned: Obligation,
    django_assert_num_queries: Any,
) -> None:
    partner = Obligation.objects.get(
        activity=returned.activity,
        agency__code="bg.so-tt-tt",
        role="partner",
        period_end=returned.period_end,
    )
    client = as_user(people["focal"])
    save_contribution(obligation=partner, user=people["other"], text="Bản nháp góp ý", submit=False)
    found = selectors.obligation_for(returned.pk)
    assert found is not None and not selectors.Beside.found(found).contributions
    page = _counted(client, returned, django_assert_num_queries, BARE)
    assert "Bản nháp góp ý" not in page
    save_contribution(
        obligation=partner, user=people["other"], text="Đã góp ý 3 dự thảo.", submit=True
    )
    page = _counted(client, returned, django_assert_num_queries, BARE + 1)
    assert "Đã góp ý 3 dự thảo." in page and 'id="contributions"' in page


@pytest.mark.parametrize("level", [0, 1, 2])
def test_a_confirmed_target_of_the_activity_its_task_or_objective_shows_at_once(
    people: dict[str, User],  # noqa: F811
    returned: Obligation,
    django_assert_num_queries: Any,
    level: int,
) -> None:
    node = returned.activity
    for _ in range(level):
        assert node.parent is not None
        node = node.parent
    client = as_user(people["focal"])
    proposed = _target(node.pk, TargetState.PROPOSED)
    page = _counted(client, returned, django_assert_num_queries, BARE)
    assert f'name="target-{proposed.pk}-value"' not in page
    confirmed = _target(node.pk)
    # The targets, their indicators' measurements, the report's stored values.
    page = _counted(client, returned, django_assert_num_queries, BARE + 3)
    assert f'name="target-{confirmed.pk}-value"' in page and 'id="report-targets"' in page


def test_a_post_shown_again_reads_the_evidence(
    people: dict[str, User],  # noqa: F811
    returned: Obligation,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A post draws the page after its action: what the obligation's query found beside it
    may have changed since (evidence added), so the page asks (``Beside()``). Here the query
    is made to say "no evidence" while there is some: a GET trusts it, a post does not."""
    report = obligation_report(returned)
    add_evidence(report=report, user=people["focal"], description="Quyết định số 12")
    read = selectors.obligation_for

    def without_evidence(pk: int) -> Obligation | None:
        found = read(pk)
        if found is not None:
            found.has_evidence = False  # type: ignore[attr-defined]
        return found

    monkeypatch.setattr(selectors, "obligation_for", without_evidence)
    client = as_user(people["focal"])
    assert "Quyết định số 12" not in _page(client, returned)
    response = client.post(
        reverse("reporting:save", args=[returned.pk]), {"version": report.version, "percent": "x"}
    )
    assert response.status_code == 400
    assert "Quyết định số 12" in response.content.decode()


def obligation_report(obligation: Obligation) -> Any:
    return Obligation.objects.get(pk=obligation.pk).progress_report


def test_the_kept_activity_follows_a_correction_at_once(
    people: dict[str, User],  # noqa: F811
    returned: Obligation,
    django_assert_num_queries: Any,
) -> None:
    """The activity (its words, with its plan) is kept by the process under the plan's
    version (``selectors._activity``): a correction bumps it and shows on the next page."""
    client = as_user(people["focal"])
    assert "Kết quả &lt;mới&gt;" not in _page(client, returned)
    correct_node(node=returned.activity, changes={"outputs": "Kết quả <mới>"}, reason="Sửa")
    page = _counted(client, returned, django_assert_num_queries, BARE)
    assert "Kết quả &lt;mới&gt;" in page
    correct_node(node=returned.activity, changes={"outputs": "Kết quả sau cùng"}, reason="Sửa")
    assert "Kết quả sau cùng" in _page(client, returned)
    assert "Kết quả &lt;mới&gt;" not in _page(client, returned)


def test_an_activity_of_a_plan_without_a_version_is_read_each_time(
    people: dict[str, User],  # noqa: F811
    returned: Obligation,
    plan: Plan,
    django_assert_num_queries: Any,
) -> None:
    """Version 0 (no version row, e.g. a flushed database) keeps nothing: one more query."""
    CacheVersion.objects.filter(key=plan_key(plan.pk)).delete()
    client = as_user(people["focal"])
    _page(client, returned)
    # The activity and the activity's progress, read each time.
    with django_assert_num_queries(BARE + 2):
        _page(client, returned)
    Node.objects.filter(pk=returned.activity_id).update(outputs="Đổi thẳng trong cơ sở dữ liệu")
    assert "Đổi thẳng trong cơ sở dữ liệu" in _page(client, returned)
