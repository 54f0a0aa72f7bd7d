"""Interpreting a read document as a plan: headers, sections, rows of work, warnings."""

from __future__ import annotations

from pathlib import Path

from cchc.plans.parsing.result import (
    ITEM_FIELDS,
    Column,
    DocumentInfo,
    ImportWarning,
    Item,
    ParsedPlan,
)
from cchc.plans.readers import read_bytes, read_path
from cchc.plans.readers.base import SourceDocument

__all__ = [
    "ITEM_FIELDS",
    "Column",
    "DocumentInfo",
    "ImportWarning",
    "Item",
    "ParsedPlan",
    "parse_bytes",
    "parse_document",
    "parse_path",
]


def parse_document(doc: SourceDocument) -> ParsedPlan:
    """Interpret a read document; raises ReadError when it holds no recognisable plan."""
    from cchc.plans.parsing.assemble import assemble

    return assemble(doc)


def parse_path(path: Path) -> ParsedPlan:
    return parse_document(read_path(path))


def parse_bytes(data: bytes, name: str) -> ParsedPlan:
    return parse_document(read_bytes(data, name))
