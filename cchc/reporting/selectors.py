"""Reads of the report pages: a focal point's list, one report with everything shown around
it, the reports awaiting review. Every list costs a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.contrib.auth.models import User
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    Count,
    F,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.sql.compiler import SQLCompiler

from cchc.accounts import permissions
from cchc.accounts.models import Membership
from cchc.accounts.models import Role as MemberRole
from cchc.accounts.permissions import AnyUser
from cchc.agencies.models import Agency, Role
from cchc.core import versions
from cchc.core.models import CacheVersion
from cchc.indicators.selectors import carried_exist
from cchc.plans.models import Node
from cchc.reporting import rules
from cchc.reporting.models import (
    Contribution,
    ContributionState,
    Evidence,
    Report,
    ReportState,
    ReportTransition,
    SignOffSetting,
)
from cchc.scheduling import selectors as due
from cchc.scheduling.models import Obligation, ObligationStatus
from cchc.scheduling.periods import Period
from cchc.scheduling.workdays import WorkCalendar

# Obligations whose report is still to write: open or late on the clock, or returned.
TO_WRITE = (ObligationStatus.OPEN, ObligationStatus.LATE)


@dataclass(frozen=True, slots=True)
class MyRow:
    row: due.DueRow
    report_state: str  # "" when no report was started


# What "my reports" can be narrowed to (``?state=``): a report's state, or the clock's.
MY_STATES = ("returned", "late", "open", "draft", "awaiting_sign_off", "not_started")


def my_obligations(
    *,
    user: AnyUser,
    on: dt.date,
    state: str = "",
    agency_id: int | None = None,
    period: Period | None = None,
    area_id: int | None = None,
) -> QuerySet[Obligation]:
    """The user's agencies' obligations still to write (open, late, or returned): returned
    first, then overdue, then by deadline; narrowed to a ``state`` of ``MY_STATES``, one of
    the user's agencies, one period, one reform area (a plan's top-level section)."""
    agencies = permissions.agencies_of(user)
    if agency_id is not None:
        agencies = agencies & {agency_id}
    qs = due.obligations(on=on, filters=due.DueFilters(), period=period).filter(
        agency_id__in=agencies
    )
    if area_id is not None:
        qs = qs.filter(activity__area_id=area_id)
    returned = Q(progress_report__state=ReportState.RETURNED)
    qs = qs.filter(Q(current__in=TO_WRITE) | returned)
    if state == "returned":
        qs = qs.filter(returned)
    elif state in ("late", "open"):
        qs = qs.filter(Q(current=state)).exclude(returned)
    elif state in ("draft", "awaiting_sign_off"):
        qs = qs.filter(progress_report__state=state)
    elif state == "not_started":
        qs = qs.filter(progress_report__isnull=True)
    qs = due.with_row_fields(qs).annotate(
        report_state=F("progress_report__state"),
        # 0 for a returned report, 1 otherwise: never NULL (PostgreSQL sorts NULL first
        # in descending order).
        returned_last=Case(When(returned, then=Value(0)), default=Value(1)),
    )
    return qs.order_by(
        F("returned_last").asc(),
        F("rank").asc(),
        "deadline",
        "activity__position",
        "agency__name",
        "role",
        "pk",
    )


def my_counts(qs: QuerySet[Obligation]) -> dict[str, int]:
    """How many rows of "my reports" (``my_obligations``) there are, and how many of them
    are returned, overdue and within the deadline: one query grouped by the two columns the
    list is ordered by (cheaper to build than a ``COUNT`` with filters; the page's count
    too)."""
    counts = dict.fromkeys(("total", "returned", "late", "open"), 0)
    groups = qs.order_by().values_list("current", "returned_last").annotate(n=Count("pk"))  # type: ignore[misc]
    for current, returned_last, n in groups:
        counts["total"] += n
        if returned_last == 0:
            counts["returned"] += n
        elif current in ("late", "open"):
            counts[current] += n
    return counts


def latest_return(
    report: Report | None, history: list[ReportTransition]
) -> ReportTransition | None:
    """The step that sent a returned report back (the secretariat's return, the head's
    declined sign-off or a reopening), with its comment, who and when; None unless the
    report is returned now."""
    if report is None or report.state != ReportState.RETURNED:
        return None
    steps = [
        t for t in history if t.to_state == ReportState.RETURNED and t.from_state != t.to_state
    ]
    return max(steps, key=lambda t: (t.at, t.pk), default=None)


def my_rows(obligations: list[Obligation], *, on: dt.date, calendar: WorkCalendar) -> list[MyRow]:
    rows = due.due_rows(obligations, on=on, calendar=calendar)
    return [
        MyRow(row=r, report_state=str(getattr(r.obligation, "report_state", "") or ""))
        for r in rows
    ]


def _plan_id() -> str:
    """The plan of the obligation's activity, as a plain SQL subquery."""
    q = connection.ops.quote_name
    obligation, node = Obligation._meta, Node._meta
    return (
        f"SELECT {q('plan_id')} FROM {q(node.db_table)} "
        f"WHERE {q('id')} = {q(obligation.db_table)}.{q('activity_id')}"
    )


