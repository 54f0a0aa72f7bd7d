"""The communes, wards and townships of Bắc Giang before 1/7/2025 and the commune or ward of the
new Bắc Ninh that each became part of (Nghị quyết 1658/NQ-UBTVQH15, Điều 1), read from
``data/former_communes.csv`` (one row a unit, with the clause it comes from and its source).

Each unit is an agency of level "commune" valid until 30/6/2025 ("UBND cấp xã" on an earlier
date expands to them) with a succession to its successor from 1/7/2025. The list is the state
of 30/6/2025: the units changed on 1/1/2025 by Nghị quyết 1191/NQ-UBTVQH15 are not told apart
(see docs/agencies.md). Used by ``registry.load_registry`` and by the data migration, which
passes its historical models.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from cchc.agencies.names import phrase_key

FORMER_COMMUNES = Path(__file__).parent / "data" / "former_communes.csv"
COLUMNS = ("code", "kind", "name", "successor", "clause", "source")
KINDS = ("xã", "phường", "thị trấn")
LAST_DAY = dt.date(2025, 6, 30)
SUCCESSORS_FROM = dt.date(2025, 7, 1)
BASIS: dict[str, Any] = {
    "basis_type": "Nghị quyết",
    "basis_number": "1658/NQ-UBTVQH15",
    "basis_date": dt.date(2025, 6, 16),
    "basis_issuer": "Ủy ban Thường vụ Quốc hội",
    "basis_url": "https://datafiles.chinhphu.vn/cpp/files/vbpq/2025/6/1658-nq.signed.pdf",
}
_CODE_RE = re.compile(r"^bg\.(xa|phuong|tt)\.[a-z0-9-]+$")


class FormerCommuneError(ValueError):
    """A row of the file is wrong; the message names the file, the line and the field."""


@dataclass(frozen=True, slots=True)
class FormerCommune:
    code: str
    kind: str
    name: str
    successor: str
    clause: int
    source: str

    @property
    def full_name(self) -> str:
        return f"Ủy ban nhân dân {self.kind} {self.name}"

    @property
    def short_name(self) -> str:
        return f"UBND {self.kind} {self.name}"


def read_former_communes(path: Path = FORMER_COMMUNES) -> list[FormerCommune]:
    """Every row of the file, checked; nothing is returned if one row is wrong."""
    rows: list[FormerCommune] = []
    seen: dict[str, int] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise FormerCommuneError(
                _("%(file)s, line 1: the columns must be %(columns)s.")
                % {"file": path.name, "columns": ", ".join(COLUMNS)}
            )
        for line, raw in enumerate(reader, start=2):
            where = f"{path.name}, " + _("line %(line)s") % {"line": line}
            values = {k: (raw.get(k) or "").strip() for k in COLUMNS}
            for field in COLUMNS:
                if not values[field]:
                    raise FormerCommuneError(
                        _("%(where)s: %(field)s is empty.") % {"where": where, "field": field}
                    )
            if not _CODE_RE.match(values["code"]):
                raise FormerCommuneError(
                    _("%(where)s: code %(code)s is not bg.xa|phuong|tt.<name>.")
                    % {"where": where, "code": values["code"]}
                )
            if values["code"] in seen:
                raise FormerCommuneError(
                    _("%(where)s: code %(code)s is already on line %(line)s.")
                    % {"where": where, "code": values["code"], "line": seen[values["code"]]}
                )
            if values["kind"] not in KINDS:
                raise FormerCommuneError(
                    _("%(where)s: kind %(kind)s is not one of %(kinds)s.")
                    % {"where": where, "kind": values["kind"], "kinds": ", ".join(KINDS)}
                )
            if not values["clause"].isdigit():
                raise FormerCommuneError(
                    _("%(where)s: clause %(clause)s is not a number.")
                    % {"where": where, "clause": values["clause"]}
                )
            seen[values["code"]] = line
            rows.append(
                FormerCommune(
                    code=values["code"],
                    kind=values["kind"],
                    name=values["name"],
                    successor=values["successor"],
                    clause=int(values["clause"]),
                    source=values["source"],
                )
            )
    return rows


def load_former_communes(
    *,
    agency_model: Any,
    succession_model: Any,
    alias_model: Any,
    rows: list[FormerCommune],
) -> tuple[int, int]:
    """Create or update each former unit and its succession (when the successor is in the
    registry). Returns (units, successions). The caller holds the transaction."""
    successors = {
        a.code: a for a in agency_model.objects.filter(code__in={r.successor for r in rows})
    }
    units = successions = 0
    for row in rows:
        agency, _created = agency_model.objects.update_or_create(
            code=row.code,
            defaults={
                "name": row.full_name,
                "short_name": row.short_name,
                "level": "commune",
                "valid_from": None,
                "valid_until": LAST_DAY,
                "confirmed": True,
                "source": row.source,
                "notes": f"ĐVHC cấp xã trước 01/7/2025; từ 01/7/2025 sắp xếp vào {row.successor} "
                f"(khoản {row.clause} Điều 1 NQ 1658/NQ-UBTVQH15).",
                "links": [],
                **BASIS,
            },
        )
        units += 1
        alias = f"{row.kind} {row.name}"
        alias_model.objects.get_or_create(
            agency=agency,
            folded=phrase_key(alias),
            defaults={"text": alias, "kind": "abbreviation"},
        )
        successor = successors.get(row.successor)
        if successor is None:
            continue
        succession_model.objects.update_or_create(
            predecessor=agency,
            successor=successor,
            defaults={
                "on": SUCCESSORS_FROM,
                "kind": "merged",
                "legal_basis": "Nghị quyết 1658/NQ-UBTVQH15 ngày 16/6/2025, khoản "
                f"{row.clause} Điều 1",
                "confirmed": True,
                "source": row.source,
                "links": [],
                **BASIS,
            },
        )
        successions += 1
    return units, successions


def remove_former_communes(*, agency_model: Any, rows: list[FormerCommune]) -> None:
    """The reverse: delete the former units (their successions and variants go with them)."""
    agency_model.objects.filter(code__in=[r.code for r in rows]).delete()
