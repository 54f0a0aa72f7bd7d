"""The after-ingest hook (registered with ``cchc.dossiers.signals`` in ``apps.ready``): rewrite
the Parquet months the batch touched, then refresh the rollups of those months' periods."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from typing import Any

logger = logging.getLogger(__name__)


def month_span(days: Iterable[dt.date]) -> list[dt.date]:
    """Every month from the earliest to the latest of ``days`` (a dossier whose end moved
    changes the months in between too)."""
    from cchc.servicequality.periods import months_between

    days = sorted(days)
    return months_between(days[0], days[-1]) if days else []


def after_ingest(dossier_ids: Sequence[int], months: frozenset[Any]) -> None:
    from cchc.servicequality import actions, parquet

    by_province: dict[str, set[dt.date]] = {}
    for month in months:
        by_province.setdefault(month.province_code, set()).add(month.first_day)
    for province, days in sorted(by_province.items()):
        span = month_span(days)
        parquet.write_months(months=span, province_code=province)
        actions.refresh_rollups(months=span, province_code=province, trigger="ingest")