def _plan_version() -> RawSQL:
    """The version of the obligation's plan (``versions.plan_key``), in plain SQL: the ORM's
    subquery cost more to build than the query it saves."""
    q = connection.ops.quote_name
    return RawSQL(
        f"SELECT {q('value')} FROM {q(CacheVersion._meta.db_table)} "
        f"WHERE {q('key')} = %s || CAST(({_plan_id()}) AS TEXT)",
        (versions.PLAN_PREFIX,),
        output_field=BigIntegerField(),
    )


def _found_beside() -> dict[str, RawSQL]:
    """What the report page shows beside the obligation, as whether there is any (plain
    SQL, as ``_plan_version``): its report's evidence (``has_evidence``), the coordinating
    agencies' submitted contributions (``has_contributions``, the rows
    ``contributions_for`` reads) and the targets its activity carries
    (``carries_targets``, ``indicators.selectors.carried_exist``). The page skips the query
    of what is not there (``Beside``)."""
    q = connection.ops.quote_name
    obligation = q(Obligation._meta.db_table)
    evidence, report = q(Evidence._meta.db_table), q(Report._meta.db_table)
    contribution = q(Contribution._meta.db_table)
    own = f"{obligation}.{q('id')}"
    partner = q("partner")  # the alias of the partners' obligations
    same = " AND ".join(
        f"{partner}.{q(column)} = {obligation}.{q(column)}"
        for column in ("activity_id", "report", "period_kind", "period_end")
    )
    return {
        "has_evidence": RawSQL(
            f"EXISTS (SELECT 1 FROM {evidence} WHERE {q('report_id')} = "
            f"(SELECT {q('id')} FROM {report} WHERE {q('obligation_id')} = {own}))",
            (),
            output_field=BooleanField(),
        ),
        "has_contributions": RawSQL(
            f"EXISTS (SELECT 1 FROM {contribution} INNER JOIN {obligation} {partner} "
            f"ON {contribution}.{q('obligation_id')} = {partner}.{q('id')} "
            f"WHERE {contribution}.{q('state')} = %s AND {partner}.{q('role')} = %s "
            f"AND {same})",
            (ContributionState.SUBMITTED.value, Role.PARTNER.value),
            output_field=BooleanField(),
        ),
        "carries_targets": carried_exist(),
    }


# Each plan's activities with their plan, as ``obligation_for`` gives them, under the plan's
# version: an activity's words and place change only with an import or a correction, which
# bump it (``versions.plan_key``). Shared by the requests of a process: read, never changed.
_ACTIVITIES: dict[int, versions.ProcessCache] = {}


def _activity(plan_id: int, version: int, activity_id: int) -> Node:
    cache = _ACTIVITIES.setdefault(plan_id, versions.ProcessCache())
    return cache.get(
        version,
        activity_id,
        lambda: (
            Node.objects.select_related("plan")
            .defer("search_text", "plan__columns")
            .get(pk=activity_id)
        ),
    )


# Stands for the obligation's (or the report's) id while its query is compiled.
_PK = -7_340_021
_OBLIGATION_FIELDS = tuple(f.attname for f in Obligation._meta.concrete_fields)
_AGENCY_FIELDS = tuple(f.attname for f in Agency._meta.concrete_fields)
_REPORT_FIELDS = tuple(f.attname for f in Report._meta.concrete_fields)
_OBLIGATION_EXTRA = (
    "activity_plan_id",
    "plan_version",
    "rule_require_narrative",
    "rule_require_evidence_when_done",
    "has_evidence",
    "has_contributions",
    "carries_targets",
)
_TRANSITION_FIELDS = tuple(f.attname for f in ReportTransition._meta.concrete_fields)
_ACTOR_FIELDS = tuple(f.attname for f in User._meta.concrete_fields)


