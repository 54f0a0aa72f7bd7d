"""The ingest engine: dossier rows and status events → the database, in one transaction.

``run_batch`` is the one writer of dossiers and their events; the actions (file, API,
generator) call it. Rows are read lazily, checked and written in chunks of
``CCHC_INGEST_CHUNK`` (a query to find the chunk's dossiers, one ``bulk_create`` and one
``bulk_update``; agencies are resolved from one dict read once). Modes:

- ``refuse`` (the default): any bad row or event refuses the whole batch: everything is
  read and checked, so that every error is reported, and then the transaction is rolled
  back: nothing is written;
- ``skip``: bad rows and events are reported and left out; the good ones are stored.

Idempotent: a row equal to the stored dossier, or an event already stored (same dossier,
kind and time), changes nothing. Each batch writes an ``IngestRun``; after a committed batch
that changed dossiers, ``signals.after_ingest`` runs."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.agencies.models import Agency
from cchc.dossiers import bulk, signals, statutory
from cchc.dossiers.events import (
    ParsedEvent,
    derive,
    finished_before_received,
    parse_event,
    received_cells,
)
from cchc.dossiers.models import (
    Dossier,
    DossierEvent,
    IngestMode,
    IngestOutcome,
    IngestRun,
    IngestSource,
    IngestToken,
    ProcedureTime,
    default_province_code,
)
from cchc.dossiers.parsing import FIELDS, ParsedRow, RowError, parse_row
from cchc.dossiers.signals import Month
from cchc.scheduling.workdays import WorkCalendar

# Errors kept in the answer and the history row; all are counted.
MAX_ERRORS_KEPT = 200
Progress = Callable[[int], None]
StoredEvent = tuple[str, dt.datetime, dict[str, Any]]
# Columns derived at ingest from the procedure catalogue (``ProcedureTime``), never given.
DERIVED = ("statutory_due_at", "paper_result")


class _Refused(Exception):
    """Rolls the batch back (refuse mode, some row was bad)."""


@dataclass
class IngestResult:
    mode: str
    outcome: str = IngestOutcome.RUNNING
    run_id: int | None = None
    received: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0
    events_received: int = 0
    events_created: int = 0
    events_unchanged: int = 0
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dossier_ids: set[int] = field(default_factory=set)
    months: set[Month] = field(default_factory=set)
    # Each changed dossier's stored values before the batch (``signals.snapshot``).
    before: dict[int, dict[str, Any]] = field(default_factory=dict)

    def error(self, error: RowError) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(error)

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)

    @property
    def ok(self) -> bool:
        return self.outcome == IngestOutcome.DONE

    def as_dict(self) -> dict[str, Any]:
        return {
            "run": self.run_id,
            "mode": self.mode,
            "outcome": self.outcome,
            "rows": {
                "received": self.received,
                "created": self.created,
                "updated": self.updated,
                "unchanged": self.unchanged,
                "refused": self.refused,
            },
            "events": {
                "received": self.events_received,
                "created": self.events_created,
                "unchanged": self.events_unchanged,
            },
            "error_count": self.error_count,
            "errors": [error.as_dict() for error in self.errors],
            "warnings": self.warnings,
        }


def _chunks(items: Iterable[Any], size: int) -> Iterable[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Batch:
    def __init__(self, result: IngestResult, *, synthetic: bool, part: str) -> None:
        self.result = result
        self.synthetic = synthetic
        self.part = part
        self.province = default_province_code()
        self.now = timezone.now()
        self.zone = ZoneInfo(settings.TIME_ZONE)
        self.agencies = dict(Agency.objects.values_list("code", "id"))
        self.unknown_agencies: dict[str, int] = defaultdict(int)
        self.refusing = result.mode == IngestMode.REFUSE
        self.failed = False
        self._calendar: WorkCalendar | None = None
        # Dossiers this batch created: they had no stored values before it.
        self.created_ids: set[int] = set()
        self.times = dict(ProcedureTime.objects.values_list("procedure_code", "working_days"))
        self.paper = frozenset(
            ProcedureTime.objects.filter(paper_result=True).values_list("procedure_code", flat=True)
        )

    def paper_result(self, values: dict[str, Any]) -> bool:
        """Whether the procedure requires a paper result (unknown procedure: not required)."""
        return str(values.get("procedure_code") or "") in self.paper

    def statutory(self, values: dict[str, Any]) -> dt.datetime | None:
        """The statutory due date of these values (``statutory.due_for``)."""
        if not self.times:
            return None
        return statutory.due_for(values, self.times, calendar=self.calendar)

    @property
    def calendar(self) -> WorkCalendar:
        if self._calendar is None:
            self._calendar = WorkCalendar()
        return self._calendar

    def fail(self, error: RowError) -> None:
        self.failed = True
        self.result.error(error)

    def _touch(self, dossier: Dossier, *, changing: bool = False) -> None:
        """Note the months of ``dossier``; ``changing``: it is about to change, so keep its
        stored values as they were before the batch (the first time only)."""
        pk = dossier.pk
        if changing and pk not in self.result.before and pk not in self.created_ids:
            self.result.before[pk] = signals.snapshot(dossier)
        self._months(dossier.received_at, dossier.finished_at)

    def _months(self, *moments: dt.datetime | None) -> None:
        for moment in moments:
            if moment is not None:
                local = moment.astimezone(self.zone)
                self.result.months.add(Month(self.province, dt.date(local.year, local.month, 1)))

    # --- dossier rows ------------------------------------------------------------------

    def rows(self, chunk: list[tuple[int, Mapping[str, Any]]]) -> None:
        parsed: dict[str, ParsedRow] = {}
        for line, cells in chunk:
            self.result.received += 1
            if "__error__" in cells:
                self.result.refused += 1
                self.fail(RowError(line, "", str(cells["__error__"]), part=self.part))
                continue
            row, errors = parse_row(cells, line, agencies=self.agencies)
            if row is None:
                self.result.refused += 1
                for error in errors:
                    self.fail(_with_part(error, self.part))
                continue
            code = row.values.get("agency_code")
            if code and row.values["agency_id"] is None:
                self.unknown_agencies[code] += 1
            if row.code in parsed:
                self.result.unchanged += 1  # an earlier row of the batch is replaced
            parsed[row.code] = row
        if parsed:
            self.write_rows(parsed)

    def write_rows(self, parsed: dict[str, ParsedRow]) -> None:
        existing = {
            dossier.code: dossier
            for dossier in Dossier.objects.filter(province_code=self.province, code__in=parsed)
        }
        # A stored dossier's events still speak for the fields they derive (see events.py).
        history = self.stored_events([dossier.pk for dossier in existing.values()])
        new: list[dict[str, Any]] = []
        changed: list[Dossier] = []
        for code, row in parsed.items():
            dossier = existing.get(code)
            if dossier is not None and history.get(dossier.pk):
                values = derive(row.values, history[dossier.pk], calendar=self.calendar)
                if finished_before_received(values):
                    self.result.refused += 1
                    self.fail(
                        RowError(
                            row.line,
                            "NgayTiepNhan",
                            _("the dossier's events end its processing before this date"),
                            values["received_at"].isoformat(),
                            self.part,
                        )
                    )
                    continue
                row = ParsedRow(row.line, row.code, values)
            if dossier is None:
                new.append(
                    {
                        **row.values,
                        "statutory_due_at": self.statutory(row.values),
                        "paper_result": self.paper_result(row.values),
                        "province_code": self.province,
                        "code": code,
                        "synthetic": self.synthetic,
                        "created_at": self.now,
                        "updated_at": self.now,
                    }
                )
                continue
            statutory_due = self.statutory(row.values)
            paper = self.paper_result(row.values)
            if (
                dossier.statutory_due_at == statutory_due
                and dossier.paper_result == paper
                and all(getattr(dossier, name) == row.values[name] for name in FIELDS)
            ):
                self.result.unchanged += 1
                continue
            self._touch(dossier, changing=True)
            for name in FIELDS:
                setattr(dossier, name, row.values[name])
            dossier.statutory_due_at = statutory_due
            dossier.paper_result = paper
            dossier.updated_at = self.now
            changed.append(dossier)
        bulk.insert(new)
        bulk.update(changed, [*FIELDS, *DERIVED, "updated_at"])
        if new:
            created = Dossier.objects.filter(
                province_code=self.province, code__in=[row["code"] for row in new]
            ).values_list("id", "received_at", "finished_at")
            for pk, received, finished in created:
                self.created_ids.add(pk)
                self.result.dossier_ids.add(pk)
                self._months(received, finished)
        for dossier in changed:
            self._touch(dossier)
            self.result.dossier_ids.add(dossier.pk)
        self.result.created += len(new)
        self.result.updated += len(changed)

    # --- events ------------------------------------------------------------------------

    def events(self, chunk: list[tuple[int, Any]]) -> None:
        parsed: list[ParsedEvent] = []
        for line, obj in chunk:
            self.result.events_received += 1
            if isinstance(obj, dict) and "__error__" in obj:
                self.fail(RowError(line, "", str(obj["__error__"]), part=self.part))
                continue
            event, errors = parse_event(obj, line, part=self.part)
            if event is None:
                for error in errors:
                    self.fail(error)
                continue
            parsed.append(event)
        if parsed:
            self.write_events(parsed)

    def _create_from_received(
        self, events: list[ParsedEvent], known: dict[str, Dossier]
    ) -> list[ParsedEvent]:
        """Dossiers first met in a ``received`` event are created from its data; the events
        of a dossier that is neither stored nor received here are refused."""
        rows: dict[str, ParsedRow] = {}
        kept = []
        received_by_code: dict[str, list[ParsedEvent]] = defaultdict(list)
        for event in events:
            if event.kind == "received":
                received_by_code[event.code].append(event)
        bad: set[str] = set()
        for event in events:
            if event.code in bad:
                continue
            if event.code in known or event.code in rows:
                kept.append(event)
                continue
            received = received_by_code.get(event.code)
            if not received:
                bad.add(event.code)
                self.fail(
                    RowError(
                        event.line,
                        "MaHoSo",
                        _(
                            "unknown dossier: ingest its row first or send its 'received' "
                            "event with the dossier's columns in data"
                        ),
                        event.code[:100],
                        part=self.part,
                    )
                )
                continue
            first = min(received, key=lambda e: e.at)
            row, errors = parse_row(received_cells(first), first.line, agencies=self.agencies)
            if row is None:
                bad.add(event.code)
                for error in errors:
                    self.fail(
                        RowError(
                            first.line, f"data.{error.column}", error.reason, error.value, self.part
                        )
                    )
                continue
            rows[event.code] = row
            kept.append(event)
        if rows:
            self.write_rows(rows)
            for dossier in Dossier.objects.filter(province_code=self.province, code__in=rows):
                known[dossier.code] = dossier
        return [event for event in kept if event.code in known]

    def stored_events(self, ids: list[int]) -> dict[int, list[StoredEvent]]:
        """The stored events of these dossiers (one query; none when ``ids`` is empty)."""
        stored: dict[int, list[StoredEvent]] = defaultdict(list)
        if ids:
            for dossier_id, kind, at, data in DossierEvent.objects.filter(
                dossier_id__in=ids
            ).values_list("dossier_id", "kind", "at", "data"):
                stored[dossier_id].append((kind, at, data))
        return stored

    def _derive(
        self,
        base: dict[str, Any],
        stored: list[StoredEvent],
        added: list[ParsedEvent],
    ) -> tuple[dict[str, Any] | None, list[ParsedEvent]]:
        """The dossier's values after its stored and added events; an added event that
        would end processing before the dossier was received is refused (the added
        ``finished`` events first, then its ``received`` ones, then all)."""

        def fold(events: list[ParsedEvent]) -> dict[str, Any]:
            return derive(
                base, [*stored, *((e.kind, e.at, e.data) for e in events)], calendar=self.calendar
            )

        values = fold(added)
        if not finished_before_received(values):
            return values, added
        for kinds in ({"finished"}, {"received"}, None):
            blamed = [e for e in added if kinds is None or e.kind in kinds]
            kept = [e for e in added if e not in blamed]
            if blamed and (kinds is None or not finished_before_received(fold(kept))):
                for event in blamed:
                    self.fail(
                        RowError(
                            event.line,
                            "at",
                            _("processing would end before the dossier was received"),
                            event.at.isoformat(),
                            self.part,
                        )
                    )
                return (fold(kept) if kept else None), kept
        return None, []

    def write_events(self, events: list[ParsedEvent]) -> None:
        codes = {event.code for event in events}
        known = {
            dossier.code: dossier
            for dossier in Dossier.objects.filter(province_code=self.province, code__in=codes)
        }
        events = self._create_from_received(events, known)
        if not events:
            return
        stored = self.stored_events([dossier.pk for dossier in known.values()])
        keys = {(d, kind, at) for d, rows in stored.items() for kind, at, _data in rows}
        fresh: dict[int, list[ParsedEvent]] = defaultdict(list)
        for event in events:
            dossier = known[event.code]
            key = (dossier.pk, event.kind, event.at)
            if key in keys:
                self.result.events_unchanged += 1
                continue
            keys.add(key)
            fresh[dossier.pk].append(event)
        by_id = {dossier.pk: dossier for dossier in known.values()}
        new_events: list[DossierEvent] = []
        changed: list[Dossier] = []
        for dossier_id, added in fresh.items():
            dossier = by_id[dossier_id]
            base = {name: getattr(dossier, name) for name in FIELDS}
            values, added = self._derive(base, stored[dossier_id], added)
            if values is None:
                continue
            new_events += [
                DossierEvent(
                    dossier_id=dossier_id, kind=e.kind, at=e.at, data=e.data, created_at=self.now
                )
                for e in added
            ]
            statutory_due = self.statutory(values)
            paper = self.paper_result(values)
            if (
                values != base
                or statutory_due != dossier.statutory_due_at
                or paper != dossier.paper_result
            ):
                self._touch(dossier, changing=True)
                for name in FIELDS:
                    setattr(dossier, name, values[name])
                dossier.statutory_due_at = statutory_due
                dossier.paper_result = paper
                dossier.updated_at = self.now
                changed.append(dossier)
        DossierEvent.objects.bulk_create(new_events, batch_size=settings.CCHC_INGEST_CHUNK)
        bulk.update(changed, [*FIELDS, *DERIVED, "updated_at"])
        for dossier in changed:
            self._touch(dossier)
            self.result.dossier_ids.add(dossier.pk)
        self.result.events_created += len(new_events)
        self.result.updated += len(changed)


def actor(user: AbstractBaseUser | AnonymousUser | None) -> User | None:
    """The user a history row names (none for the command line or a token)."""
    return user if isinstance(user, User) and user.pk is not None else None


def _with_part(error: RowError, part: str) -> RowError:
    if not part:
        return error
    return RowError(error.line, error.column, error.reason, error.value, part)


def run_batch(
    *,
    rows: Iterable[tuple[int, Mapping[str, Any]]] = (),
    events: Iterable[tuple[int, Any]] = (),
    mode: str = IngestMode.REFUSE,
    source: str = IngestSource.FILE,
    file_name: str = "",
    user: AbstractBaseUser | None = None,
    token: IngestToken | None = None,
    synthetic: bool = False,
    warnings: Iterable[str] = (),
    progress: Progress | None = None,
    parts: tuple[str, str] = ("", ""),
) -> IngestResult:
    """Store a batch of dossier rows, then events, all or nothing in refuse mode."""
    if mode not in IngestMode.values:
        raise ValueError(f"mode must be one of {IngestMode.values}")
    started = timezone.now()
    result = IngestResult(mode=mode)
    for text in warnings:
        result.warn(text)
    size = settings.CCHC_INGEST_CHUNK
    done = 0
    try:
        with transaction.atomic():
            batch = _Batch(result, synthetic=synthetic, part=parts[0])
            for chunk in _chunks(rows, size):
                batch.rows(chunk)
                done += len(chunk)
                if progress:
                    progress(done)
            batch.part = parts[1]
            for chunk in _chunks(events, size):
                batch.events(chunk)
                done += len(chunk)
                if progress:
                    progress(done)
            for code, count in sorted(batch.unknown_agencies.items()):
                result.warn(
                    _("Agency code %(code)s is not in the registry (%(count)s rows): kept as given")
                    % {"code": code, "count": count}
                )
            if batch.failed and batch.refusing:
                raise _Refused
            result.outcome = IngestOutcome.DONE
            result.run_id = _record(result, source, file_name, user, token, started).pk
    except _Refused:
        result.outcome = IngestOutcome.REFUSED
        result.created = result.updated = 0
        result.events_created = 0
        result.dossier_ids.clear()
        result.months.clear()
        result.before.clear()
        result.run_id = _record(result, source, file_name, user, token, started).pk
        return result
    if token is not None:
        IngestToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    signals.after_ingest(sorted(result.dossier_ids), frozenset(result.months), result.before)
    return result


def _record(
    result: IngestResult,
    source: str,
    file_name: str,
    user: AbstractBaseUser | None,
    token: IngestToken | None,
    started: dt.datetime,
) -> IngestRun:
    return IngestRun.objects.create(
        source=source,
        token=token,
        user=actor(user),
        file_name=file_name[:255],
        mode=result.mode,
        outcome=result.outcome,
        received=result.received,
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        refused=result.refused,
        events_received=result.events_received,
        events_created=result.events_created,
        errors=[error.as_dict() for error in result.errors],
        warnings=result.warnings,
        started_at=started,
        finished_at=timezone.now(),
    )
