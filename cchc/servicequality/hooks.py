"""The after-ingest hook (registered with ``cchc.dossiers.signals`` in ``apps.ready``).

Per province the batch touched: the incremental refresh of the rollups (``actions.apply_changes``:
the batch's difference added to the complete periods, in the ingest's own process, a few
hundred milliseconds), then the Parquet copy of the touched months rewritten by the background
queue (``rewrite_parquet``), coalesced: while a rewrite of the province waits in the queue, the
next batches add their months to it instead of queueing one each. A period computed whole by
the incremental refresh is computed on the Django database, which is current when the hook runs
(the copy may still wait in the queue)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from cchc.core.models import Task, TaskState
from cchc.core.tasks import background, enqueue, task_name

logger = logging.getLogger(__name__)


def month_span(days: Iterable[dt.date]) -> list[dt.date]:
    """Every month from the earliest to the latest of ``days`` (a dossier whose end moved
    changes the months in between too)."""
    from cchc.servicequality.periods import months_between

    days = sorted(days)
    return months_between(days[0], days[-1]) if days else []


@background
def rewrite_parquet(*, province_code: str, months: list[str]) -> None:
    """Rewrite the Parquet months (``YYYY-MM``) of a province from the Django database."""
    from cchc.servicequality import parquet

    days = [dt.date.fromisoformat(f"{m}-01") for m in months]
    parquet.write_months(months=days, province_code=province_code)


def schedule_parquet(*, province_code: str, months: Iterable[dt.date]) -> Task:
    """Queue a rewrite of these months, or add them to the province's rewrite still waiting."""
    wanted = {m.isoformat()[:7] for m in months}
    name = task_name(rewrite_parquet)
    with transaction.atomic():
        waiting = (
            Task.objects.select_for_update()
            .filter(name=name, state=TaskState.QUEUED, kwargs__province_code=province_code)
            .order_by("pk")
            .first()
        )
        if waiting is not None:
            waiting.kwargs = {
                "province_code": province_code,
                "months": sorted(wanted | set(waiting.kwargs.get("months", []))),
            }
            waiting.save(update_fields=["kwargs"])
            return waiting
        return enqueue(rewrite_parquet, province_code=province_code, months=sorted(wanted))


def after_ingest(
    dossier_ids: Sequence[int], months: frozenset[Any], before: Mapping[int, Mapping[str, Any]]
) -> None:
    from cchc.servicequality import actions

    by_province: dict[str, set[dt.date]] = {}
    for month in months:
        by_province.setdefault(month.province_code, set()).add(month.first_day)
    for province, days in sorted(by_province.items()):
        schedule_parquet(province_code=province, months=month_span(days))
        try:
            actions.apply_changes(
                dossier_ids=dossier_ids,
                before=before,
                province_code=province,
                trigger="ingest",
                engine="django",
            )
        except Exception:
            logger.exception("incremental refresh of %s failed: recomputing its periods", province)
            recompute_later(province_code=province, days=days)


def recompute_later(*, province_code: str, days: Iterable[dt.date]) -> Task:
    """After a failed incremental refresh the batch's difference is missing from the complete
    periods it touched: they are marked incomplete (later batches compute them whole instead of
    adding to a wrong base) and recomputed whole by the background queue (retried there). The
    months run from the batch's earliest to today: an open dossier counts up to now."""
    from cchc.servicequality.models import RollupPeriod
    from cchc.servicequality.periods import overlapping

    months = month_span({*days, timezone.localdate().replace(day=1)})
    with transaction.atomic():
        RollupPeriod.objects.filter(
            province_code=province_code, period__in=[s.key for s in overlapping(months)]
        ).delete()
        return enqueue(
            refresh_months, province_code=province_code, months=[m.isoformat()[:7] for m in months]
        )


@background
def refresh_months(*, province_code: str, months: list[str]) -> None:
    """Recompute whole every period overlapping these months (``YYYY-MM``) of a province."""
    from cchc.servicequality import actions

    actions.refresh_rollups(
        months=[dt.date.fromisoformat(f"{m}-01") for m in months],
        province_code=province_code,
        trigger="retry",
    )
