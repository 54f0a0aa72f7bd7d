"""PLACEHOLDER of the target extractor (h-ind-extract owns this package; the integrator
replaces this file with theirs). Only the contract of /work/briefs/ind-shared.md: the
``ProposedTarget`` dataclass and an ``extract_targets`` that finds nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Comparator = Literal[">=", "<=", "=", "top", "range"]


@dataclass(frozen=True)
class ProposedTarget:
    indicator: str | None
    comparator: Comparator
    value: float
    value_max: float | None
    unit: str
    year: int | None
    scope: str | None
    phrase: str
    line: int | None
    baseline: float | None = None
    trajectory: str | None = None

    def as_json(self) -> dict[str, object]:
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
    return []