@functools.cache
def _compiled_obligation() -> tuple[SQLCompiler, str, tuple[Any, ...]]:
    """``obligation_for``'s query as SQL compiled once by the process (compiling it cost
    more than running it), with the compiler that converts its values as ``values_list``
    does: the obligation, its agency and its report (none: nulls) side by side."""
    rows = (
        Obligation.objects.annotate(
            activity_plan_id=RawSQL(_plan_id(), (), output_field=BigIntegerField()),
            plan_version=_plan_version(),
            **rules.rule_annotations(),
            **_found_beside(),
        )
        .filter(pk=_PK)
        .order_by()
        .values_list(
            *_OBLIGATION_FIELDS,
            *(f"agency__{name}" for name in _AGENCY_FIELDS),
            *(f"progress_report__{name}" for name in _REPORT_FIELDS),
            *_OBLIGATION_EXTRA,
        )
    )
    compiler = rows.query.get_compiler(using=rows.db)
    sql, params = compiler.as_sql()
    return compiler, sql, tuple(params)


def _fetch(
    compiled: tuple[SQLCompiler, str, tuple[Any, ...]], pk: int
) -> tuple[str, list[Sequence[Any]]]:
    """The rows of a compiled query for ``pk`` (standing in as ``_PK``), converted."""
    compiler, sql, params = compiled
    alias = compiler.using or DEFAULT_DB_ALIAS
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [pk if p == _PK else p for p in params])
        fetched = cursor.fetchall()
    return alias, list(compiler.results_iter(results=[fetched], tuple_expected=True))


def obligation_for(pk: int) -> Obligation | None:
    """The obligation with its agency, its report (``report_of`` takes it from there once),
    the submission rule in force (``rules.rule_of``), its plan's version (``plan_version``,
    ``cchc.core.versions``) and whether there is anything to read beside it
    (``_found_beside``), in one query compiled once (``_compiled_obligation``); its activity
    with its plan as the process keeps them under the plan's version (a second query when it
    has none)."""
    alias, rows = _fetch(_compiled_obligation(), pk)
    if not rows:
        return None
    row = rows[0]
    n, m, r = len(_OBLIGATION_FIELDS), len(_AGENCY_FIELDS), len(_REPORT_FIELDS)
    found = Obligation.from_db(alias, _OBLIGATION_FIELDS, row[:n])
    found.agency = Agency.from_db(alias, _AGENCY_FIELDS, row[n : n + m])
    report_row = row[n + m : n + m + r]
    report = None if report_row[0] is None else Report.from_db(alias, _REPORT_FIELDS, report_row)
    Obligation.progress_report.related.set_cached_value(found, report)
    if report is not None:
        report.obligation = found
    for name, value in zip(_OBLIGATION_EXTRA, row[n + m + r :], strict=True):
        setattr(found, name, value)
    plan_id = found.activity_plan_id  # type: ignore[attr-defined]
    version = found.plan_version or 0  # type: ignore[attr-defined]
    found.activity = _activity(plan_id, version, found.activity_id)
    return found


@dataclass(frozen=True, slots=True)
class Beside:
    """Whether the obligation's report has evidence and the activity's period has
    contributions, as the obligation's query found them (``obligation_for``): what a page
    drawn in that request may trust. A page drawn after a change (a POST shown again) asks
    the database (``Beside()``: both may be there)."""

    evidence: bool = True
    contributions: bool = True

    @classmethod
    def found(cls, obligation: Obligation) -> Beside:
        return cls(
            evidence=bool(getattr(obligation, "has_evidence", True)),
            contributions=bool(getattr(obligation, "has_contributions", True)),
        )


def report_of(obligation: Obligation) -> Report | None:
    """The obligation's report: read with the obligation the first time (``obligation_for``),
    from the database after that (a page shown again after a step shows the report as
    stored)."""
    related = Obligation.progress_report.related
    report: Report | None
    if related.is_cached(obligation):
        report = cast("Report | None", related.get_cached_value(obligation))
    else:
        report = Report.objects.filter(obligation=obligation).order_by().first()
    if report is not None:
        # The caller's obligation (with its activity, plan and agency): what reads
        # ``report.obligation`` on the page no longer loads it a second time.
        report.obligation = obligation
    if related.is_cached(obligation):
        related.delete_cached_value(obligation)
    return report


def evidence_of(report: Report | None, beside: Beside | None = None) -> list[Evidence]:
    if report is None or (beside is not None and not beside.evidence):
        return []
    # In the order added (the default ordering would join the report and its obligation).
    return list(report.evidence.order_by("pk"))


