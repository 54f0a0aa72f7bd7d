"""The seed plan's targets, against the table written by hand (seed_targets_expected.py)."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command

from cchc.conftest import SEED_PLAN
from cchc.indicators.extraction.preview import annotate
from cchc.indicators.tests.seed_targets_expected import SEED_TARGETS
from cchc.plans.parsing import ParsedPlan, parse_path
from cchc.scheduling.interpret import annotate as annotate_schedule

PREVIEW_KEYS = {"indicator", "comparator", "value", "value_max", "unit", "year", "scope", "phrase"}


@pytest.fixture(scope="module")
def seed() -> ParsedPlan:
    parsed = parse_path(SEED_PLAN)
    annotate_schedule(parsed, on=dt.date(2021, 8, 21))
    annotate(parsed, on=dt.date(2021, 8, 21))
    return parsed


def _row(target: dict[str, object]) -> tuple[object, ...]:
    return tuple(target[k] for k in ("indicator", "comparator", "value", "value_max", "unit"))


def test_every_seed_target_matches_the_hand_written_table(seed):
    found = {item.number: item.interpreted["targets"] for item in seed.items}
    with_targets = {number for number, targets in found.items() if targets}
    assert with_targets == set(SEED_TARGETS)
    for number, expected in SEED_TARGETS.items():
        got = found[number]
        assert len(got) == len(expected), number
        for target, row in zip(got, expected, strict=True):
            indicator, comparator, value, value_max, unit, year, scope, words = row
            assert (
                target["indicator"],
                target["comparator"],
                target["value"],
                target["value_max"],
                target["unit"],
                target["year"],
                target["scope"],
            ) == (indicator, comparator, value, value_max, unit, year, scope), (number, row)
            assert words in str(target["phrase"]), (number, row, target["phrase"])


def test_each_phrase_is_words_of_its_row(seed):
    for item in seed.items:
        source = f"{item.objective or ''}\n{item.title or ''}"
        for target in item.interpreted["targets"]:
            assert set(target) == PREVIEW_KEYS
            assert str(target["phrase"]) in source, (item.number, target["phrase"])


def test_an_objective_s_targets_are_not_repeated_on_its_other_rows(seed):
    by_number = {item.number: item for item in seed.items}
    # Rows 39 and 40 share objective 1.5 ("60% cán bộ …"); rows 68-73 share objective 1.2.
    assert by_number["40"].objective == by_number["39"].objective
    assert by_number["40"].interpreted["targets"] == []
    assert by_number["39"].interpreted["targets"]
    for number in ("69", "70", "71", "72", "73"):
        assert by_number[number].objective == by_number["68"].objective
        assert by_number[number].interpreted["targets"] == []


def test_the_seed_has_47_targets_and_one_trajectory(seed):
    targets = [t for item in seed.items for t in item.interpreted["targets"]]
    assert len(targets) == 47
    assert sum(1 for t in targets if t["unit"] == "rank") == 3


@pytest.mark.django_db
def test_import_plan_json_has_targets_on_every_item():
    out = StringIO()
    call_command("import_plan", str(SEED_PLAN), "--dry-run", "--json", stdout=out)
    items = json.loads(out.getvalue())["items"]
    assert all(isinstance(item["targets"], list) for item in items)
    by_number = {item["number"]: item for item in items}
    assert by_number["1."]["targets"] == []
    assert by_number["12"]["targets"] == [
        {
            "indicator": "tthc.dossiers_online",
            "comparator": ">=",
            "value": 50.0,
            "value_max": None,
            "unit": "%",
            "year": 2025,
            "scope": None,
            "phrase": "Đến năm 2025, tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 50%",
        }
    ]
    assert len(by_number["10"]["targets"]) == 15
    assert all(set(t) == PREVIEW_KEYS for item in items for t in item["targets"])
