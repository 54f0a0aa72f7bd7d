"""What a periodic PAR report says: the data snapshot (JSON-ready) from approved data only.

- **Period**: ``resolve_period(year, key)`` — keys ``q1``…``q4``, ``h1``, ``h2``, ``9m``,
  ``year`` — from ``cchc.scheduling.periods.periods_for`` (the NĐ 09/2019 windows and the
  province's deadline to the Ministry, day 20). A key whose period the rules leave out (the
  PAR report has no quarter II or IV: the six-month and annual reports replace them) is refused
  with the keys that exist.
- **Progress as of the period's cut-off** (``progress_as_of``): the one definition of
  ``cchc.reporting.progress`` (an activity's lead agencies, each one's latest approved report;
  the mean over them; areas the plain mean of their activities), restricted to the reports of
  obligations whose period ends on or before the cut-off. When no later report is approved the
  figures equal ``progress_for``'s (the tests check it).
- **Reporting status of the period**: ``cchc.reporting.grid.status_grid`` for the plan's lead
  obligations of the period, judged on the day the snapshot is made.
- **Targets**: the plan's confirmed targets with their status on the cut-off
  (``cchc.indicators.selectors.plan_targets``).
- **Service indicators**: for each indicator in force, the province-wide measurement whose
  cut-off falls in the period; "chưa có số liệu" where there is none.

Every number of the DOCX, the XLSX and the page comes from the snapshot.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import Truncator

from cchc.agencies.models import Role
from cchc.indicators.models import Indicator, Measurement, TargetState
from cchc.indicators.selectors import plan_targets
from cchc.indicators.status import Status
from cchc.plans.models import Node, NodeKind, Plan
from cchc.reporting.grid import Category, GridFilters, status_grid
from cchc.reporting.models import Report, ReportState
from cchc.reporting.progress import PlanProgress, progress_for
from cchc.scheduling.models import PeriodKind
from cchc.scheduling.periods import Period, periods_for

NO_DATA = "chưa có số liệu"
SNAPSHOT_VERSION = 1

PERIOD_KEYS: dict[str, tuple[PeriodKind, int]] = {
    "q1": (PeriodKind.QUARTER, 1),
    "q2": (PeriodKind.QUARTER, 2),
    "q3": (PeriodKind.QUARTER, 3),
    "q4": (PeriodKind.QUARTER, 4),
    "h1": (PeriodKind.HALF, 1),
    "h2": (PeriodKind.HALF, 2),
    "9m": (PeriodKind.NINE_MONTHS, 1),
    "year": (PeriodKind.YEAR, 1),
}


class PeriodError(ValueError):
    """A period key or year the rules do not know."""


def period_key(kind: str, number: int) -> str:
    for key, (k, n) in PERIOD_KEYS.items():
        if k == kind and n == number:
            return key
    return f"{kind}-{number}"


def report_periods(year: int) -> list[Period]:
    """The PAR report's periods ending in ``year`` (months left out: no monthly PAR report)."""
    return [p for p in periods_for(year, report="par") if p.kind != PeriodKind.MONTH]


def resolve_period(year: int, key: str) -> Period:
    if key not in PERIOD_KEYS:
        raise PeriodError(f"unknown period key {key!r}: use one of {', '.join(PERIOD_KEYS)}")
    kind, number = PERIOD_KEYS[key]
    found = report_periods(year)
    for p in found:
        if p.kind == kind and p.number == number:
            return p
    keys = ", ".join(period_key(p.kind, p.number) for p in found) or "none"
    raise PeriodError(f"the PAR report has no period {key!r} in {year} (it has: {keys})")


def period_of(report: Any) -> Period:
    """The period of an ``OfficialReport`` under today's rules."""
    return resolve_period(report.period_year, period_key(report.period_kind, report.period_number))


