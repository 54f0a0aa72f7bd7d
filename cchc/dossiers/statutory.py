"""The statutory due date of a dossier without a promised date (NgayHenTra): the procedure's
statutory time (``ProcedureTime``, working days) counted from reception on the project's
working-day calendar (``cchc.scheduling.workdays``: weekends, Tết and holidays off,
compensating Saturdays worked).

Counted here, in Python, at ingest and stored (``Dossier.statutory_due_at``), because the
engines of the indicators (SQLite, PostgreSQL, DuckDB, Spark) cannot read the calendar: each
compares the stored moment alike. Rule: the k-th working day after the local day of reception,
at the local time of reception (received Thursday 12/02/2026 09:00 with 5 working days, Tết
16–20/02 off: Thursday 26/02/2026 09:00)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cchc.scheduling.workdays import WorkCalendar


def due(received_at: dt.datetime, working_days: int, *, calendar: WorkCalendar) -> dt.datetime:
    """The end of ``working_days`` working days counted from ``received_at``."""
    local = timezone.localtime(received_at)
    day = calendar.add_working_days(local.date(), working_days)
    return dt.datetime.combine(day, local.timetz().replace(tzinfo=None), tzinfo=local.tzinfo)


def due_for(
    values: dict[str, object], times: dict[str, int], *, calendar: WorkCalendar
) -> dt.datetime | None:
    """The statutory due date of a dossier's values: none with a promised date, without a
    reception time or when the procedure's statutory time is unknown."""
    received = values.get("received_at")
    days = times.get(str(values.get("procedure_code") or ""))
    if values.get("due_at") is not None or not isinstance(received, dt.datetime) or not days:
        return None
    return due(received, days, calendar=calendar)
