"""State changes of the service-quality app: refreshing rollups (and the computed measurements
of the indicators catalogue), and the after-ingest hook the dossiers app calls."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from cchc.dossiers.models import Dossier
from cchc.dossiers.signals import SNAPSHOT_FIELDS
from cchc.servicequality import engines, formulas
from cchc.servicequality.models import RefreshMode, RefreshRun, Rollup, RollupPeriod
from cchc.servicequality.periods import Span, months_between, overlapping


def engine_name() -> str:
    """``CCHC_SERVICEQUALITY_ENGINE``: "django" (default) or "duckdb" (the Parquet copy)."""
    return os.environ.get("CCHC_SERVICEQUALITY_ENGINE", "django").strip().lower() or "django"


def compute(
    spans: Sequence[Span],
    by: Sequence[str] = ("agency_code", "level"),
    *,
    province: str | None = None,
    agency: str | None = None,
    engine: str | None = None,
) -> list[dict[str, Any]]:
    """The aggregate for ``spans`` on the chosen engine, as plain rows."""
    periods = [engines.period_row(s.key, s.start, s.end) for s in spans]
    name = engine or engine_name()
    if name == "duckdb":
        frame = engines.run_duckdb(periods, by, province=province, agency=agency)
    elif name == "django":
        frame = engines.run_django(periods, by, province=province, agency=agency)
    else:
        raise ValueError(f"Unknown engine {name!r}: choose django or duckdb.")
    return formulas.rows(frame)


def _rollups(data: list[dict[str, Any]], by_key: dict[str, Span], now: dt.datetime) -> list[Rollup]:
    """Rollup rows of computed aggregate rows (nothing counted is not stored: readers take a
    missing row as 0 / 0)."""
    objs: list[Rollup] = []
    for row in data:
        span = by_key[row["period"]]
        objs += [
            Rollup(
                province_code=row["province_code"] or "",
                agency_code=row["agency_code"] or "",
                level=row["level"] or "",
                period=span.key,
                kind=span.kind,
                start=span.start,
                end=span.end,
                measure=measure,
                numerator=numerator,
                denominator=denominator,
                refreshed_at=now,
            )
            for measure, numerator, denominator in _pairs(row)
            if numerator or denominator
        ]
    return objs


def _pairs(row: dict[str, Any]) -> list[tuple[str, int, int]]:
    """(measure, numerator, denominator) of one aggregate row, as the rollups store them."""
    pairs = [(f.code, row[f.numerator], row[f.denominator]) for f in formulas.INDICATORS]
    return pairs + [(f"bieu06.{name}", row[name], 0) for name in formulas.BIEU06]


def _mark(spans: Iterable[Span], province_code: str, now: dt.datetime) -> None:
    """Record ``spans`` as complete for ``province_code`` (``RollupPeriod``)."""
    for s in spans:
        RollupPeriod.objects.update_or_create(
            province_code=province_code,
            period=s.key,
            defaults={"kind": s.kind, "start": s.start, "end": s.end, "refreshed_at": now},
        )


def _replace(
    spans: Sequence[Span], province_code: str, engine: str | None, now: dt.datetime
) -> int:
    """Recompute ``spans`` whole and replace their rows (inside the caller's transaction)."""
    data = compute(
        spans,
        ("province_code", "agency_code", "level"),
        province=province_code or None,
        engine=engine,
    )
    objs = _rollups(data, {s.key: s for s in spans}, now)
    old = Rollup.objects.filter(period__in=[s.key for s in spans])
    if province_code:
        old = old.filter(province_code=province_code)
    old.delete()
    Rollup.objects.bulk_create(objs, batch_size=2000)
    _mark(spans, province_code, now)
    return len(objs)


def refresh_rollups(
    *,
    months: Iterable[dt.date],
    province_code: str = "",
    trigger: str = "manual",
    engine: str | None = None,
) -> RefreshRun:
    """Recompute the rollups of every period overlapping ``months`` (calendar and NĐ 09) whole,
    in one transaction, replacing those periods' rows and marking them complete; then the
    province's computed measurements."""
    started = time.monotonic()
    spans = overlapping(months)
    now = timezone.now()
    with transaction.atomic():
        rows = _replace(spans, province_code, engine, now)
        run = RefreshRun.objects.create(
            mode=RefreshMode.FULL,
            province_code=province_code,
            months=sorted({m.isoformat()[:7] for m in (s.start for s in spans)}),
            periods=[s.key for s in spans],
            rows=rows,
            seconds=round(time.monotonic() - started, 3),
            trigger=trigger[:20],
        )
    from cchc.servicequality import measurements

    measurements.record_for(spans)
    return run


def _months_of(rows: Iterable[Mapping[str, Any]], today: dt.date) -> set[dt.date]:
    """Every month a dossier row belongs to: from its reception to its end (today when it is
    still open: an open dossier counts in every period up to now)."""
    months: set[dt.date] = set()
    for row in rows:
        received = timezone.localtime(row["received_at"]).date()
        end = timezone.localtime(row["finished_at"]).date() if row["finished_at"] else today
        months.update(months_between(received, max(received, end)))
    return months


OLD = "-"  # marks the old rows' province code in the one aggregate of a batch's difference


def _delta(
    new: Sequence[Mapping[str, Any]], old: Sequence[Mapping[str, Any]], spans: Sequence[Span]
) -> dict[tuple[str, str, str, str, str], tuple[int, int]]:
    """(province, agency, level, period, measure) → (Δ numerator, Δ denominator): the new
    contribution of the changed dossiers less their old one. Every measure is a sum over
    dossiers, so adding this to complete rollups gives what a full refresh would. One
    aggregate over both (the old rows' province code marked ``OLD``)."""
    by = ("province_code", "agency_code", "level")
    periods = [engines.period_row(s.key, s.start, s.end) for s in spans]
    rows = [*new, *({**r, "province_code": OLD + r["province_code"]} for r in old)]
    out: dict[tuple[str, str, str, str, str], tuple[int, int]] = defaultdict(lambda: (0, 0))
    for row in formulas.rows(engines.run_memory(rows, periods, by)):
        province = row["province_code"] or ""
        sign = -1 if province.startswith(OLD) else 1
        cell = (province.removeprefix(OLD), row["agency_code"] or "", row["level"] or "")
        for measure, numerator, denominator in _pairs(row):
            key = (*cell, row["period"], measure)
            n, d = out[key]
            out[key] = (n + sign * numerator, d + sign * denominator)
    return {k: v for k, v in out.items() if v != (0, 0)}


def apply_changes(
    *,
    dossier_ids: Sequence[int],
    before: Mapping[int, Mapping[str, Any]],
    province_code: str,
    trigger: str = "ingest",
    engine: str | None = None,
    today: dt.date | None = None,
) -> RefreshRun:
    """The incremental refresh after an ingest batch, in one transaction: the periods the
    changed dossiers belong to (before and after the change, open ones up to ``today``) that
    are not complete yet are computed whole; to the complete ones the batch's difference is
    added (``_delta``: the new rows' aggregate less the old rows'), so the cost follows the
    number of changed dossiers, not the size of the periods. Writes a ``RefreshRun``."""
    started = time.monotonic()
    today = today or timezone.localdate()
    now = timezone.now()
    fields = list(SNAPSHOT_FIELDS)
    with transaction.atomic():
        new = list(
            Dossier.objects.filter(id__in=list(dossier_ids), province_code=province_code).values(
                *fields
            )
        )
        old = [row for pk, row in before.items() if row["province_code"] == province_code]
        touched = overlapping(_months_of([*new, *old], today))
        # Complete periods, locked so that concurrent refreshes of them take turns.
        complete = set(
            RollupPeriod.objects.select_for_update()
            .filter(province_code__in=[province_code, ""], period__in=[s.key for s in touched])
            .values_list("period", flat=True)
        )
        whole = [s for s in touched if s.key not in complete]
        rows = _replace(whole, province_code, engine, now) if whole else 0
        spans = [s for s in touched if s.key in complete]
        delta = _delta(new, old, spans) if spans else {}
        rows += _add(delta, {s.key: s for s in spans}, now)
        run = RefreshRun.objects.create(
            mode=RefreshMode.INCREMENTAL,
            province_code=province_code,
            months=sorted({m.isoformat()[:7] for m in (s.start for s in whole)}),
            periods=[s.key for s in touched],
            dossiers=len({*dossier_ids, *before}),
            rows=rows,
            seconds=round(time.monotonic() - started, 3),
            trigger=trigger[:20],
        )
    from cchc.servicequality import measurements

    measurements.record_for(touched)
    return run


def _add(
    delta: Mapping[tuple[str, str, str, str, str], tuple[int, int]],
    spans: Mapping[str, Span],
    now: dt.datetime,
) -> int:
    """Add ``delta`` to the rollup rows (locked), creating and deleting rows so that, as after
    a full refresh, exactly the rows with something counted exist. Returns rows written."""
    if not delta:
        return 0
    keys = set(delta)
    # Only the touched cells: per period, the agencies the batch touched in it.
    agencies: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key in keys:
        agencies[(key[0], key[3])].add(key[1])
    cells = Q()
    for (province, period), codes in agencies.items():
        cells |= Q(province_code=province, period=period, agency_code__in=codes)
    existing = {
        (r.province_code, r.agency_code, r.level, r.period, r.measure): r
        for r in Rollup.objects.select_for_update().filter(cells)
        if (r.province_code, r.agency_code, r.level, r.period, r.measure) in keys
    }
    changed: list[Rollup] = []
    created: list[Rollup] = []
    gone: list[int] = []
    for key, (dn, dd) in delta.items():
        row = existing.get(key)
        if row is None:
            span = spans[key[3]]
            row = Rollup(
                province_code=key[0],
                agency_code=key[1],
                level=key[2],
                period=key[3],
                kind=span.kind,
                start=span.start,
                end=span.end,
                measure=key[4],
                numerator=0,
                denominator=0,
                refreshed_at=now,
            )
            created.append(row)
        else:
            changed.append(row)
        row.numerator += dn
        row.denominator += dd
        row.refreshed_at = now
        if row.denominator < 0:
            raise ValueError(f"Rollup {key} would fall below zero: the rollups are not current.")
    gone = [r.pk for r in changed if not (r.numerator or r.denominator)]
    Rollup.objects.filter(pk__in=gone).delete()
    # One UPDATE by primary key per row, in one call (bulk_update's CASE chains grow with the
    # batch and cost far more on SQLite).
    kept = [r for r in changed if r.numerator or r.denominator]
    if kept:
        table = connection.ops.quote_name(Rollup._meta.db_table)
        stamp = connection.ops.adapt_datetimefield_value(now)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET numerator = %s, denominator = %s, refreshed_at = %s "
                "WHERE id = %s",
                [(r.numerator, r.denominator, stamp, r.pk) for r in kept],
            )
    Rollup.objects.bulk_create(
        [r for r in created if r.numerator or r.denominator], batch_size=2000
    )
    return len(delta)
