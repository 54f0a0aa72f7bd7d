"""Which periods an activity owes a report for (docs/obligations.md), at the edges of the
NĐ 09 windows; what regeneration removes, what it keeps and lists; "never generated" told
from "generated, nothing expected"; generation on import; period names in English."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from cchc.accounts.models import Role
from cchc.agencies.models import Agency
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import PASSWORD, SEED_PLAN, import_seed, member, secretariat_agency
from cchc.plans.models import Node, Plan
from cchc.reporting.actions import start_report
from cchc.scheduling.models import GenerationRun, Obligation, ObligationStatus
from cchc.scheduling.obligations import closing_end, generate_obligations, reported_in
from cchc.scheduling.periods import display_label, periods_for
from cchc.scheduling.views import common

pytestmark = pytest.mark.django_db
D = dt.date


def _reported(first: dt.date, last: dt.date, years: tuple[int, ...]) -> list[str]:
    everything = [p for y in range(2024, 2029) for p in periods_for(y)]
    closing = closing_end(last, everything)
    return [
        p.label
        for y in years
        for p in periods_for(y)
        if reported_in(p, first=first, last=last, closing=closing)
    ]


def test_an_activity_of_2025_is_not_reported_in_2026():
    # Quý I/2026's NĐ 09 window starts on 15/12/2025, inside "Năm 2025": not a reason to
    # report on it in 2026 (issue 9, point 5).
    assert _reported(D(2025, 1, 1), D(2025, 12, 31), (2026,)) == []
    assert _reported(D(2025, 1, 1), D(2025, 12, 31), (2025,)) == [
        "Quý I/2025",
        "6 tháng đầu năm 2025",
        "Quý III/2025",
        "Năm 2025",
    ]


@pytest.mark.parametrize(
    "first,last,expected",
    [
        # December 2025, after the annual cut-off of 14/12/2025: still the year 2025's.
        (D(2025, 12, 1), D(2025, 12, 31), ["Năm 2025"]),
        # Ending on the cut-off day itself, or the day after it: the same.
        (D(2025, 10, 1), D(2025, 12, 14), ["Năm 2025"]),
        (D(2025, 10, 1), D(2025, 12, 15), ["Năm 2025"]),
        # Starting on 1/1/2026: nothing in 2025, from Quý I/2026 on.
        (D(2026, 1, 1), D(2026, 3, 31), ["Quý I/2026"]),
        # Closing in the half-year: reported in Quý I and the half-year, not in Quý III or
        # the annual report (reported once in its closing period, not forever).
        (D(2026, 1, 1), D(2026, 4, 30), ["Quý I/2026", "6 tháng đầu năm 2026"]),
        # Ending on the last day of Quý III: Quý III closes it; the year does not.
        (
            D(2026, 1, 1),
            D(2026, 9, 30),
            ["Quý I/2026", "6 tháng đầu năm 2026", "Quý III/2026"],
        ),
        # One day later: the annual report closes it.
        (
            D(2026, 1, 1),
            D(2026, 10, 1),
            ["Quý I/2026", "6 tháng đầu năm 2026", "Quý III/2026", "Năm 2026"],
        ),
    ],
)
def test_window_edges(first: dt.date, last: dt.date, expected: list[str]):
    assert _reported(first, last, (2025, 2026)) == expected


@pytest.fixture
def plan() -> Plan:
    load_registry(path=MINI)
    return import_seed()


def test_seed_activities_of_2025_owe_nothing_in_2026(plan: Plan):
    # Row 9 ("Năm 2025") and row 19 ("2025") got Quý I, 6 tháng and Năm 2026 reports.
    generate_obligations(plan=plan, since=D(2026, 1, 1), until=D(2026, 12, 31), on=D(2026, 12, 3))
    assert not Obligation.objects.filter(activity__number__in=["9", "19"]).exists()
    generate_obligations(plan=plan, since=D(2025, 1, 1), until=D(2025, 12, 31), on=D(2026, 12, 3))
    labels = set(
        Obligation.objects.filter(activity__number="9", role="lead").values_list(
            "period_label", flat=True
        )
    )
    assert labels == {"Quý I/2025", "6 tháng đầu năm 2025", "Quý III/2025", "Năm 2025"}


def _stale(
    activity: Node, agency_id: int, status: str = ObligationStatus.LATE, role: str = "lead"
) -> Obligation:
    """An obligation the old rule made: row 9 ("Năm 2025") in Quý I/2026."""
    return Obligation.objects.create(
        activity=activity,
        agency_id=agency_id,
        role=role,
        report="par",
        period_kind="quarter",
        period_label="Quý I/2026",
        period_start=D(2025, 12, 15),
        period_end=D(2026, 3, 14),
        deadline=D(2026, 3, 20),
        status=status,
    )


def test_regeneration_removes_what_no_longer_applies_and_lists_what_it_keeps(plan: Plan):
    row9 = Node.objects.get(plan=plan, number="9")
    row11 = Node.objects.get(plan=plan, number="11")
    agency_id = Agency.objects.valid_on(D(2026, 3, 14)).first().pk
    untouched = _stale(row9, agency_id)
    started = _stale(row11, agency_id)
    filed = _stale(row11, agency_id, ObligationStatus.SUBMITTED, role="partner")
    user = User.objects.create_user("generator", "", PASSWORD)
    start_report(obligation=started, user=user)
    result = generate_obligations(
        plan=plan, since=D(2026, 1, 1), until=D(2026, 12, 31), on=D(2026, 12, 3), user=user
    )
    assert not Obligation.objects.filter(pk=untouched.pk).exists()
    assert set(
        Obligation.objects.filter(pk__in=[started.pk, filed.pk]).values_list("pk", flat=True)
    ) == {
        started.pk,
        filed.pk,
    }
    assert sorted(result.kept_unexpected) == sorted([started.pk, filed.pk])
    run = GenerationRun.objects.get()
    assert run.actor == user and run.removed == result.removed >= 1
    assert untouched.pk in [row["obligation"] for row in run.removed_rows]
    removed = next(r for r in run.removed_rows if r["obligation"] == untouched.pk)
    assert removed["number"] == "9" and removed["period"] == "Quý I/2026"
    assert sorted(r["obligation"] for r in run.kept_rows) == sorted([started.pk, filed.pk])


@pytest.fixture
def secretariat_client(client: Client, monkeypatch: pytest.MonkeyPatch) -> Client:
    # Rights come from memberships only (cchc.accounts.permissions.ROLE_PERMISSIONS).
    client.force_login(member("secretariat", Role.SECRETARIAT, secretariat_agency()))
    monkeypatch.setattr(common, "today", lambda: D(2026, 12, 3))
    return client


def test_due_page_tells_never_generated_from_generated_and_empty(
    plan: Plan, secretariat_client: Client
):
    url = reverse("scheduling:due") + "?year=2027&period=quarter-1"
    page = secretariat_client.get(url).content.decode()
    assert 'id="never-generated"' in page and 'id="no-obligations"' not in page
    # Generated for 2027: Quý I/2027 has reports.
    generate_obligations(plan=plan, since=D(2027, 1, 1), until=D(2027, 12, 31), on=D(2026, 12, 3))
    page = secretariat_client.get(url).content.decode()
    assert 'id="never-generated"' not in page and 'id="generated-on"' in page
    # A plan with no activity scheduled then: generated, and nothing is expected.
    empty = Plan.objects.create(title="Kế hoạch không có hoạt động")
    url = reverse("scheduling:due") + f"?year=2027&period=quarter-1&plan={empty.pk}"
    html = secretariat_client.get(url).content.decode()
    assert 'id="never-generated"' in html
    generate_obligations(plan=empty, since=D(2027, 1, 1), until=D(2027, 12, 31), on=D(2026, 12, 3))
    html = secretariat_client.get(url).content.decode()
    assert 'id="generated-on"' in html and 'id="no-obligations"' in html
    assert 'id="never-generated"' not in html


def test_due_page_lists_kept_obligations(plan: Plan, secretariat_client: Client):
    row11 = Node.objects.get(plan=plan, number="11")
    agency_id = Agency.objects.valid_on(D(2026, 3, 14)).first().pk
    kept = _stale(row11, agency_id, ObligationStatus.SUBMITTED)
    generate_obligations(plan=plan, since=D(2026, 1, 1), until=D(2026, 12, 31), on=D(2026, 12, 3))
    html = secretariat_client.get(
        reverse("scheduling:due") + "?year=2026&period=quarter-1"
    ).content.decode()
    section = html.split('id="kept-unexpected"', 1)[1]
    assert f'data-obligation="{kept.pk}"' in section


def test_import_command_generates_this_and_next_year(monkeypatch: pytest.MonkeyPatch):
    load_registry(path=MINI)
    out = StringIO()
    call_command("import_plan", str(SEED_PLAN), "--json", stdout=out, stderr=StringIO())
    payload = json.loads(out.getvalue())
    today = timezone.localdate()
    assert payload["obligations"]["since"] == f"{today.year}-01-01"
    assert payload["obligations"]["until"] == f"{today.year + 1}-12-31"
    run = GenerationRun.objects.get()
    assert run.created == payload["obligations"]["created"] == Obligation.objects.count()
    text = StringIO()
    call_command("import_plan", str(SEED_PLAN), stdout=text, stderr=StringIO())
    assert "cchc obligations generate" in text.getvalue()
    assert GenerationRun.objects.count() == 2


def test_dry_run_generates_nothing():
    load_registry(path=MINI)
    call_command("import_plan", str(SEED_PLAN), "--dry-run", stdout=StringIO(), stderr=StringIO())
    assert not GenerationRun.objects.exists()


def test_period_names_follow_the_interface_language():
    with translation.override("en"):
        assert display_label("quarter", 2026, 1) == "Q1/2026"
        assert display_label("half", 2026, 1) == "First half-year 2026"
        assert display_label("year", 2026, 1) == "Year 2026"
    with translation.override("vi"):
        assert display_label("quarter", 2026, 1) == "Quý I/2026"
        assert display_label("half", 2026, 2) == "6 tháng cuối năm 2026"
