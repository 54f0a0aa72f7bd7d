"""The interpreted plan: what ``import-plan --json`` prints and what storing consumes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# The fields of a row of work, in the order a plan table usually prints them.
ITEM_FIELDS: tuple[str, ...] = (
    "number",
    "objective",
    "task",
    "title",
    "outputs",
    "lead",
    "partners",
    "timeframe",
    "budget",
    "submit_level",
    "notes",
)


@dataclass(slots=True)
class Column:
    """One column of the source table: its printed header and the field it was mapped to.

    ``field`` is one of ITEM_FIELDS, or "" for a column kept verbatim in ``Item.extra``.
    """

    label: str
    field: str

    def as_dict(self) -> dict[str, str]:
        return {"label": self.label, "field": self.field}


@dataclass(slots=True)
class ImportWarning:
    line: int | None
    message: str
    code: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "message": self.message, "code": self.code}


@dataclass(slots=True)
class DocumentInfo:
    title: str | None = None
    number: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    source_name: str = ""
    format: str = ""
    columns: list[Column] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentInfo:
        return cls(
            title=data["title"],
            number=data["number"],
            date=dt.date.fromisoformat(data["date"]) if data["date"] else None,
            issuer=data["issuer"],
            source_name=data["source_name"],
            format=data["format"],
            columns=[Column(label=c["label"], field=c["field"]) for c in data["columns"]],
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "number": self.number,
            "date": self.date.isoformat() if self.date else None,
            "issuer": self.issuer,
            "source_name": self.source_name,
            "format": self.format,
            "columns": [c.as_dict() for c in self.columns],
        }


@dataclass(slots=True)
class Item:
    """One row of work (the activity; the task where the document has no activity column).

    Text fields hold the cleaned cell text; None means the document has no such column.
    """

    line: int
    section: list[str] = field(default_factory=list)
    number: str | None = None
    objective: str | None = None
    task: str | None = None
    title: str | None = None
    outputs: str | None = None
    lead: str | None = None
    partners: str | None = None
    timeframe: str | None = None
    budget: str | None = None
    submit_level: str | None = None
    notes: str | None = None
    # Columns the reader did not recognise, by their printed header: kept, shown and exported.
    extra: dict[str, str] = field(default_factory=dict)
    # What later stages read into the cells (``lead_agencies``, ``schedule`` …), by key; shown
    # beside the cells in the preview. See cchc/plans/interpretation.py.
    interpreted: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Item:
        """The item ``as_dict`` gave; keys other than the fields are what was interpreted."""
        known = {"number", "section", "extra", "line", *ITEM_FIELDS}
        return cls(
            line=data["line"],
            section=list(data["section"]),
            extra=dict(data["extra"]),
            interpreted={k: v for k, v in data.items() if k not in known},
            **{name: data[name] for name in ITEM_FIELDS},
        )

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"number": self.number, "section": list(self.section)}
        for name in ITEM_FIELDS[1:]:
            data[name] = getattr(self, name)
        data["extra"] = dict(self.extra)
        data["line"] = self.line
        data.update(self.interpreted)
        return data


@dataclass(slots=True)
class ParsedPlan:
    document: DocumentInfo
    items: list[Item] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)

    def warn(self, line: int | None, message: str, code: str = "") -> None:
        self.warnings.append(ImportWarning(line=line, message=message, code=code))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ParsedPlan:
        """The plan ``as_dict`` gave (what ``import-plan --json`` prints), e.g. from a child
        process that read the file."""
        return cls(
            document=DocumentInfo.from_dict(data["document"]),
            items=[Item.from_dict(item) for item in data["items"]],
            warnings=[
                ImportWarning(line=w["line"], message=w["message"], code=w["code"])
                for w in data["warnings"]
            ],
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "document": self.document.as_dict(),
            "items": [item.as_dict() for item in self.items],
            "warnings": [w.as_dict() for w in self.warnings],
        }
