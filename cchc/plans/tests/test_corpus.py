"""Every document of the genre's corpus reads to its hand-written expected summary."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from cchc.plans.parsing import parse_path
from cchc.plans.tests.corpus_check import documents, score

DOCUMENTS = documents()


def test_the_corpus_has_twenty_documents_with_their_source():
    assert len(DOCUMENTS) >= 20
    for _path, expected in DOCUMENTS:
        assert expected["source"].strip()
        # Facts read right, or (a held-out document the importer reads badly) known misreads.
        assert expected["facts"] or expected.get("known_misreads")


@pytest.mark.parametrize(("path", "expected"), DOCUMENTS, ids=[p.name for p, _e in DOCUMENTS])
def test_corpus_document_reads_to_its_summary(path: Path, expected: dict[str, Any]) -> None:
    result = score(path, expected, parse_path)
    if expected.get("known_refusal"):
        # A held-out document the importer is known to refuse, every fact a known misread.
        assert not expected["facts"], "a refused document reads no facts: all are known misreads"
        assert result.error, "read now: drop known_refusal and move what it reads right to facts"
        assert expected["known_refusal"] in result.error, result.error
        return
    assert not result.error, result.error
    # The document's own number, date and title (scored apart from the facts); a known misread
    # of them read right must move to "document".
    assert result.document_misses == []
    assert result.document_known_hits == [], f"read right now, move to document: {result}"
    if expected.get("ocr"):
        # A scan: OCR misreads some characters (bold headings, digits); it must still read
        # the structure and most facts, and flag what it was unsure of. Its known misreads
        # (a held-out scan's, written down) are apart, as for any other document.
        assert result.ordinary_read >= 0.75 * result.ordinary_facts, result.misses
        assert result.known_hits == [], f"read right now, move it to facts: {result.known_hits}"
        return
    assert result.misses == []
    assert result.ordinary_read == result.ordinary_facts
    # A known misread the importer now reads right is no longer one: move it to "facts".
    assert result.known_hits == [], f"read right now, move it to facts: {result.known_hits}"


def test_the_scan_flags_the_cells_ocr_was_unsure_of_and_carries_confidences():
    path = next(p for p, e in DOCUMENTS if e.get("ocr"))
    parsed = parse_path(path)
    assert all("confidence" in item.interpreted for item in parsed.items)
    scores = parsed.items[0].interpreted["confidence"]
    assert set(scores) >= {"number", "title", "lead"}
    assert all(0 <= value <= 100 for value in scores.values())
    low = [w for w in parsed.warnings if w.code == "low-confidence"]
    assert low and all(w.line for w in low)


def test_real_documents_name_where_their_text_was_found_and_the_readme_lists_them():
    """A real entry says where its text comes from (repository, path and commit, or a page's
    address) and whether it is whole or an excerpt; the corpus README lists every one."""
    readme = (Path(__file__).parent / "corpus" / "README.md").read_text(encoding="utf-8")
    real = [(path, expected) for path, expected in DOCUMENTS if expected.get("real")]
    assert real
    for path, expected in real:
        source = expected["source"]
        assert source.startswith("REAL document"), path.name
        assert "WHOLE" in source or "EXCERPT" in source, path.name
        assert re.search(r"commit [0-9a-f]{40}", source) or "https://" in source, path.name
        assert f"| {path.name.split('-', 1)[0]} |" in readme, path.name
    for path, expected in DOCUMENTS:
        if not expected.get("real"):
            assert not expected["source"].startswith("REAL"), path.name
