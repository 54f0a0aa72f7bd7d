"""The shipped indicator catalogue (``data/catalogue.toml``): read it, and load it into the
database without touching indicators that exist already (their edits are the secretariat's).

Used by the data migration ``0002_load_catalogue`` (with the historical models) and by
``cchc indicators load``."""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

CATALOGUE = Path(__file__).resolve().parent / "data" / "catalogue.toml"

FIELDS = (
    "name",
    "unit",
    "direction",
    "aggregation",
    "disaggregations",
    "data_source",
    "definition",
    "legal_source",
    "source_url",
    "valid_from",
)


def read_catalogue(path: Path = CATALOGUE) -> list[dict[str, Any]]:
    """The catalogue's rows: ``code``, the ``FIELDS`` and ``tolerance`` (a Decimal)."""
    with path.open("rb") as handle:
        rows = tomllib.load(handle)["indicator"]
    result = []
    for row in rows:
        item = {"code": row["code"], "tolerance": Decimal(str(row.get("tolerance", 5)))}
        for name in FIELDS:
            item[name] = row.get(name, "" if name != "disaggregations" else [])
        if not isinstance(item["valid_from"], dt.date):
            item["valid_from"] = dt.date(2021, 1, 1)
        result.append(item)
    return result


def load_into(indicator_model: Any, change_model: Any, path: Path = CATALOGUE) -> int:
    """Create the catalogue's indicators that are missing; returns how many were created."""
    existing = set(indicator_model.objects.values_list("code", flat=True))
    created = 0
    for row in read_catalogue(path):
        if row["code"] in existing:
            continue
        indicator = indicator_model.objects.create(**row)
        change_model.objects.create(
            indicator=indicator,
            action="created",
            changes={},
            reason="catalogue",
        )
        created += 1
    return created
