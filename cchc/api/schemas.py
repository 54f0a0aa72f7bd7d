"""What the API reads and writes: typed input and output of every endpoint.

Outputs are built from model rows by the ``*_out`` functions, so that each field the API
publishes is named once, here."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from annotated_types import Interval, MaxLen
from django.urls import reverse
from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, StringConstraints

from cchc.core.validation import MAX_BIGINT, storable
from cchc.reporting.models import Evidence, Report, ReportTransition, TextLimit
from cchc.scheduling.models import Obligation

# -- What the inputs may hold: text that can be stored, within the limits of
# ``reporting.models.TextLimit`` (a 422 names the field otherwise), ids a database holds.

Narrative = Annotated[
    str, StringConstraints(max_length=TextLimit.NARRATIVE), AfterValidator(storable)
]
Note = Annotated[str, StringConstraints(max_length=TextLimit.NOTE), AfterValidator(storable)]
Comment = Annotated[str, StringConstraints(max_length=TextLimit.COMMENT), AfterValidator(storable)]
Description = Annotated[
    str, StringConstraints(max_length=TextLimit.DESCRIPTION), AfterValidator(storable)
]
DocumentNumber = Annotated[
    str, StringConstraints(max_length=TextLimit.DOCUMENT_NUMBER), AfterValidator(storable)
]
Issuer = Annotated[str, StringConstraints(max_length=TextLimit.ISSUER), AfterValidator(storable)]
Reason = Annotated[str, StringConstraints(max_length=TextLimit.REASON), AfterValidator(storable)]
# A short value of a query string (a period's label, a status, a sort key).
Word = Annotated[str, StringConstraints(max_length=200), AfterValidator(storable)]
Id = Annotated[int, Interval(ge=1, le=MAX_BIGINT)]
Version = Annotated[int, Interval(ge=1, le=MAX_BIGINT)]
# ``reporting.models.WorkStatus``'s values (a test keeps them equal).
WorkStatusIn = Literal["not_started", "in_progress", "done", "done_late", "blocked"]
# The furthest a list may be paged (an OFFSET the database takes).
MAX_OFFSET = 1_000_000_000
# At most this many reports or agencies in one request.
MAX_ITEMS = 500


class In(Schema):
    """A JSON body: unknown fields are refused, and values are not coerced (``true`` is no
    number, ``"5"`` no integer)."""

    model_config = ConfigDict(extra="forbid", strict=True)


class ErrorOut(Schema):
    """Any refusal: what went wrong, in the user's language."""

    detail: str


class FieldErrorOut(Schema):
    # Where the value was: "body", "query", "path", "form" or "file".
    location: str
    # The field, dotted inside nested objects: "narrative", "offset", "reports.0".
    field: str
    message: str


class ValidationErrorOut(Schema):
    """A 422: the input did not match the schema; each field that did not, and why."""

    detail: str
    errors: list[FieldErrorOut]


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


class DraftIn(In):
    """The fields to change (only those sent) and the version they were read at."""

    version: Version
    work_status: WorkStatusIn | None = None
    percent: Annotated[int, Interval(ge=0, le=100)] | None = None
    narrative: Narrative | None = None
    difficulties: Note | None = None
    proposals: Note | None = None
    explanation: Note | None = None


class VersionIn(In):
    version: Version


class CommentIn(In):
    comment: Comment


class SignOffIn(In):
    version: Version
    comment: Comment = ""


class ApproveIn(In):
    comment: Comment = ""


class ReasonIn(In):
    reason: Comment


class BulkApproveIn(In):
    reports: Annotated[list[Id], MaxLen(MAX_ITEMS)]
    comment: Comment = ""


class EvidenceIn(Schema):
    """The fields of a piece of evidence (a multipart form, sent with its file)."""

    description: Description
    document_number: DocumentNumber = ""
    document_date: dt.date | None = None
    issuer: Issuer = ""


class ContributionIn(In):
    text: Note
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


# -- Service quality (``/api/v1/service-quality/``): the 766 indicators and Biểu 06 -------------

# An administrative level of a dossier (``cchc.dossiers.models.Level``).
LevelIn = Literal["province", "commune"]
# The longest page of a service-quality list.
MAX_SQ_LIMIT = 5000


class ServiceIndicatorsQuery(Schema):
    """Dates as ISO (2026-01-31) or dd/mm/yyyy, as the command line takes them; or a period
    key instead of both (2026-M01, 2026-Q1, 2026-H1, 2026-Y, ND09-2026-Q1)."""

    start: Word | None = Field(None, alias="from")
    end: Word | None = Field(None, alias="to")
    agency: Word | None = None
    level: LevelIn | None = None
    period: Word | None = None
    limit: Annotated[int, Interval(ge=1, le=MAX_SQ_LIMIT)] = 1000
    offset: Annotated[int, Interval(ge=0, le=MAX_OFFSET)] = 0


class ServiceIndicatorOut(Schema):
    code: str
    # The agency's code; null for the whole province.
    agency: str | None
    # 766.2.2 (average time) counts days; every other indicator dossiers.
    numerator: int | float
    denominator: int
    # Percent (days for 766.2.2) with 2 decimals; null: no data (nothing counted).
    rate: float | None
    points: float | None


class Bieu06Out(Schema):
    total: int
    received_online: int
    received_in_person: int
    carried_over: int
    resolved: int
    resolved_early: int
    resolved_on_time: int
    resolved_late: int
    pending: int
    pending_in_time: int
    pending_overdue: int


class ServiceIndicatorsOut(Schema):
    """``cchc dossiers indicators --json``, with the page of ``indicators`` (``count`` in all)."""

    model_config = ConfigDict(populate_by_name=True)

    start: dt.date = Field(serialization_alias="from")
    end: dt.date = Field(serialization_alias="to")
    indicators: list[ServiceIndicatorOut]
    bieu06: Bieu06Out
    count: int
    limit: int
    offset: int


class ServiceScoresQuery(Schema):
    """``period`` a key (2026-M01, 2026-Q1, 2026-Y, ND09-2026-Q1), or without its year when
    ``year`` is given (M01, Q1, Y, ND09-Q1); ``year`` alone: the calendar year. Neither: the
    newest month the rollups hold, as the page."""

    year: Annotated[int, Interval(ge=1901, le=2199)] | None = None
    period: Word | None = None
    limit: Annotated[int, Interval(ge=1, le=MAX_SQ_LIMIT)] = 500
    offset: Annotated[int, Interval(ge=0, le=MAX_OFFSET)] = 0


class ServicePeriodOut(Schema):
    key: str
    label: str
    start: dt.date
    end: dt.date


class ServiceFigureOut(Schema):
    code: str
    name: str
    numerator: int | float
    denominator: int
    rate: float | None
    points: float | None
    # Whether the indicator's points and threshold are confirmed (not secondary sources).
    confirmed: bool


class ServiceGroupOut(Schema):
    group: int
    points: float
    max_points: int


class ServiceScoreOut(Schema):
    """The province (``agency`` null) or one agency: the 766 score, per group, each figure."""

    agency: str | None
    name: str
    # The place among the agencies listed (1 = best score); null for the province.
    rank: int | None
    score: float | None
    groups: list[ServiceGroupOut]
    figures: list[ServiceFigureOut]
    bieu06: Bieu06Out


class ServiceScoresOut(Schema):
    period: ServicePeriodOut
    # Null for those who see only their own agency (as on the page).
    province: ServiceScoreOut | None
    # The agencies ranked, this page of them (``count`` in all).
    agencies: list[ServiceScoreOut]
    count: int
    limit: int
    offset: int
