"""Laying the parsed rows of work out as a tree of nodes with stable keys.

Keys identify a node across re-imports of the same document: a section by its label ("I"),
an objective or task by the code it is printed with ("1.2") under its parent, an activity by
its row number. A revised document therefore updates the nodes it shares with the stored plan.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from cchc.core.text import fold
from cchc.plans.models import NodeKind
from cchc.plans.parsing import cells as C
from cchc.plans.parsing.result import Item, ParsedPlan

CONTENT_FIELDS = (
    "number",
    "label",
    "title",
    "outputs",
    "lead",
    "partners",
    "timeframe",
    "budget",
    "submit_level",
    "notes",
    "extra",
)


@dataclass(slots=True)
class NodeSpec:
    key: str
    kind: str
    parent_key: str | None
    area_key: str | None
    depth: int
    position: int
    source_line: int | None
    values: dict[str, Any] = field(default_factory=dict)
    search_text: str = ""


def _short(text: str) -> str:
    """A key part for a grouping row printed without a code: its first words and a hash."""
    head = fold(text[:60])[:40]
    if len(text) <= 40:
        return head
    return head[:32] + "~" + hashlib.sha1(text.encode()).hexdigest()[:7]


def build_specs(parsed: ParsedPlan) -> list[NodeSpec]:
    specs: list[NodeSpec] = []
    by_key: dict[str, NodeSpec] = {}
    numbers = [C.normalise_number(i.number) for i in parsed.items if i.number]
    numbers_unique = len(numbers) == len(set(numbers))
    unnumbered: dict[str | None, int] = {}

    def add(
        kind: str,
        key: str,
        parent: NodeSpec | None,
        title: str,
        number: str,
        line: int | None,
        **values: Any,
    ) -> NodeSpec:
        base, suffix = key, 2
        while key in by_key:
            existing = by_key[key]
            if (
                existing.kind == kind
                and existing.values["title"] == title
                and kind != NodeKind.ACTIVITY
            ):
                return existing
            key, suffix = f"{base}~{suffix}", suffix + 1
        if len(key) > 255:
            key = key[:200] + "#" + hashlib.sha1(key.encode()).hexdigest()
        area_key = parent.area_key if parent else (key if kind == NodeKind.SECTION else None)
        spec = NodeSpec(
            key=key,
            kind=kind,
            parent_key=parent.key if parent else None,
            area_key=area_key,
            depth=parent.depth + 1 if parent else 0,
            position=len(specs),
            source_line=line,
            values={"number": number, "label": "", "title": title, **values},
        )
        spec.search_text = search_text(spec.values, _ancestor_titles(parent, by_key))
        specs.append(spec)
        by_key[key] = spec
        return spec

    for item in parsed.items:
        parent: NodeSpec | None = None
        for text in item.section:
            label, title = C.split_label(text)
            code = label or _short(text)
            key = f"{parent.key}/S:{code}" if parent else f"S:{code}"
            parent = add(NodeKind.SECTION, key, parent, title or text, label, None)
        for kind, cell in ((NodeKind.OBJECTIVE, item.objective), (NodeKind.TASK, item.task)):
            if cell:
                code = C.leading_code(cell) or _short(cell)
                prefix = "O" if kind == NodeKind.OBJECTIVE else "T"
                key = f"{parent.key}/{prefix}:{code}" if parent else f"{prefix}:{code}"
                _code, label, words = C.split_numbering(cell)
                parent = add(kind, key, parent, words, C.leading_code(cell), None, label=label)
        key = _activity_key(item, parent, numbers_unique, unnumbered)
        _code, label, words = C.split_numbering(item.title or "")
        add(
            NodeKind.ACTIVITY,
            key,
            parent,
            words,
            C.normalise_number(item.number or ""),
            item.line,
            label=label,
            outputs=item.outputs or "",
            lead=item.lead or "",
            partners=item.partners or "",
            timeframe=item.timeframe or "",
            budget=item.budget or "",
            submit_level=item.submit_level or "",
            notes=item.notes or "",
            extra=dict(item.extra),
        )
    _fill_section_lines(specs, parsed.items)
    return specs


def search_text(values: dict[str, Any], ancestors: list[str]) -> str:
    """What search matches for a node: its texts and its ancestors', folded."""
    parts = [str(values.get(name) or "") for name in CONTENT_FIELDS if name != "extra"]
    parts += [str(v) for v in (values.get("extra") or {}).values()]
    # Folded part by part: the ancestors' texts repeat for every node below them, and fold()
    # remembers recent results.
    return " ".join(fold(p) for p in [*parts, *ancestors] if p)


def _activity_key(
    item: Item, parent: NodeSpec | None, numbers_unique: bool, unnumbered: dict[str | None, int]
) -> str:
    number = C.normalise_number(item.number or "")
    scope = parent.key if parent else ""
    if number and numbers_unique:
        return f"A:{number}"
    if number:
        section_scope = scope.split("/O:")[0].split("/T:")[0]
        return f"{section_scope}/A:{number}" if section_scope else f"A:{number}"
    parent_key = parent.key if parent else None
    unnumbered[parent_key] = unnumbered.get(parent_key, 0) + 1
    return f"{scope}/A#{unnumbered[parent_key]}" if scope else f"A#{unnumbered[parent_key]}"


def _ancestor_titles(parent: NodeSpec | None, by_key: dict[str, NodeSpec]) -> list[str]:
    titles: list[str] = []
    while parent is not None:
        titles.append(
            f"{parent.values['number']} {parent.values['label']} {parent.values['title']}"
        )
        parent = by_key.get(parent.parent_key) if parent.parent_key else None
    return titles


def _fill_section_lines(specs: list[NodeSpec], items: list[Item]) -> None:
    """Grouping nodes point at the first row of work under them."""
    first_line: dict[str, int] = {}
    by_key = {s.key: s for s in specs}
    for spec in specs:
        if spec.kind != NodeKind.ACTIVITY or spec.source_line is None:
            continue
        parent_key = spec.parent_key
        while parent_key and parent_key not in first_line:
            first_line[parent_key] = spec.source_line
            parent_key = by_key[parent_key].parent_key
    for spec in specs:
        if spec.source_line is None:
            spec.source_line = first_line.get(spec.key)
