"""State changes of the service-quality app: refreshing rollups (and the computed measurements
of the indicators catalogue), and the after-ingest hook the dossiers app calls."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from cchc.servicequality import engines, formulas
from cchc.servicequality.models import RefreshRun, Rollup
from cchc.servicequality.periods import Span, overlapping


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


def refresh_rollups(
    *,
    months: Iterable[dt.date],
    province_code: str = "",
    trigger: str = "manual",
    engine: str | None = None,
) -> RefreshRun:
    """Recompute the rollups of every period overlapping ``months`` (calendar and NĐ 09), in one
    transaction, replacing those periods' rows; then the province's computed measurements."""
    started = time.monotonic()
    spans = overlapping(months)
    data = compute(
        spans,
        ("province_code", "agency_code", "level"),
        province=province_code or None,
        engine=engine,
    )
    by_key = {s.key: s for s in spans}
    now = timezone.now()
    objs: list[Rollup] = []
    for row in data:
        span = by_key[row["period"]]
        pairs = [(f.code, row[f.numerator], row[f.denominator]) for f in formulas.INDICATORS]
        pairs += [(f"bieu06.{name}", row[name], 0) for name in formulas.BIEU06]
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
            for measure, numerator, denominator in pairs
            # Nothing counted is not stored: readers take a missing row as 0 / 0.
            if numerator or denominator
        ]
    with transaction.atomic():
        old = Rollup.objects.filter(period__in=list(by_key))
        if province_code:
            old = old.filter(province_code=province_code)
        old.delete()
        Rollup.objects.bulk_create(objs, batch_size=2000)
        run = RefreshRun.objects.create(
            months=sorted({m.isoformat()[:7] for m in (s.start for s in spans)}),
            rows=len(objs),
            seconds=round(time.monotonic() - started, 3),
            trigger=trigger[:20],
        )
    from cchc.servicequality import measurements

    measurements.record_for(spans)
    return run
