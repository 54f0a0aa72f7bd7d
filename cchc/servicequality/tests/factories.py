"""Hand-made dossiers for the formula tests (plain dicts with the dossier table's columns)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa

from cchc.servicequality.parquet import ARROW


def at(day: str, hour: int = 8) -> dt.datetime:
    """A UTC moment from "YYYY-MM-DD"."""
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=dt.UTC)


def dossier(**kw: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "province_code": "24",
        "code": "HS",
        "agency_code": "SO-TP",
        "level": "province",
        "procedure_code": "P1",
        "field": "Tư pháp",
        "channel": 2,
        "received_at": at("2026-01-05"),
        "due_at": at("2026-01-12", 17),
        "statutory_due_at": None,
        "paper_result": False,
        "finished_at": None,
        "supplement_requests": 0,
        "supplement_days": 0.0,
        "e_result": False,
        "digitised": False,
        "reused_data": False,
        "paid_online": False,
        "fee": 0.0,
        "feedback": "",
    }
    row.update(kw)
    return row


def table(rows: list[dict[str, Any]]) -> pa.Table:
    numbered = [{**r, "code": f"HS-{i}"} for i, r in enumerate(rows)]
    return pa.Table.from_pylist(numbered, schema=ARROW)


def store(rows: list[dict[str, Any]]) -> None:
    """Save the dossiers in the Django database (their moments as aware UTC datetimes)."""
    from cchc.dossiers.models import Dossier

    def aware(row: dict[str, Any]) -> dict[str, Any]:
        return {
            k: v.replace(tzinfo=dt.UTC) if isinstance(v, dt.datetime) and v.tzinfo is None else v
            for k, v in row.items()
        }

    Dossier.objects.bulk_create(Dossier(**aware(r)) for r in table(rows).to_pylist())
