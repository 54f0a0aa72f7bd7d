"""A small plan with hand-set reports whose figures are computed by hand in the tests.

``build_small_plan``: area I (activities A1, A2), area III (A3, A4). Agencies X and Y.
Lead obligations: the first quarter of 2024 for (A1, X), (A1, Y), (A2, X), (A3, Y); the
first half-year for (A1, X), (A2, X). Reports:

- Q1 (A1, X): approved, 50%, sent on time;   Q2 (A1, X): approved, 70%, sent late;
- Q1 (A1, Y): submitted (not approved), 80%, sent late;
- Q1 (A2, X): approved, done, 100%, with evidence, sent on time;  Q2 (A2, X): a draft;
- Q1 (A3, Y): none.  A4 has no lead obligation.

The day is ``ON`` (after both deadlines).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from cchc.agencies.models import Agency, AgencyLevel
from cchc.conftest import build_small_plan
from cchc.dashboards import cache, figures
from cchc.plans.models import Node, NodeKind, Plan
from cchc.reporting.models import Evidence, Report
from cchc.reporting.views import common
from cchc.scheduling import selectors as due
from cchc.scheduling.models import Obligation
from cchc.scheduling.periods import Period
from cchc.scheduling.workdays import WorkCalendar

ON = dt.date(2024, 7, 25)


@dataclass
class World:
    plan: Plan
    x: Agency
    y: Agency
    a1: Node
    a2: Node
    a3: Node
    a4: Node
    area1: Node
    area2: Node
    q1: Period
    q2: Period
    obligations: dict[tuple[str, str, str], Obligation]


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


@pytest.fixture(autouse=True)
def _fresh_periods() -> None:
    """Each test reads the reporting periods anew (their rules differ between tests), and
    computes its figures."""
    figures.forget_periods()
    cache.forget_figures()


@pytest.fixture
def world(db: None, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setattr(common, "today", lambda: ON)
    plan = build_small_plan()
    x = Agency.objects.create(code="t.x", name="Sở X", level=AgencyLevel.DEPARTMENT)
    y = Agency.objects.create(code="t.y", name="Sở Y", level=AgencyLevel.DEPARTMENT)
    acts = list(Node.objects.filter(plan=plan, kind=NodeKind.ACTIVITY).order_by("position"))
    a1, a2, a3, a4 = acts
    areas = list(
        Node.objects.filter(plan=plan, kind=NodeKind.SECTION, parent=None).order_by("position")
    )
    periods = {due.period_key(p): p for p in due.report_periods(2024, calendar=WorkCalendar())}
    q1, q2 = periods["quarter-1"], periods["half-1"]
    obligations: dict[tuple[str, str, str], Obligation] = {}

    def oblige(activity: Node, name: str, agency: Agency, period: Period, key: str) -> None:
        obligations[(name, agency.code, key)] = Obligation.objects.create(
            activity=activity,
            agency=agency,
            role="lead",
            report=period.report,
            period_kind=period.kind,
            period_label=period.label,
            period_start=period.start,
            period_end=period.end,
            deadline=period.deadline_effective,
        )

    for activity, name, agency in ((a1, "a1", x), (a1, "a1", y), (a2, "a2", x), (a3, "a3", y)):
        oblige(activity, name, agency, q1, "q1")
    for activity, name in ((a1, "a1"), (a2, "a2")):
        oblige(activity, name, x, q2, "q2")

    def report(
        key: tuple[str, str, str], *, state: str, percent: int, late: bool, **kw: str
    ) -> Report:
        o = obligations[key]
        sent = o.deadline + dt.timedelta(days=3 if late else -2)
        return Report.objects.create(
            obligation=o,
            state=state,
            percent=percent,
            submitted_at=_at(sent) if state != "draft" else None,
            approved_at=_at(sent + dt.timedelta(days=1)) if state == "approved" else None,
            **kw,
        )

    report(("a1", "t.x", "q1"), state="approved", percent=50, late=False)
    report(("a1", "t.x", "q2"), state="approved", percent=70, late=True)
    report(("a1", "t.y", "q1"), state="submitted", percent=80, late=True)
    done = report(
        ("a2", "t.x", "q1"), state="approved", percent=100, late=False, work_status="done"
    )
    Evidence.objects.create(report=done, description="Quyết định", document_number="1/QĐ")
    report(("a2", "t.x", "q2"), state="draft", percent=20, late=False)
    return World(plan, x, y, a1, a2, a3, a4, areas[0], areas[1], q1, q2, obligations)
