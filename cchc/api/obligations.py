"""Reading obligations: the ones the user may see, filtered; one by id; its report."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from cchc.api import access
from cchc.api.errors import answers
from cchc.api.schemas import (
    MAX_OFFSET,
    ContributionIn,
    ContributionOut,
    Id,
    ObligationOut,
    ObligationPage,
    ReportOut,
    Word,
    obligation_out,
    report_out,
)
from cchc.reporting import actions
from cchc.reporting.models import Report

router = Router(tags=["obligations"])


class ObligationFilters(Schema):
    period: Word | None = None
    status: Word | None = None
    agency: Id | None = None
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


@router.get("/", response=answers({200: ObligationPage}))
def list_obligations(request: HttpRequest, filters: Query[ObligationFilters]) -> ObligationPage:
    """The obligations of the agencies the user may see, by deadline, a page at a time.
    ``period`` is a period's label (``Quý I/2024``), ``agency`` an agency's id."""
    rows = access.visible_obligations(request)
    if filters.period:
        rows = rows.filter(period_label=filters.period)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.agency is not None:
        rows = rows.filter(agency_id=filters.agency)
    page = rows[filters.offset : filters.offset + filters.limit]
    return ObligationPage(count=rows.count(), items=[obligation_out(o) for o in page])


@router.get("/{int:obligation_id}", response=answers({200: ObligationOut}))
def get_obligation(request: HttpRequest, obligation_id: int) -> ObligationOut:
    return obligation_out(access.get_obligation(request, obligation_id))


@router.get("/{int:obligation_id}/report", response=answers({200: ReportOut}))
def get_obligation_report(request: HttpRequest, obligation_id: int) -> ReportOut:
    obligation = access.get_obligation(request, obligation_id)
    report = Report.objects.filter(obligation=obligation).first()
    if report is None:
        raise Http404(_("No report was started for this obligation yet."))
    return report_out(report)


@router.post("/{int:obligation_id}/report", response=answers({201: ReportOut}, 400, 403))
def start_report(request: HttpRequest, obligation_id: int) -> Status[ReportOut]:
    """Start the obligation's report (a draft); returns the existing one if already started."""
    obligation = access.get_obligation(request, obligation_id)
    access.check_can_file(request, obligation)
    report = actions.start_report(obligation=obligation, user=access.actor(request))
    return Status(201, report_out(report))


@router.post(
    "/{int:obligation_id}/contribution",
    response=answers({200: ContributionOut}, 400, 403),
)
def save_contribution(
    request: HttpRequest, obligation_id: int, payload: ContributionIn
) -> ContributionOut:
    """A coordinating agency's contribution; with ``submit`` it is sent."""
    obligation = access.get_obligation(request, obligation_id)
    access.check_can_file(request, obligation)
    contribution = actions.save_contribution(
        obligation=obligation, user=access.actor(request), text=payload.text, submit=payload.submit
    )
    return ContributionOut(
        id=contribution.pk,
        obligation_id=contribution.obligation_id,
        state=contribution.state,
        text=contribution.text,
        submitted_at=contribution.submitted_at,
    )
