"""Issue 13, done when: the status grid and the reminders count on the agencies' deadline to
the secretariat (day 17 of the period's last month as seeded), not on the province's to the
Ministry (day 20); ``cchc calendar 2026`` and ``cchc periods 2026`` agree with the announced
calendar (the New Year swap of Văn bản 12729/VPCP-KGVX, no day off on 24/11)."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command

from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import import_seed
from cchc.reporting import grid
from cchc.reporting.grid import Category, GridFilters
from cchc.scheduling.models import Obligation, Reminder
from cchc.scheduling.obligations import generate_obligations
from cchc.scheduling.reminders import plan_reminders
from cchc.scheduling.selectors import period_by_key
from cchc.scheduling.workdays import WorkCalendar

D = dt.date
AGENCIES_DUE = D(2026, 3, 17)  # Quý I/2026: day 17 of March (a Tuesday)
pytestmark = [pytest.mark.django_db, pytest.mark.agency_deadlines]


@pytest.fixture
def q1() -> list[Obligation]:
    load_registry(path=MINI)
    plan = import_seed()
    generate_obligations(plan=plan, since=D(2026, 1, 1), until=D(2026, 3, 31), on=D(2026, 1, 5))
    rows = list(Obligation.objects.filter(period_label="Quý I/2026", role="lead"))
    assert rows and {o.deadline for o in rows} == {AGENCIES_DUE}
    return rows


def test_the_status_grid_counts_overdue_from_the_agencies_deadline(q1: list[Obligation]) -> None:
    period = period_by_key(2026, "quarter-1", calendar=WorkCalendar())
    assert period is not None
    on_the_day = grid.status_grid(period=period, on=AGENCIES_DUE, filters=GridFilters())
    assert on_the_day.totals.counts[Category.NOT_STARTED] == len(q1)
    # 18/3: before the province's day 20, yet every unsent report is already overdue.
    after = grid.status_grid(period=period, on=D(2026, 3, 18), filters=GridFilters())
    assert after.totals.counts[Category.OVERDUE] == len(q1)


def test_reminders_follow_the_agencies_deadline(q1: list[Obligation]) -> None:
    ids = {o.pk for o in q1}

    def stages(on: dt.date) -> set[str]:
        plan = plan_reminders(on=on, days_before=3)
        return {
            b.stage
            for b in [*plan.batches, *plan.unreachable]
            if ids & {o.pk for o in b.obligations}
        }

    assert stages(D(2026, 3, 10)) == set()  # more than three working days before the 17th
    assert stages(D(2026, 3, 16)) == {Reminder.Stage.BEFORE}
    assert stages(D(2026, 3, 18)) == {Reminder.Stage.OVERDUE}  # the province's day 20 is later


def test_the_calendar_of_2026_is_the_announced_one() -> None:
    out = StringIO()
    call_command("calendar", "2026", "--json", stdout=out)
    days = {row["date"]: row for row in json.loads(out.getvalue())["days"]}
    assert not days["2026-01-02"]["working"] and days["2026-01-10"]["working"]
    for swapped in ("2026-01-02", "2026-01-10"):
        assert days[swapped]["basis"].startswith("12729/VPCP-KGVX, 25/12/2025")
        assert days[swapped]["confirmed"]
    assert days["2026-02-16"]["name"].startswith("29 Tết")  # 29 tháng Chạp: no 30 Tết in 2026
    assert "2026-11-24" not in days  # Ngày Văn hóa Việt Nam: no legal text makes it a day off
    calendar = WorkCalendar()
    year = [D(2026, 1, 1) + dt.timedelta(n) for n in range(365)]
    off = [d for d in year if d.weekday() < 5 and not calendar.is_working_day(d)]
    assert off == [
        D(2026, 1, 1),
        D(2026, 1, 2),
        D(2026, 2, 16),
        D(2026, 2, 17),
        D(2026, 2, 18),
        D(2026, 2, 19),
        D(2026, 2, 20),
        D(2026, 4, 27),
        D(2026, 4, 30),
        D(2026, 5, 1),
        D(2026, 8, 31),
        D(2026, 9, 1),
        D(2026, 9, 2),
    ]
    assert calendar.is_working_day(D(2026, 1, 10)) and calendar.is_working_day(D(2026, 8, 22))


def test_periods_2026_show_both_deadlines_of_every_quarter() -> None:
    out = StringIO()
    call_command("periods", "2026", stdout=out)
    text = out.getvalue()
    for agencies, province in (
        ("2026-03-17", "2026-03-20"),
        ("2026-06-17", "2026-06-22"),  # 20/6 is a Saturday: the province's moves, by its rule
        ("2026-09-17", "2026-09-21"),
        ("2026-12-17", "2026-12-21"),
    ):
        line = next(x for x in text.splitlines() if agencies in x)
        assert province in line, (line, province)
