"""Scoring the corpus of plans of the genre (``tests/corpus/``) against its expected summaries.

Every document ``NN-name.<ext>`` has ``NN-name.json`` beside it: ``source`` (where it comes
from; models and excerpts say so), ``items`` (the number of rows of work), optional
``sections`` (section titles that must appear) and ``facts`` (for a few items, by index:
``title`` — the item's title starts with it — and ``number``, ``lead``, ``partners``,
``timeframe`` — equal). Text is compared folded (no case, no diacritics, no end punctuation).
Optional ``known_misreads`` (same shape as ``facts``): what the document says where the
importer is known to read it wrong, written by hand from the text. They count as facts in the
score (read if the importer now gets them right) but are kept apart (``known_facts``,
``known_read``, ``known_misses``), so the bench's headline share is honest while
``test_corpus.py`` requires every ordinary fact (and a known misread read right must move to
``facts``). A known misread ``{"items": N}`` (no index) says the item count is one: the
document has ``N`` rows of work (equal to ``items``) and the importer reads another number;
the indexes of the other facts are then the document's. A known misread ``{"section": T}``
says the document has the section ``T`` and the importer does not read it as one. Optional
``known_refusal`` (a held-out document whose facts are all known misreads): the importer is known
to refuse the document with an error containing that text; ``test_corpus.py`` then requires the
same refusal, and fails with "read now" once the importer reads it (drop ``known_refusal`` and
move what it reads right to ``facts``).
Optional ``document`` (real entries): the document's own ``number``, ``date`` (ISO) and
``title``, read by hand from its header (letterhead "Số:" line, place-and-date line, title
block; an annex's "(Kèm theo <kind> số N ngày D)" line); ``null`` where the text prints none
of its own (the importer must then read none, not a number the body cites). The number is
compared folded, the date exactly, the title by its first ``TITLE_WORDS`` folded words (the
kind and the start of its subject). Scored APART from the facts (``document_*``), so the facts'
figures stay comparable; ``known_document_misreads`` (same shape) are counted apart again.
``bench/corpus_bench.py`` prints the share of facts read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc.core.text import fold

CORPUS = Path(__file__).parent / "corpus"
FACT_FIELDS = ("number", "title", "lead", "partners", "timeframe")
DOCUMENT_FIELDS = ("number", "date", "title")
# A title is read right when its first words are: the kind and the start of the subject (a
# title cut after its kind, or the issuer's name, fails; the tail of a long subject may vary).
TITLE_WORDS = 8


@dataclass
class Score:
    name: str
    facts: int = 0
    read: int = 0
    misses: list[str] = field(default_factory=list)
    error: str = ""
    # The ``known_misreads``: included in ``facts``/``read`` above, and counted here apart.
    known_facts: int = 0
    known_read: int = 0
    known_misses: list[str] = field(default_factory=list)
    known_hits: list[str] = field(default_factory=list)
    # The document's own number, date and title (``document``): apart from the facts above.
    document_facts: int = 0
    document_read: int = 0
    document_misses: list[str] = field(default_factory=list)
    # ``known_document_misreads``: included in ``document_facts``/``document_read``.
    document_known_facts: int = 0
    document_known_read: int = 0
    document_known_hits: list[str] = field(default_factory=list)
    document_known_misses: list[str] = field(default_factory=list)
    # field -> [expected, read]
    document_by_field: dict[str, list[int]] = field(default_factory=dict)
    # The item fields (facts and known misreads with an index) scored again with the rows
    # aligned by title (``aligned_item_fields``): [expected, read].
    item_fields: list[int] = field(default_factory=lambda: [0, 0])
    aligned: list[int] = field(default_factory=lambda: [0, 0])

    @property
    def ordinary_facts(self) -> int:
        return self.facts - self.known_facts

    @property
    def ordinary_read(self) -> int:
        return self.read - self.known_read


def _entry_order(summary: Path) -> tuple[int, str]:
    """Entries in the order of their number ("9-…" before "10-…" before "100-…"), then name."""
    number = summary.name.split("-", 1)[0]
    return (int(number) if number.isdigit() else 0, summary.name)


def documents() -> list[tuple[Path, dict[str, Any]]]:
    found = []
    for summary in sorted(CORPUS.glob("*.json"), key=_entry_order):
        matches = [p for p in CORPUS.glob(summary.stem + ".*") if p.suffix != ".json"]
        if len(matches) != 1:
            raise AssertionError(f"{summary.name}: expected one document beside it")
        found.append((matches[0], json.loads(summary.read_text(encoding="utf-8"))))
    return found


def _norm(value: object) -> str:
    return fold(str(value or "")).strip(" .;:,")


def score(path: Path, expected: dict[str, Any], parse: Any) -> Score:
    """``parse(path)`` -> an object with ``items`` (each with the item fields)."""
    result = Score(name=path.name)
    count_fact = 1 + len(expected.get("sections", []))
    known_misreads = expected.get("known_misreads", [])
    count_known = [fact for fact in known_misreads if "index" not in fact and "section" not in fact]
    if count_known and count_known != [{"items": expected["items"]}]:
        raise AssertionError(f"{path.name}: a known count misread is {{'items': <items>}}")
    section_known = [fact["section"] for fact in known_misreads if "section" in fact]
    per_item_known = [fact for fact in known_misreads if "index" in fact]
    try:
        parsed = parse(path)
    except Exception as exc:  # the "before" code may refuse a document: no facts read
        result.error = f"{type(exc).__name__}: {exc}"[:200]
        known = (
            len(count_known)
            + len(section_known)
            + sum(len([k for k in fact if k in FACT_FIELDS]) for fact in per_item_known)
        )
        result.facts = (
            count_fact
            - len(count_known)  # a known count misread is counted once, in ``known``
            + sum(len([k for k in fact if k in FACT_FIELDS]) for fact in expected["facts"])
            + known
        )
        result.known_facts = known
        expected_document = {
            **expected.get("document", {}),
            **expected.get("known_document_misreads", {}),
        }
        result.document_facts = len(expected_document)
        result.document_known_facts = len(expected.get("known_document_misreads", {}))
        return result
    _score_document(result, parsed.document, expected)
    items = parsed.items
    result.facts += 1
    result.known_facts += len(count_known)
    if len(items) == expected["items"]:
        result.read += 1
        result.known_read += len(count_known)
        result.known_hits += ["items"] * len(count_known)
    elif count_known:
        result.known_misses.append(f"items: {len(items)} != {expected['items']}")
    else:
        result.misses.append(f"items: {len(items)} != {expected['items']}")
    sections = {_norm(s).split(". ", 1)[-1] for item in items for s in item.section}
    sections |= {_norm(s) for item in items for s in item.section}
    for title in expected.get("sections", []):
        result.facts += 1
        if _norm(title) in sections:
            result.read += 1
        else:
            result.misses.append(f"section {title!r} not in {sorted(sections)[:6]}")
    for title in section_known:
        result.facts += 1
        result.known_facts += 1
        if _norm(title) in sections:
            result.read += 1
            result.known_read += 1
            result.known_hits.append(f"section {title!r}")
        else:
            result.known_misses.append(f"section {title!r} not in {sorted(sections)[:6]}")
    for fact in expected["facts"]:
        for _name, ok, line in _check_fact(items, fact):
            result.facts += 1
            if ok:
                result.read += 1
            else:
                result.misses.append(line)
    every_fact = [*expected["facts"], *per_item_known]
    result.item_fields = [
        sum(len(_check_fact(items, fact)) for fact in every_fact),
        sum(ok for fact in every_fact for _name, ok, _line in _check_fact(items, fact)),
    ]
    result.aligned = aligned_item_fields(items, every_fact)
    for fact in per_item_known:
        for name, ok, line in _check_fact(items, fact):
            result.facts += 1
            result.known_facts += 1
            if ok:
                result.read += 1
                result.known_read += 1
                result.known_hits.append(f"item {fact['index']} {name}")
            else:
                result.known_misses.append(line)
    return result


def aligned_item_fields(items: Any, facts: list[dict[str, Any]]) -> list[int]:
    """[expected, read] of the item fields with each expected row matched to the read row whose
    title starts with its title (in order: the row at its index shifted as the last row matched
    was, else the first such row after the last one matched), a row without an asserted title
    taking the shift of the last row matched before it.

    The facts name rows by index, so one row read too many or too few makes every later row's
    facts misses though each row may be read right. This second figure tells a reading that
    lost or added a row from one that read the rows wrong; the headline stays the index's.
    """
    rows: dict[int, dict[str, Any]] = {}
    for fact in facts:
        rows.setdefault(fact["index"], {}).update(fact)
    titles = [_norm(getattr(item, "title", "")) for item in items]
    expected = read = 0
    shift = 0
    last = -1
    for index in sorted(rows):
        row = rows[index]
        want_title = _norm(row.get("title", ""))
        if want_title:
            here = index + shift
            found = (
                here
                if last < here < len(items) and titles[here].startswith(want_title)
                else next(
                    (j for j in range(last + 1, len(items)) if titles[j].startswith(want_title)),
                    None,
                )
            )
            if found is not None:
                shift, last = found - index, found
        position = index + shift
        checked = _check_fact(items, {**row, "index": position}) if position >= 0 else []
        expected += len([name for name in FACT_FIELDS if name in row])
        read += sum(ok for _name, ok, _line in checked)
    return [expected, read]


def _check_fact(items: Any, fact: dict[str, Any]) -> list[tuple[str, bool, str]]:
    """(field, read right, the miss line) for each field of one expected ``fact``."""
    index = fact["index"]
    item = items[index] if index < len(items) else None
    checked = []
    for name in FACT_FIELDS:
        if name not in fact:
            continue
        got = _norm(getattr(item, name)) if item is not None else ""
        want = _norm(fact[name])
        ok = got.startswith(want) if name == "title" and want else got == want
        ok = ok and item is not None
        checked.append((name, ok, f"item {index} {name}: {got[:80]!r} != {want[:80]!r}"))
    return checked


def _score_document(result: Score, document: Any, expected: dict[str, Any]) -> None:
    """The document's own number, date and title against ``document`` and
    ``known_document_misreads`` (kept apart from the facts)."""
    for known, facts in (
        (False, expected.get("document", {})),
        (True, expected.get("known_document_misreads", {})),
    ):
        for name, want in facts.items():
            if name not in DOCUMENT_FIELDS:
                raise AssertionError(f"{result.name}: unknown document field {name!r}")
            ok, line = check_document_field(name, getattr(document, name), want)
            result.document_facts += 1
            counts = result.document_by_field.setdefault(name, [0, 0])
            counts[0] += 1
            counts[1] += ok
            result.document_known_facts += known
            result.document_read += ok
            result.document_known_read += known and ok
            if known and ok:
                result.document_known_hits.append(f"document {name}")
            elif known:
                result.document_known_misses.append(line)
            elif not ok:
                result.document_misses.append(line)


def check_document_field(name: str, got: Any, want: Any) -> tuple[bool, str]:
    """(read right, the miss line) for one of the document's own fields."""
    if name == "date":
        got_text = got.isoformat() if got else None
        ok = got_text == want
    elif name == "title":
        got_text = got
        want_words = _norm(want).split()[:TITLE_WORDS]
        ok = bool(want_words) and _norm(got).split()[: len(want_words)] == want_words
    else:
        got_text = got
        ok = (not got and want is None) or (want is not None and _norm(got) == _norm(want))
    return ok, f"document {name}: {str(got_text)[:70]!r} != {str(want)[:70]!r}"
