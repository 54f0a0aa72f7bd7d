"""The Decision 766 service indicators and the Biểu 06 table, written ONCE as Ibis expressions.

The same expression runs on the Django database (SQLite, PostgreSQL), on DuckDB over the Parquet
copy and on Spark. Every time comparison is made in epoch seconds (integers), so the engines
agree whatever they do with time zones; period bounds are given as epoch seconds too.

Input: a dossier table with the columns of ``cchc.dossiers.models.Dossier`` (``COLUMNS``) and a
table of periods ``(period, start_s, end_s)``: a dossier belongs to a period when it was received
before the period's end and not finished before its start. One aggregate gives, per period and
per grouping key, the numerator and denominator of every indicator and the Biểu 06 counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir

from cchc.dossiers.signals import SNAPSHOT_FIELDS

DAY = 86_400

# The dossier columns the formulas read: the values the ingest hands its hooks of a dossier
# before a batch changed it (the incremental rollups subtract their old contribution).
COLUMNS = SNAPSHOT_FIELDS

GROUP_KEYS = ("province_code", "agency_code", "level", "procedure_code", "field")


@dataclass(frozen=True, slots=True)
class Formula:
    code: str
    numerator: str
    denominator: str
    percent: bool = True


# The indicators, each a pair of columns of the aggregate (``aggregate`` below).
INDICATORS: tuple[Formula, ...] = (
    Formula("766.2.1", "n_2_1", "d_2_1"),
    Formula("766.2.2", "n_2_2", "d_2_2", percent=False),
    Formula("766.3.3", "n_3_3", "d_3_3"),
    Formula("766.3.6", "n_3_6", "d_3_6"),
    Formula("766.4.1", "n_4_1", "d_4_1"),
    Formula("766.4.2", "n_4_2", "d_4_2"),
    Formula("766.4.3", "n_4_3", "d_4_3"),
    Formula("766.5.4", "n_5_4", "d_5_4"),
)
CODES = tuple(f.code for f in INDICATORS)

BIEU06 = (
    "total",
    "received_online",
    "received_in_person",
    "carried_over",
    "resolved",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "pending",
    "pending_in_time",
    "pending_overdue",
)

MEASURES = tuple(c for f in INDICATORS for c in (f.numerator, f.denominator)) + BIEU06


def epoch(moment: dt.datetime) -> int:
    """Epoch seconds of an aware moment (naive moments are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return int(moment.timestamp())


def _flag(col: ir.Value) -> ir.BooleanValue:
    return col.cast("int32").fill_null(0) == 1


def _count(cond: ir.BooleanValue) -> ir.IntegerScalar:
    return cond.ifelse(1, 0).sum().fill_null(0).cast("int64")


def _secs(col: ir.Value) -> ir.IntegerValue:
    # Whole seconds, floored: engines differ in rounding fractions (Spark truncates, DuckDB
    # and PostgreSQL keep them), so the fraction is dropped the same way everywhere.
    return col.epoch_seconds().floor().cast("int64")


def prepare(dossiers: ir.Table, periods: ir.Table) -> ir.Table:
    """Each dossier once per period it belongs to, with the facts the formulas count."""
    t = dossiers
    rec = _secs(t.received_at)
    fin = _secs(t.finished_at)
    due = _secs(t.due_at)
    supp = (t.supplement_days.cast("float64").fill_null(0) * DAY).cast("int64")
    base = t.select(
        *[t[k] for k in GROUP_KEYS],
        channel=t.channel.cast("int32"),
        rec_s=rec,
        fin_s=fin,
        due_s=due,
        supp_s=supp,
        supp_n=t.supplement_requests.cast("int32").fill_null(0),
        # Without a promised date: the statutory due date, counted in working days at ingest
        # (``cchc.dossiers.statutory``: the engines cannot read the calendar).
        stat_s=_secs(t.statutory_due_at),
        e_result=_flag(t.e_result),
        # The procedure requires a paper result (derived at ingest from the catalogue;
        # unknown procedure = not required): regulation rows 3.3 and 4.1.
        paper=_flag(t.paper_result),
        digitised=_flag(t.digitised),
        reused=_flag(t.reused_data),
        paid=_flag(t.paid_online),
        has_fee=t.fee.cast("float64").fill_null(0) > 0,
        feedback=t.feedback.fill_null(""),
    )
    p = periods
    joined = base.join(
        p,
        [
            base.rec_s < p.end_s,
            base.fin_s.isnull() | (base.fin_s >= p.start_s),
        ],
    )
    j = joined
    resolved = j.fin_s.notnull() & (j.fin_s < j.end_s)
    # Open at the period's end: judged at the period's end.
    judged_end = resolved.ifelse(j.fin_s, j.end_s)
    used = judged_end - j.supp_s - j.rec_s
    # The promised date, else the statutory time from reception (regulation §3.4, 2.1).
    limit = j.due_s.notnull().ifelse(j.due_s - j.rec_s, j.stat_s - j.rec_s)
    judgeable = limit.notnull()
    in_time = (j.supp_n <= 1) & judgeable & (used <= limit)
    early = in_time & (used + DAY <= limit)
    received = j.rec_s >= j.start_s
    finished_here = resolved & (j.fin_s >= j.start_s)
    return j.mutate(
        received=received,
        resolved=resolved,
        judgeable=judgeable,
        in_time=in_time,
        early=early,
        finished_here=finished_here,
        used_s=used,
        # Biểu 06 puts a dossier that cannot be judged (no promised date, no statutory time)
        # with those on time: the table must still add up.
        b06_ok=in_time | (~judgeable & (j.supp_n <= 1)),
    )


def measures(j: ir.Table) -> dict[str, ir.Scalar]:
    """Every numerator, denominator and Biểu 06 count as aggregate expressions."""
    rec = j.received
    satisfied = j.feedback == "satisfied"
    rated = satisfied | (j.feedback == "unsatisfied")
    return {
        "n_2_1": _count(j.judgeable & j.in_time),
        "d_2_1": _count(j.judgeable),
        # 2.2: days of resolution (supplement pause removed) of the dossiers finished.
        "n_2_2": (j.finished_here.ifelse(j.used_s, 0).sum().fill_null(0)).cast("int64"),
        "d_2_2": _count(j.finished_here),
        # 3.3: received online and, when the procedure requires a paper result, an electronic
        # result issued; × the synchronisation ratio, taken as 1 (no national-side count).
        "n_3_3": _count(rec & (j.channel == 2) & (~j.paper | j.e_result)),
        "d_3_3": _count(rec),
        "n_3_6": _count(rec & j.has_fee & j.paid),
        "d_3_6": _count(rec & j.has_fee),
        # 4.1: only the procedures that require a paper result.
        "n_4_1": _count(j.finished_here & j.paper & j.e_result),
        "d_4_1": _count(j.finished_here & j.paper),
        "n_4_2": _count(rec & j.digitised & (~j.resolved | j.e_result)),
        "d_4_2": _count(rec),
        "n_4_3": _count(rec & j.reused),
        "d_4_3": _count(rec),
        "n_5_4": _count(j.finished_here & satisfied),
        "d_5_4": _count(j.finished_here & rated),
        "total": j.count().cast("int64"),
        "received_online": _count(rec & (j.channel == 2)),
        "received_in_person": _count(rec & (j.channel.fill_null(1) != 2)),
        "carried_over": _count(~rec),
        "resolved": _count(j.resolved),
        "resolved_early": _count(j.resolved & j.b06_ok & j.early),
        "resolved_on_time": _count(j.resolved & j.b06_ok & ~j.early),
        "resolved_late": _count(j.resolved & ~j.b06_ok),
        "pending": _count(~j.resolved),
        "pending_in_time": _count(~j.resolved & j.b06_ok),
        "pending_overdue": _count(~j.resolved & ~j.b06_ok),
    }


def aggregate(
    dossiers: ir.Table,
    periods: ir.Table,
    by: Sequence[str] = (),
) -> ir.Table:
    """One row per period and ``by`` key with every measure (see ``MEASURES``)."""
    for key in by:
        if key not in GROUP_KEYS:
            raise ValueError(f"Cannot group by {key!r}; choose from {', '.join(GROUP_KEYS)}.")
    j = prepare(dossiers, periods)
    return j.group_by(["period", *by]).aggregate(**measures(j)).order_by(["period", *by])


def periods_table(periods: Sequence[tuple[str, int, int]]) -> ir.Table:
    """The periods ``(key, start epoch, end epoch exclusive)`` as an Ibis in-memory table."""
    import pyarrow as pa

    data = pa.table(
        {
            "period": pa.array([p[0] for p in periods], pa.string()),
            "start_s": pa.array([p[1] for p in periods], pa.int64()),
            "end_s": pa.array([p[2] for p in periods], pa.int64()),
        }
    )
    return ibis.memtable(data)


def rate(numerator: int, denominator: int, *, percent: bool = True) -> float | None:
    """The rate with 2 decimals, or None ("no data") when nothing was counted."""
    if not denominator:
        return None
    if percent:
        return round(100.0 * numerator / denominator, 2)
    return round(numerator / denominator / DAY, 2)


def points(rate_value: float | None, *, max_points: float, threshold: float) -> float | None:
    """``max_points × min(1, rate / threshold)``, 2 decimals; None when there is no rate."""
    if rate_value is None or max_points <= 0:
        return None
    if threshold <= 0:
        return round(max_points, 2)
    return round(max_points * min(1.0, rate_value / threshold), 2)


def rows(result: Any) -> list[dict[str, Any]]:
    """An executed aggregate (a pandas frame) as plain dicts with Python ints."""
    out: list[dict[str, Any]] = []
    for rec in result.to_dict(orient="records"):
        out.append({k: (int(v) if k in MEASURES and v is not None else v) for k, v in rec.items()})
    return out
