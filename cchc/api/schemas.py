"""What the API reads and writes: typed input and output of every endpoint.

Outputs are built from model rows by the ``*_out`` functions, so that each field the API
publishes is named once, here."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from ninja import Schema

from cchc.reporting.models import Evidence, Report, ReportTransition
from cchc.scheduling.models import Obligation


class ErrorOut(Schema):
    detail: str


class ObligationOut(Schema):
    id: int
    activity_id: int
    activity_number: str
    activity_title: str
    agency_id: int
    agency_name: str
    role: str
    report: str
    period_kind: str
    period_label: str
    period_start: dt.date
    period_end: dt.date
    deadline: dt.date
    status: str
    report_id: int | None = None
    report_state: str | None = None


class ObligationPage(Schema):
    count: int
    items: list[ObligationOut]


class EvidenceOut(Schema):
    id: int
    description: str
    document_number: str
    document_date: dt.date | None
    issuer: str
    file_name: str
    size: int | None
    content_type: str
    created_at: dt.datetime
    # Where the attached file is downloaded (``GET``), or null without a file.
    file_url: str | None = None


class TransitionOut(Schema):
    actor: str
    at: dt.datetime
    from_state: str
    to_state: str
    comment: str
    changes: list[str]


class ReportOut(Schema):
    id: int
    obligation_id: int
    state: str
    version: int
    work_status: str
    percent: int
    narrative: str
    difficulties: str
    proposals: str
    explanation: str
    submitted_at: dt.datetime | None
    approved_at: dt.datetime | None
    evidence: list[EvidenceOut]
    history: list[TransitionOut]


class DraftIn(Schema):
    """The fields to change (only those sent) and the version they were read at."""

    version: int
    work_status: str | None = None
    percent: int | None = None
    narrative: str | None = None
    difficulties: str | None = None
    proposals: str | None = None
    explanation: str | None = None


class VersionIn(Schema):
    version: int


class CommentIn(Schema):
    comment: str


class SignOffIn(Schema):
    version: int
    comment: str = ""


class ApproveIn(Schema):
    comment: str = ""


class ReasonIn(Schema):
    reason: str


class BulkApproveIn(Schema):
    reports: list[int]
    comment: str = ""


class ContributionIn(Schema):
    text: str
    submit: bool = False


class ContributionOut(Schema):
    id: int
    obligation_id: int
    state: str
    text: str
    submitted_at: dt.datetime | None


def _report_of(obligation: Obligation) -> Report | None:
    """The obligation's report if one was started (no query when it was select_related)."""
    try:
        return obligation.progress_report
    except Report.DoesNotExist:
        return None


def obligation_out(obligation: Obligation) -> ObligationOut:
    report = _report_of(obligation)
    return ObligationOut(
        id=obligation.pk,
        activity_id=obligation.activity_id,
        activity_number=obligation.activity.number,
        activity_title=obligation.activity.title,
        agency_id=obligation.agency_id,
        agency_name=obligation.agency.name,
        role=obligation.role,
        report=obligation.report,
        period_kind=obligation.period_kind,
        period_label=obligation.period_label,
        period_start=obligation.period_start,
        period_end=obligation.period_end,
        deadline=obligation.deadline,
        status=obligation.status,
        report_id=report.pk if report else None,
        report_state=report.state if report else None,
    )


def evidence_out(evidence: Evidence) -> EvidenceOut:
    return EvidenceOut(
        id=evidence.pk,
        description=evidence.description,
        document_number=evidence.document_number,
        document_date=evidence.document_date,
        issuer=evidence.issuer,
        file_name=evidence.original_name,
        size=evidence.size,
        content_type=evidence.content_type,
        created_at=evidence.created_at,
        file_url=(
            reverse("api-v1:evidence_file", kwargs={"evidence_id": evidence.pk})
            if evidence.file
            else None
        ),
    )


def transition_out(transition: ReportTransition) -> TransitionOut:
    return TransitionOut(
        actor=transition.actor.get_username() if transition.actor else "",
        at=transition.at,
        from_state=transition.from_state,
        to_state=transition.to_state,
        comment=transition.comment,
        changes=[str(change) for change in transition.changes],
    )


def report_out(report: Report) -> ReportOut:
    history = ReportTransition.objects.filter(report_id=report.pk).select_related("actor")
    return ReportOut(
        id=report.pk,
        obligation_id=report.obligation_id,
        state=report.state,
        version=report.version,
        work_status=report.work_status,
        percent=report.percent,
        narrative=report.narrative,
        difficulties=report.difficulties,
        proposals=report.proposals,
        explanation=report.explanation,
        submitted_at=report.submitted_at,
        approved_at=report.approved_at,
        evidence=[evidence_out(e) for e in Evidence.objects.filter(report_id=report.pk)],
        history=[transition_out(t) for t in history],
    )
