"""One vocabulary (issue 9, item 8; docs/vocabulary.md): the status grid's categories carry the
documented terms in both languages, an overdue obligation is called what the grid calls it,
and no translation or template uses a retired word."""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import translation

from cchc.conftest import REPO_ROOT
from cchc.reporting.grid import Category
from cchc.reporting.models import WorkStatus
from cchc.scheduling.models import ObligationStatus

VOCABULARY = REPO_ROOT / "docs" / "vocabulary.md"
RETIRED = re.compile(r"trễ hạn", re.IGNORECASE)


def _first_table(text: str) -> list[list[str]]:
    """The rows (cells stripped) of the first markdown table under "A report against its
    deadline"."""
    section = text.split("## A report against its deadline", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def _labels(language: str) -> list[str]:
    with translation.override(language):
        return [str(c.label) for c in Category]


def test_the_grid_categories_are_the_documented_terms():
    rows = _first_table(VOCABULARY.read_text(encoding="utf-8"))
    assert [row[0] for row in rows] == _labels("vi")
    assert [row[1] for row in rows] == _labels("en")
    assert _labels("vi") == [
        "Đúng hạn",
        "Nộp muộn",
        "Đang lập, trong hạn",
        "Quá hạn",
        "Chưa bắt đầu",
    ]


def test_an_overdue_obligation_has_the_grids_word():
    with translation.override("vi"):
        assert str(ObligationStatus.LATE.label) == str(Category.OVERDUE.label) == "Quá hạn"
        # The work's "not started" is not the report's.
        assert str(WorkStatus.NOT_STARTED.label) != str(Category.NOT_STARTED.label)
        assert str(WorkStatus.DONE_LATE.label) == "Hoàn thành chậm"


def test_no_translation_or_template_uses_a_retired_word():
    with translation.override("vi"):
        catalog = translation.trans_real.translation("vi")._catalog  # type: ignore[attr-defined]
        retired = sorted(
            str(key)
            for key, text in catalog.items()
            if isinstance(text, str) and RETIRED.search(text)
        )
    assert retired == []
    templates = [
        path
        for path in Path(REPO_ROOT / "cchc").rglob("*.html")
        if RETIRED.search(path.read_text(encoding="utf-8"))
    ]
    assert templates == []