def progress_as_of(plan: Plan, end: dt.date) -> PlanProgress:
    """Progress of ``plan`` from the reports approved for periods ending on or before ``end``:
    ``cchc.reporting.progress``'s one definition, at that cut-off."""
    return progress_for(plan, until=end)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _areas(plan: Plan, progress: PlanProgress) -> list[dict[str, Any]]:
    areas = Node.objects.filter(plan=plan, parent__isnull=True, kind=NodeKind.SECTION).order_by(
        "position"
    )
    activity_area = dict(
        Node.objects.filter(plan=plan, kind=NodeKind.ACTIVITY).values_list("id", "area_id")
    )
    result = []
    for area in areas:
        mine = [a for pk, a in progress.activities.items() if activity_area.get(pk) == area.pk]
        result.append(
            {
                "id": area.pk,
                "number": area.number,
                "title": area.title,
                "heading": area.display,
                "progress": _round(progress.nodes.get(area.pk)),
                "activities": len(mine),
                "done": sum(1 for a in mine if a.done),
                "reported": sum(1 for a in mine if a.reported),
            }
        )
    return result


def _status(plan: Plan, period: Period, on: dt.date) -> dict[str, Any]:
    grid = status_grid(period=period, on=on, filters=GridFilters(plan=plan.pk, sort="name"))
    totals = grid.totals
    return {
        "on": on.isoformat(),
        "total": totals.total,
        "counts": dict(totals.counts),
        "labels": {c.value: str(c.label) for c in Category},
        "approved": totals.approved,
        "completeness": _round(totals.completeness),
        "timeliness": _round(totals.timeliness),
        "agencies": [
            {
                "name": row.name,
                "total": row.total,
                "counts": dict(row.counts),
                "completeness": _round(row.completeness),
                "timeliness": _round(row.timeliness),
            }
            for row in grid.rows
        ],
    }


def _targets(plan: Plan, end: dt.date) -> list[dict[str, Any]]:
    rows = []
    for row in plan_targets(plan_id=plan.pk, on=end):
        target = row.target
        if target.state != TargetState.CONFIRMED:
            continue
        rows.append(
            {
                "area_id": target.node.area_id if target.node else None,
                "indicator": target.indicator.name if target.indicator else "",
                "node": target.node.display if target.node else "",
                "target": target.describe(),
                "scope": target.scope,
                "actual": row.assessment.actual,
                "status": str(row.status),
                "status_label": str(Status(row.status).label),
            }
        )
    return rows


def _service_indicators(period: Period) -> list[dict[str, Any]]:
    indicators = list(
        Indicator.objects.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=period.start),
            valid_from__lte=period.end,
        ).order_by("code")
    )
    found: dict[int, Measurement] = {}
    for row in Measurement.objects.filter(
        indicator__in=indicators,
        agency__isnull=True,
        scope="",
        period_end__gte=period.start,
        period_end__lte=period.end,
    ).order_by("period_end", "pk"):
        found[row.indicator_id] = row  # the latest of the period wins
    rows = []
    for indicator in indicators:
        m = found.get(indicator.pk)
        rows.append(
            {
                "code": indicator.code,
                "name": indicator.name,
                "unit": str(indicator.unit),
                "value": m.value if m is not None else None,
                "text": _value_text(m),
                "period": m.period_label if m is not None else "",
            }
        )
    return rows


def _value_text(m: Measurement | None) -> str:
    if m is None or m.value is None:
        return NO_DATA
    return f"{m.value:g}"


# Without the registry (or a province People's Committee in it on the day): these.
FALLBACK_BODY = "UBND TỈNH"
PROVINCE_COMMITTEE = "Ủy ban nhân dân"


def issuer_on(day: dt.date) -> dict[str, str]:
    """The issuing body and place printed on a report issued on ``day``: the settings
    ``CCHC_ISSUING_BODY`` / ``CCHC_ISSUING_PLACE`` when set, else the province's People's
    Committee as the registry names it that day (before 1/7/2025 "UBND TỈNH BẮC GIANG", then
    "UBND TỈNH BẮC NINH", and after a rename its new name) and its province's name."""
    body, place = settings.CCHC_ISSUING_BODY, settings.CCHC_ISSUING_PLACE
    if body and place:
        return {"body": body, "place": place}
    from cchc.agencies.models import Agency

    committees = (
        Agency.objects.valid_on(day)
        .filter(code__endswith=".ubnd-tinh", level="province")
        .prefetch_related("renames")
        .order_by("code")
    )
    committee = committees.first()
    if committee is None:
        return {"body": body or FALLBACK_BODY, "place": place}
    name = committee.name_on(day)
    short = name.replace(PROVINCE_COMMITTEE, "UBND", 1)
    for unit in ("thành phố ", "tỉnh "):
        if unit in name:
            return {
                "body": body or short.upper(),
                "place": place or name.split(unit, 1)[1].strip(),
            }
    return {"body": body or short.upper(), "place": place}