@functools.cache
def _compiled_history() -> tuple[SQLCompiler, str, tuple[Any, ...]]:
    """``history_of``'s query (the steps in their order, each with its actor) as SQL
    compiled once by the process, as ``_compiled_obligation``."""
    rows = ReportTransition.objects.filter(report_id=_PK).values_list(
        *_TRANSITION_FIELDS, *(f"actor__{name}" for name in _ACTOR_FIELDS)
    )
    compiler = rows.query.get_compiler(using=rows.db)
    sql, params = compiler.as_sql()
    return compiler, sql, tuple(params)


def history_of(report: Report | None) -> list[ReportTransition]:
    """The report's steps, oldest first, each with its actor (none: the system)."""
    if report is None:
        return []
    alias, rows = _fetch(_compiled_history(), report.pk)
    n = len(_TRANSITION_FIELDS)
    history = []
    for row in rows:
        step = ReportTransition.from_db(alias, _TRANSITION_FIELDS, row[:n])
        step.report = report
        step.actor = None if row[n] is None else User.from_db(alias, _ACTOR_FIELDS, row[n:])
        history.append(step)
    return history


def contributions_for(obligation: Obligation, beside: Beside | None = None) -> list[Contribution]:
    """The coordinating agencies' submitted contributions on the same activity and period."""
    if beside is not None and not beside.contributions:
        return []
    return list(
        Contribution.objects.filter(
            state=ContributionState.SUBMITTED,
            obligation__activity_id=obligation.activity_id,
            obligation__report=obligation.report,
            obligation__period_kind=obligation.period_kind,
            obligation__period_end=obligation.period_end,
            obligation__role=Role.PARTNER,
        )
        .select_related("obligation__agency")
        .order_by("obligation__agency__name", "pk")
    )


def contribution_of(obligation: Obligation) -> Contribution | None:
    return Contribution.objects.filter(obligation=obligation).first()


def awaiting_review(
    *, agency_id: int | None = None, period: Period | None = None, area_id: int | None = None
) -> QuerySet[Report]:
    """Submitted reports, the oldest submission first; of one agency, of one period, of one
    reform area."""
    qs = Report.objects.filter(state=ReportState.SUBMITTED)
    if agency_id is not None:
        qs = qs.filter(obligation__agency_id=agency_id)
    if area_id is not None:
        qs = qs.filter(obligation__activity__area_id=area_id)
    if period is not None:
        qs = qs.filter(
            obligation__report=period.report,
            obligation__period_kind=period.kind,
            obligation__period_end=period.end,
        )
    # The activity's folded search text is as long as its fields and never shown here.
    return (
        qs.select_related("obligation__activity", "obligation__agency")
        .defer("obligation__activity__search_text")
        .order_by("submitted_at", "pk")
    )


@dataclass(frozen=True, slots=True)
class SignOffRow:
    agency: Agency
    required: bool


def awaiting_sign_off(*, agency_ids: set[int] | None) -> QuerySet[Report]:
    """Reports awaiting their head's sign-off, the oldest first; of the given agencies, or of
    all (``None``)."""
    qs = Report.objects.filter(state=ReportState.AWAITING_SIGN_OFF)
    if agency_ids is not None:
        qs = qs.filter(obligation__agency_id__in=agency_ids)
    return (
        qs.select_related("obligation__activity", "obligation__agency")
        .defer("obligation__activity__search_text")
        .order_by("submitted_at", "pk")
    )


def sign_off_rows(*, agency_ids: set[int] | None) -> list[SignOffRow]:
    """The setting of each given agency; with ``None``, of every agency that asks for it."""
    if agency_ids is None:
        ids = set(SignOffSetting.objects.values_list("agency_id", flat=True).distinct())
        required = SignOffSetting.objects.required_for(ids)
        agencies = Agency.objects.filter(pk__in=required)
    else:
        required = SignOffSetting.objects.required_for(agency_ids)
        agencies = Agency.objects.filter(pk__in=agency_ids)
    return [SignOffRow(a, a.pk in required) for a in agencies.order_by("name")]


def agencies_awaiting_review() -> list[tuple[int, str]]:
    """The agencies with reports awaiting review (the review list's agency filter)."""
    ids = Report.objects.filter(state=ReportState.SUBMITTED).values("obligation__agency_id")
    return list(Agency.objects.filter(pk__in=ids).order_by("name").values_list("pk", "name"))


def agencies_to_ask() -> QuerySet[Agency]:
    """The agencies that have an active head: those that can be asked for a sign-off."""
    heads = Membership.objects.active().filter(role=MemberRole.HEAD).values("agency_id")
    return Agency.objects.filter(pk__in=heads).order_by("name")
