"""Reading quantitative targets out of a plan's prose (pure Python: no database, no models).

``extract_targets(text)`` proposes one :class:`ProposedTarget` per target phrase ("đạt tối
thiểu 50%", "nằm trong nhóm 15 tỉnh dẫn đầu", "25-35%", trajectories expanded per year and
level); the secretariat confirms, edits or rejects them. How the reader works and how to map a
new phrase to an indicator: docs/indicators-extraction.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Comparator = Literal[">=", "<=", "=", "top", "range"]


@dataclass(frozen=True)
class ProposedTarget:
    indicator: str | None  # a catalogue code, or None when no indicator matches
    comparator: Comparator
    value: float
    value_max: float | None  # only for "range"
    unit: str  # "%" for shares, "rank" for "nhóm N dẫn đầu", else "count", "score", "points", "VND"
    year: int | None  # the year the target is due
    scope: str | None  # None, "level:province" … or "field:dat-dai,xay-dung,dau-tu"
    phrase: str  # the exact words it was read from (a substring of the text)
    line: int | None  # source line if known
    baseline: float | None = None  # for trajectories: the starting value
    trajectory: str | None = None  # for expanded trajectories: an id shared by its rows

    def as_json(self) -> dict[str, object]:
        """The eight keys of the import preview (``import-plan --json``), nothing else."""
        return {
            "indicator": self.indicator,
            "comparator": self.comparator,
            "value": self.value,
            "value_max": self.value_max,
            "unit": self.unit,
            "year": self.year,
            "scope": self.scope,
            "phrase": self.phrase,
        }


def extract_targets(
    text: str, *, line: int | None = None, default_year: int | None = None
) -> list[ProposedTarget]:
    """Every target the text states, in text order (trajectories expanded in place).

    ``default_year`` is the year a target without its own year is due (the caller's timeframe
    end), else None. Phrases are substrings of the NFC form of ``text``.
    """
    from cchc.indicators.extraction.reader import read_targets

    return read_targets(text, line=line, default_year=default_year)


__all__ = ["Comparator", "ProposedTarget", "extract_targets"]
