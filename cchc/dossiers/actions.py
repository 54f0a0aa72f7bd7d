"""Every state change of the dossiers app: ingest a file or an API batch, create and revoke
ingest tokens, set a procedure's catalogue row (statutory time, paper result). Keyword-only,
typed, one transaction each; the ingest writes an ``IngestRun``, a token keeps who created and
who revoked it, a procedure's row who set it last (and a ``ProcedureTimeChange`` each time)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.dossiers.ingest import IngestResult, Progress, actor, run_batch
from cchc.dossiers.models import (
    Dossier,
    IngestMode,
    IngestOutcome,
    IngestRun,
    IngestSource,
    IngestToken,
    ProcedureTime,
    ProcedureTimeChange,
)
from cchc.dossiers.readers import CsvRows, FileRefused, json_lines, kind_of, open_text

TOKEN_PREFIX_CHARS = 8


class TokenError(ValueError):
    """A token action that cannot be done (the message says why)."""


def ingest_file(
    *,
    path: Path,
    mode: str = IngestMode.REFUSE,
    user: AbstractBaseUser | None = None,
    synthetic: bool = False,
    progress: Progress | None = None,
) -> IngestResult:
    """Ingest a dossier CSV or a JSON-lines file of events (chosen by name, then content)."""
    started = timezone.now()
    try:
        with open_text(path) as stream:
            if kind_of(path) == "csv":
                rows = CsvRows(stream)
                return run_batch(
                    rows=rows,
                    mode=mode,
                    file_name=path.name,
                    user=user,
                    synthetic=synthetic,
                    warnings=rows.warnings,
                    progress=progress,
                )
            return run_batch(
                events=json_lines(stream),
                mode=mode,
                file_name=path.name,
                user=user,
                progress=progress,
            )
    except FileRefused as refused:
        result = IngestResult(mode=mode, outcome=IngestOutcome.REFUSED)
        result.error(refused.error)
        result.run_id = IngestRun.objects.create(
            source=IngestSource.FILE,
            user=actor(user),
            file_name=path.name[:255],
            mode=mode,
            outcome=IngestOutcome.REFUSED,
            errors=[refused.error.as_dict()],
            started_at=started,
            finished_at=timezone.now(),
        ).pk
        return result


def _numbered(items: Iterable[Any]) -> Iterable[tuple[int, Any]]:
    return enumerate(items, start=1)


def ingest_api_batch(
    *,
    token: IngestToken,
    dossiers: Sequence[Mapping[str, Any]],
    events: Sequence[Mapping[str, Any]],
    mode: str = IngestMode.REFUSE,
) -> IngestResult:
    """A one-stop system's batch: dossier rows (keys = the CSV columns) and/or events; each
    error names ``part`` ("dossiers"/"events"), the item's number (from 1) and its key."""
    from cchc.dossiers.events import cell_text

    rows = ((n, {str(k): cell_text(v) for k, v in row.items()}) for n, row in _numbered(dossiers))
    return run_batch(
        rows=rows,
        events=_numbered(events),
        mode=mode,
        source=IngestSource.API,
        file_name=token.name,
        token=token,
        parts=("dossiers", "events"),
    )


# --- tokens ---------------------------------------------------------------------------------


def hash_token(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: IngestToken
    plain: str  # shown once; only its hash is stored


@transaction.atomic
def create_token(*, name: str, user: AbstractBaseUser | None) -> NewToken:
    name = name.strip()
    if not name or len(name) > 100:
        raise TokenError(_("A token's name is 1 to 100 characters."))
    if IngestToken.objects.filter(name=name).exists():
        raise TokenError(_("A token named %(name)s exists already.") % {"name": name})
    while True:
        plain = secrets.token_urlsafe(32)
        prefix = plain[:TOKEN_PREFIX_CHARS]
        if not IngestToken.objects.filter(prefix=prefix).exists():
            break
    token = IngestToken.objects.create(
        name=name,
        prefix=prefix,
        hashed=hash_token(plain),
        created_by=actor(user),
    )
    return NewToken(token, plain)


@transaction.atomic
def revoke_token(*, name: str, user: AbstractBaseUser | None) -> IngestToken:
    token = IngestToken.objects.select_for_update().filter(name=name.strip()).first()
    if token is None:
        raise TokenError(_("No token is named %(name)s.") % {"name": name})
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = actor(user)
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def authenticate_token(plain: str) -> IngestToken | None:
    """The active token ``plain`` is, compared by hash in constant time; else None."""
    plain = plain.strip()
    if len(plain) < TOKEN_PREFIX_CHARS or len(plain) > 200:
        return None
    candidate = IngestToken.objects.active().filter(prefix=plain[:TOKEN_PREFIX_CHARS]).first()
    expected = candidate.hashed if candidate is not None else "0" * 64
    matches = hmac.compare_digest(hash_token(plain), expected)
    return candidate if matches and candidate is not None else None


def set_procedure_time(
    *,
    procedure_code: str,
    working_days: int,
    legal_basis: str = "",
    paper_result: bool | None = None,
    user: AbstractBaseUser | None = None,
) -> ProcedureTime:
    """Set a procedure's catalogue row: its statutory time (working days) and, unless
    ``paper_result`` is None (kept as it was; false for a new row), whether it requires a paper
    result. In the same transaction its dossiers' derived columns are recomputed (statutory due
    date of those without a promised date, ``paper_result`` of all); then the after-ingest hooks
    run for the dossiers that changed (the rollups follow)."""
    from cchc.dossiers import bulk, signals, statutory
    from cchc.scheduling.workdays import WorkCalendar

    if working_days <= 0:
        raise ValueError("working_days must be positive")
    calendar = WorkCalendar()
    before: dict[int, dict[str, Any]] = {}
    months: set[signals.Month] = set()
    changed: list[Dossier] = []
    with transaction.atomic():
        previous = (
            ProcedureTime.objects.select_for_update()
            .filter(procedure_code=procedure_code)
            .values("working_days", "paper_result")
            .first()
        )
        paper_from = previous["paper_result"] if previous is not None else None
        paper = paper_result if paper_result is not None else bool(paper_from)
        row, _created = ProcedureTime.objects.update_or_create(
            procedure_code=procedure_code,
            defaults={
                "working_days": working_days,
                "paper_result": paper,
                "legal_basis": legal_basis,
                "updated_at": timezone.now(),
                "updated_by": actor(user),
            },
        )
        for dossier in Dossier.objects.select_for_update().filter(procedure_code=procedure_code):
            due = (
                statutory.due(dossier.received_at, working_days, calendar=calendar)
                if dossier.due_at is None
                else dossier.statutory_due_at
            )
            if dossier.statutory_due_at == due and dossier.paper_result == paper:
                continue
            before[dossier.pk] = signals.snapshot(dossier)
            dossier.statutory_due_at = due
            dossier.paper_result = paper
            dossier.updated_at = timezone.now()
            changed.append(dossier)
            for moment in (dossier.received_at, dossier.finished_at):
                month = signals.month_of(dossier.province_code, moment)
                if month is not None:
                    months.add(month)
        bulk.update(changed, ["statutory_due_at", "paper_result", "updated_at"])
        ProcedureTimeChange.objects.create(
            procedure_time=row,
            actor=actor(user),
            working_days_from=previous["working_days"] if previous is not None else None,
            working_days_to=working_days,
            paper_result_from=paper_from,
            paper_result_to=paper,
            legal_basis=legal_basis,
            dossiers_changed=len(changed),
        )
    signals.after_ingest(sorted(before), frozenset(months), before)
    return row
