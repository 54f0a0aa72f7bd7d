"""Status events of a dossier (one JSON object a line, or the ``events`` of an API batch) and
the one rule that derives a dossier's fields from its events.

An event: ``{"MaHoSo": "…", "kind": "finished", "at": "2026-03-02T10:00", "data": {…}}``
(``dossier`` is accepted for ``MaHoSo``). Kinds: ``EventKind``. ``data`` by kind:
``received`` the dossier's other CSV columns (``MaTTHC``, ``CapThucHien``, ``KenhThucHien``…,
needed when the dossier is new); ``paid`` ``{"online": true, "amount": 50000}``; ``feedback``
``{"value": "hai_long"}``; any kind may carry ``{"status": "…"}``.

``derive`` folds a dossier's events ordered by time (so events that arrive out of order are
placed by their time): only the fields some event speaks of change; the others keep what
the dossier's row said."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.dossiers.models import EventKind, Feedback, TextLimit
from cchc.dossiers.parsing import (
    _FEEDBACK,
    CellError,
    RowError,
    parse_bool,
    parse_datetime,
    parse_fee,
)
from cchc.scheduling.workdays import WorkCalendar

MAX_DATA_CHARS = 10_000
# Within one instant, the order a day's events make sense in.
_ORDER = {kind: index for index, kind in enumerate(EventKind.values)}


@dataclass(slots=True)
class ParsedEvent:
    line: int
    code: str
    kind: str
    at: dt.datetime
    data: dict[str, Any] = field(default_factory=dict)


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def parse_event(
    obj: Any, line: int, *, part: str = ""
) -> tuple[ParsedEvent | None, list[RowError]]:
    """One event object → a ``ParsedEvent``, or the errors naming its keys."""
    if not isinstance(obj, dict):
        return None, [RowError(line, "", _("an event is a JSON object"), part=part)]
    errors: list[RowError] = []
    unknown = sorted(set(obj) - {"MaHoSo", "dossier", "kind", "at", "data"})
    if unknown:
        errors.append(
            RowError(line, unknown[0], _("unknown key (keys: MaHoSo, kind, at, data)"), part=part)
        )
    code = cell_text(obj.get("MaHoSo", obj.get("dossier"))).strip()
    if not code:
        errors.append(RowError(line, "MaHoSo", _("the dossier code is empty"), part=part))
    elif len(code) > TextLimit.CODE:
        errors.append(RowError(line, "MaHoSo", _("too long"), code[:100], part=part))
    kind = cell_text(obj.get("kind")).strip()
    if kind not in EventKind.values:
        errors.append(
            RowError(
                line,
                "kind",
                _("not one of: %(allowed)s") % {"allowed": ", ".join(EventKind.values)},
                kind[:100],
                part=part,
            )
        )
    at: dt.datetime | None = None
    raw_at = cell_text(obj.get("at"))
    try:
        at = parse_datetime(raw_at)
        if at is None:
            errors.append(RowError(line, "at", _("the time is empty"), part=part))
    except CellError as error:
        errors.append(RowError(line, "at", str(error), raw_at[:100], part=part))
    data = obj.get("data") or {}
    if not isinstance(data, dict):
        errors.append(RowError(line, "data", _("data is a JSON object"), part=part))
        data = {}
    elif len(json.dumps(data, ensure_ascii=False)) > MAX_DATA_CHARS:
        errors.append(
            RowError(
                line,
                "data",
                _("too long (at most %(limit)s characters)") % {"limit": MAX_DATA_CHARS},
                part=part,
            )
        )
    errors += _check_data(kind, data, line, part)
    if errors or at is None:
        return None, errors
    return ParsedEvent(line, code, kind, at, data), []


def _check_data(kind: str, data: Mapping[str, Any], line: int, part: str) -> list[RowError]:
    errors = []
    checks: list[tuple[str, Any]] = []
    if "status" in data:
        checks.append(("status", _status))
    if kind == EventKind.PAID:
        checks += [("online", parse_bool), ("amount", parse_fee)]
    if kind == EventKind.FEEDBACK:
        checks.append(("value", _feedback))
    for key, reader in checks:
        if key in data:
            try:
                reader(cell_text(data[key]))
            except CellError as error:
                errors.append(
                    RowError(line, f"data.{key}", str(error), cell_text(data[key])[:100], part=part)
                )
    if kind == EventKind.FEEDBACK and "value" not in data:
        errors.append(RowError(line, "data.value", _("the feedback value is missing"), part=part))
    return errors


def _status(text: str) -> str:
    if len(text) > TextLimit.STATUS:
        raise CellError(_("too long (at most %(limit)s characters)") % {"limit": TextLimit.STATUS})
    return text.strip()


def _feedback(text: str) -> str:
    from cchc.core.text import fold

    key = fold(text)
    if key not in _FEEDBACK:
        raise CellError(_("not one of: %(allowed)s") % {"allowed": "hai_long, khong_hai_long"})
    return _FEEDBACK[key]


def received_cells(event: ParsedEvent) -> dict[str, str]:
    """The CSV cells a ``received`` event stands for: its data, its code and its time."""
    cells = {str(key): cell_text(value) for key, value in event.data.items()}
    cells["MaHoSo"] = event.code
    cells["NgayTiepNhan"] = event.at.isoformat()
    return cells


def sort_key(kind: str, at: dt.datetime) -> tuple[dt.datetime, int]:
    return at, _ORDER.get(kind, len(_ORDER))


def derive(
    base: Mapping[str, Any],
    events: Sequence[tuple[str, dt.datetime, Mapping[str, Any]]],
    *,
    calendar: WorkCalendar,
) -> dict[str, Any]:
    """The dossier's field values after its events (``(kind, at, data)``, any order)."""
    values = dict(base)
    requests = 0
    paused = 0
    pending: dt.datetime | None = None
    received: dt.datetime | None = None
    finished: dt.datetime | None = None
    for kind, at, data in sorted(events, key=lambda e: sort_key(e[0], e[1])):
        if kind == EventKind.RECEIVED:
            received = at if received is None else min(received, at)
        elif kind == EventKind.FINISHED:
            finished = at
        elif kind == EventKind.SUPPLEMENT_REQUESTED:
            requests += 1
            pending = at if pending is None else pending
        elif kind == EventKind.SUPPLEMENT_RETURNED and pending is not None:
            paused += calendar.working_days_between(
                timezone.localtime(pending).date(), timezone.localtime(at).date()
            )
            pending = None
        elif kind == EventKind.RESULT_ISSUED:
            values["e_result"] = True
        elif kind == EventKind.DIGITISED:
            values["digitised"] = True
        elif kind == EventKind.DATA_REUSED:
            values["reused_data"] = True
        elif kind == EventKind.PAID:
            values["paid_online"] = parse_bool(cell_text(data.get("online", True)))
            if data.get("amount") not in (None, ""):
                values["fee"] = parse_fee(cell_text(data["amount"]))
        elif kind == EventKind.FEEDBACK:
            values["feedback"] = _feedback(cell_text(data.get("value")))
        if data.get("status") not in (None, ""):
            values["status"] = _status(cell_text(data["status"]))
    if pending is not None and finished is not None and finished > pending:
        # Closed while waiting for the supplement: the wait is not the agency's time either.
        paused += calendar.working_days_between(
            timezone.localtime(pending).date(), timezone.localtime(finished).date()
        )
    if received is not None:
        values["received_at"] = received
    if finished is not None:
        values["finished_at"] = finished
    if requests:
        values["supplement_requests"] = requests
        values["supplement_days"] = paused
    return values


def finished_before_received(values: Mapping[str, Any]) -> bool:
    finished, received = values.get("finished_at"), values.get("received_at")
    return finished is not None and received is not None and finished < received


__all__ = ["Feedback", "ParsedEvent", "derive", "parse_event", "received_cells"]