def build_snapshot(*, plan: Plan, period: Period, on: dt.date | None = None) -> dict[str, Any]:
    """Everything the report says about ``plan`` for ``period``, as JSON-ready data."""
    on = on or timezone.localdate()
    with translation.override("vi"):
        progress = progress_as_of(plan, period.end)
        return {
            "version": SNAPSHOT_VERSION,
            "made_on": on.isoformat(),
            "plan": {"id": plan.pk, "number": plan.number, "title": plan.title},
            "period": {
                "key": period_key(period.kind, period.number),
                "kind": str(period.kind),
                "year": period.year,
                "number": period.number,
                "label": period.label,
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
                "province_deadline": (
                    period.province_deadline.isoformat() if period.province_deadline else ""
                ),
            },
            "issuer": {
                **issuer_on(on),
                "signer_title": settings.CCHC_SIGNER_TITLE,
                "signer_name": settings.CCHC_SIGNER_NAME,
                "recipients": list(settings.CCHC_REPORT_RECIPIENTS),
            },
            "progress": {
                "overall": _round(progress.overall) if progress.activities else None,
                "activities": len(progress.activities),
                "done": progress.done_count,
                "reported": sum(1 for a in progress.activities.values() if a.reported),
            },
            "areas": _areas(plan, progress),
            "status": _status(plan, period, on),
            "targets": _targets(plan, period.end),
            "indicators": _service_indicators(period),
        }


def percent_text(value: float | None) -> str:
    """A percentage as the report prints it: "42,5%" (Vietnamese decimal comma)."""
    if value is None:
        return NO_DATA
    return f"{value:.1f}".replace(".", ",") + "%"


def report_texts(*, plan: Plan, period: Period) -> dict[str, str]:
    """What the lead agencies wrote in their approved reports of ``period``, gathered per
    section: the work done under each reform area ("area-<id>"), their difficulties
    ("shortcomings") and proposals ("proposals"), one line per report naming its activity
    and agency (one query)."""
    reports = (
        Report.objects.filter(
            obligation__activity__plan=plan,
            obligation__role=Role.LEAD,
            obligation__period_kind=period.kind,
            obligation__period_end=period.end,
            state=ReportState.APPROVED,
        )
        .select_related("obligation__activity", "obligation__agency")
        .order_by("obligation__activity__position", "obligation__agency__name")
    )
    lines: dict[str, list[str]] = {}
    for report in reports:
        activity = report.obligation.activity
        title = Truncator(activity.labelled_title).words(25)
        who = f"{title} ({report.obligation.agency.name})"
        for key, text in (
            (f"area-{activity.area_id}", report.narrative),
            ("shortcomings", report.difficulties),
            ("proposals", report.proposals),
        ):
            if text.strip():
                lines.setdefault(key, []).append(f"- {who}: {' '.join(text.split())}")
    return {key: "\n".join(found) for key, found in lines.items()}


def default_sections(
    snapshot: dict[str, Any], texts: dict[str, str] | None = None
) -> list[tuple[str, str, str]]:
    """The report's narrative sections (key, title, prefilled text), in order: the texts of
    the agencies' approved reports (``report_texts``) where there are some. Numbers are not
    written here: the figures paragraphs of the document carry them, fresh when issued."""
    texts = texts or {}
    period = snapshot["period"]["label"]
    sections = [
        (
            "overview",
            "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
            f"Trong {period}, UBND tỉnh tiếp tục chỉ đạo các cơ quan, đơn vị triển khai Kế hoạch "
            "cải cách hành chính của tỉnh; theo dõi, đôn đốc việc báo cáo định kỳ của các cơ "
            "quan, đơn vị.",
        )
    ]
    for index, area in enumerate(snapshot["areas"], start=1):
        key = f"area-{area['id']}"
        sections.append((key, f"{index}. {area['title']}", texts.get(key, "")))
    sections += [
        ("shortcomings", "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", texts.get("shortcomings", "")),
        ("next", "IV. NHIỆM VỤ TRỌNG TÂM KỲ TỚI", ""),
        ("proposals", "V. ĐỀ XUẤT, KIẾN NGHỊ", texts.get("proposals", "")),
    ]
    return sections
