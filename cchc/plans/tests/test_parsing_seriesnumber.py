"""A document number of a numbered series, "66.16/2026/NQ-CP" (meta._NUMBER_RE; issue 15,
held-out round 21): made-up snippets."""

from __future__ import annotations

from cchc.plans.parsing.meta import parse_number


def test_a_series_number_keeps_its_sub_number():
    assert parse_number("Số: 66.21/2027/NQ-CP") == "66.21/2027/NQ-CP"
    assert parse_number("(Kèm theo Nghị quyết số 66.3/2027/NQ-CP") == "66.3/2027/NQ-CP"
    assert parse_number("Số: 12/2027/QĐ-UBND") == "12/2027/QĐ-UBND"
