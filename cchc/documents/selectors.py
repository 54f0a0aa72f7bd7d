"""Reads of the official-report pages (binaries left out of lists)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from cchc.documents.content import period_key, report_periods
from cchc.documents.models import IssuedVersion, OfficialReport, OfficialReportChange
from cchc.plans.models import Plan
from cchc.scheduling.periods import Period


@dataclass(frozen=True, slots=True)
class PeriodRow:
    period: Period
    key: str
    report: OfficialReport | None


def default_plan() -> Plan | None:
    return Plan.objects.order_by("-issued_on", "-pk").first()


def period_rows(*, plan: Plan, year: int) -> list[PeriodRow]:
    """The PAR report's periods of ``year`` with the plan's report of each (if opened) and
    its number of versions: three queries (rules, calendar and deadline rules aside)."""
    reports = {
        (r.period_kind, r.period_number): r
        for r in OfficialReport.objects.filter(plan=plan, period_year=year).annotate(
            version_count=Count("versions")
        )
    }
    return [
        PeriodRow(p, period_key(p.kind, p.number), reports.get((str(p.kind), p.number)))
        for p in report_periods(year)
    ]


def versions_of(report: OfficialReport) -> QuerySet[IssuedVersion]:
    return (
        report.versions.select_related("issued_by")
        .defer("docx", "xlsx", "pdf", "snapshot")
        .order_by("-number")
    )


def history_of(report: OfficialReport) -> QuerySet[OfficialReportChange]:
    return report.history.select_related("actor").order_by("-at", "-pk")
