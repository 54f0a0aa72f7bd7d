"""The timeframe grammar: every form of the seed and of the genre, read to exact dates."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from hypothesis import assume, given
from hypothesis import strategies as st

from cchc.conftest import SEED_PLAN
from cchc.plans.parsing import parse_path
from cchc.plans.parsing.result import DocumentInfo, Item, ParsedPlan
from cchc.scheduling.interpret import annotate
from cchc.scheduling.timeframes import GRAMMAR, Schedule, describe, normalise, parse_timeframe

D = dt.date

# text, kind, start, end, recurrence
FORMS = [
    # the seed
    ("Hàng năm", "recurring", None, None, "yearly"),
    ("Thường xuyên", "continuous", None, None, None),
    ("Thường xuyên hàng năm", "recurring", None, None, "yearly"),
    ("Thực hiện hàng năm", "recurring", None, None, "yearly"),
    ("2021-2030", "span", D(2021, 1, 1), D(2030, 12, 31), None),
    ("Từ 2021-2025", "span", D(2021, 1, 1), D(2025, 12, 31), None),
    ("Năm 2025", "deadline", D(2025, 1, 1), D(2025, 12, 31), None),
    ("Đến năm 2025", "deadline", None, D(2025, 12, 31), None),
    ("2025", "deadline", D(2025, 1, 1), D(2025, 12, 31), None),
    ("Quý I/2022", "deadline", D(2022, 1, 1), D(2022, 3, 31), None),
    ("Hàng năm, đến năm 2025", "recurring", None, D(2025, 12, 31), "yearly"),
    ("Triển khai 2022, hoàn thành 2025", "span", D(2022, 1, 1), D(2025, 12, 31), None),
    ("Khi có Thông tư mới", "event", None, None, None),
    ("Năm 2021", "deadline", D(2021, 1, 1), D(2021, 12, 31), None),
    ("2022-2025", "span", D(2022, 1, 1), D(2025, 12, 31), None),
    # the genre
    ("Quí IV-2025", "deadline", D(2025, 10, 1), D(2025, 12, 31), None),
    ("Quý III Năm 2026", "deadline", D(2026, 7, 1), D(2026, 9, 30), None),
    ("Quý 2/2026", "deadline", D(2026, 4, 1), D(2026, 6, 30), None),
    ("Quý IV/2025- Quý II/2026", "span", D(2025, 10, 1), D(2026, 6, 30), None),
    ("Tháng 6/2026", "deadline", D(2026, 6, 1), D(2026, 6, 30), None),
    ("Tháng 6 năm 2026", "deadline", D(2026, 6, 1), D(2026, 6, 30), None),
    ("Trước ngày 30/6/2026", "deadline", None, D(2026, 6, 29), None),
    ("Hoàn thành trước ngày 01/7/2026", "deadline", None, D(2026, 6, 30), None),
    ("Chậm nhất ngày 30/6/2026", "deadline", None, D(2026, 6, 30), None),
    ("Trước 30/6/2026", "deadline", None, D(2026, 6, 29), None),
    ("Chậm nhất ngày 15/12/2026", "deadline", None, D(2026, 12, 15), None),
    ("Hoàn thành trong năm 2025", "deadline", D(2025, 1, 1), D(2025, 12, 31), None),
    ("Hằng năm", "recurring", None, None, "yearly"),
    ("Hàng quý", "recurring", None, None, "quarterly"),
    ("Định kỳ hằng quý", "recurring", None, None, "quarterly"),
    ("Hằng tháng", "recurring", None, None, "monthly"),
    ("6 tháng, hằng năm", "recurring", None, None, "half_yearly"),
    ("Hàng quý, 6 tháng, hằng năm", "recurring", None, None, "quarterly"),
    ("Khi có phát sinh", "event", None, None, None),
    ("Khi có yêu cầu", "event", None, None, None),
    ("Theo chỉ đạo của UBND tỉnh", "event", None, None, None),
    ("Năm 2025 - 2026", "span", D(2025, 1, 1), D(2026, 12, 31), None),
    ("2025 – 2030", "span", D(2025, 1, 1), D(2030, 12, 31), None),
    ("Giai đoạn 2026-2030", "span", D(2026, 1, 1), D(2030, 12, 31), None),
    ("Từ năm 2021 đến năm 2025", "span", D(2021, 1, 1), D(2025, 12, 31), None),
    ("Quý I, II/2026", "span", D(2026, 1, 1), D(2026, 6, 30), None),
    ("Tháng 3-4/2026", "span", D(2026, 3, 1), D(2026, 4, 30), None),
    ("Trong tháng 6/2026", "deadline", D(2026, 6, 1), D(2026, 6, 30), None),
    ("Ngày 31/12/2026", "deadline", None, D(2026, 12, 31), None),
    ("31/12/2026", "deadline", None, D(2026, 12, 31), None),
    ("Từ ngày 1/1/2026 đến ngày 30/6/2026", "span", D(2026, 1, 1), D(2026, 6, 30), None),
    ("Đến Quý II/2026", "deadline", None, D(2026, 6, 30), None),
    ("6 tháng đầu năm 2026", "deadline", D(2026, 1, 1), D(2026, 6, 30), None),
    ("Triển khai Quý I/2026, hoàn thành Quý IV/2026", "span", D(2026, 1, 1), D(2026, 12, 31), None),
    ("Thường xuyên, liên tục", "continuous", None, None, None),
    ("  THƯỜNG   XUYÊN.  ", "continuous", None, None, None),
    # read on purpose as nothing (see the module docstring)
    ("Tuần đầu tháng 1/2026", "unknown", None, None, None),
    ("Trước Tết Nguyên đán", "unknown", None, None, None),
    ("Trước năm 2026", "unknown", None, None, None),
    ("Quý I, III/2026", "unknown", None, None, None),
    ("2030-2021", "unknown", None, None, None),
    ("31/2/2026", "unknown", None, None, None),
    ("", "unknown", None, None, None),
]


@pytest.mark.parametrize(("text", "kind", "start", "end", "recurrence"), FORMS)
def test_forms(text, kind, start, end, recurrence):
    schedule = parse_timeframe(text)
    assert (schedule.kind, schedule.start, schedule.end, schedule.recurrence) == (
        kind,
        start,
        end,
        recurrence,
    )
    assert schedule.text == text


def test_every_seed_timeframe_is_read():
    timeframes = {item.timeframe for item in parse_path(SEED_PLAN).items if item.timeframe}
    assert len(timeframes) > 20
    schedules = {text: parse_timeframe(text) for text in timeframes}
    assert [t for t, s in schedules.items() if s.kind == "unknown"] == []
    assert {t for t, s in schedules.items() if s.kind == "event"} == {"Khi có Thông tư mới"}
    assert schedules["Triển khai 2022, hoàn thành 2030"].end == D(2030, 12, 31)


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("Tháng 2/2028", D(2028, 2, 29)),
        ("Tháng 2/2026", D(2026, 2, 28)),
        ("Tháng 2/2100", None),  # out of the years a plan names: not read
        ("Quý I/2028", D(2028, 3, 31)),
        ("29/2/2028", D(2028, 2, 29)),
        ("29/2/2027", None),
    ],
)
def test_month_ends_and_leap_years(text, end):
    assert parse_timeframe(text).end == end


@pytest.mark.parametrize(
    "text",
    [
        "theo Nghị định số 80/2021/NĐ-CP ngày 26/8/2021",
        "Quyết định 766/QĐ-TTg",
        "Năm 2025 theo Quyết định 766/QĐ-TTg",
        "Nghị định 09/2019/NĐ-CP",
        "80/2021/NĐ-CP",
    ],
)
def test_legal_references_are_not_deadlines(text):
    schedule = parse_timeframe(text)
    assert schedule.as_dict() == {
        "text": text,
        "kind": "unknown",
        "start": None,
        "end": None,
        "recurrence": None,
    }


def test_as_dict_has_iso_dates():
    assert parse_timeframe("Quý IV/2025- Quý II/2026").as_dict() == {
        "text": "Quý IV/2025- Quý II/2026",
        "kind": "span",
        "start": "2025-10-01",
        "end": "2026-06-30",
        "recurrence": None,
    }


def test_long_text_is_unknown():
    assert parse_timeframe("Hàng năm, " * 100).kind == "unknown"


ADVERSARIAL = ["hang nam, ", "quy i, ", "1/", "thang 1-", "hang nam va ", "i", "2025-", "quy i"]


def test_every_rule_is_linear_on_long_input():
    """The length guard aside, no pattern backtracks catastrophically: a pattern that did
    would not finish on these 24,000-character inputs (no clock is read; speed belongs to
    bench/)."""
    for rule in GRAMMAR:
        for piece in ADVERSARIAL:
            assert rule.pattern.fullmatch(piece * 3000 + "x") is None


# -- properties ----------------------------------------------------------------------------

WORDS = ["nam", "năm", "quý", "Quí", "tháng", "hàng", "hằng", "đến", "từ", "trước", "ngày", "IV"]
WORDS += ["II", "I", "2", "6", "12", "31", "2025", "2026", "1999", "-", "/", ",", "–", "và"]
WORDS += ["giai đoạn", "thường xuyên", "triển khai", "hoàn thành", "trong", "khi", "chậm nhất"]


@given(st.text())
def test_never_raises_and_start_before_end(text):
    _check(parse_timeframe(text))


@given(st.lists(st.sampled_from(WORDS), max_size=8), st.sampled_from([" ", "", "/"]))
def test_word_salad_is_consistent(words, joiner):
    _check(parse_timeframe(joiner.join(words)))


KNOWN = ("khi", "theo", "phat sinh", "dot xuat", "thuong", "lien", "hang", "dinh")


@given(st.text(alphabet=st.characters(exclude_categories=["Nd"])))
def test_no_digits_and_no_known_words_is_unknown(text):
    key = normalise(text)
    assume(not any(word in key for word in KNOWN) and not any(c.isdigit() for c in key))
    schedule = parse_timeframe(text)
    assert (schedule.kind, schedule.start, schedule.end, schedule.text) == (
        "unknown",
        None,
        None,
        text,
    )


def _check(schedule: Schedule) -> None:
    assert schedule.kind in {"deadline", "span", "recurring", "continuous", "event", "unknown"}
    if schedule.kind in {"unknown", "event"}:
        assert schedule.start is None and schedule.end is None
    if schedule.start and schedule.end:
        assert schedule.start <= schedule.end
    assert (schedule.recurrence is not None) == (schedule.kind == "recurring")


# -- command and preview -------------------------------------------------------------------


def test_command_json():
    out = StringIO()
    call_command("timeframe", "Quý I, II/2026", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {
        "text": "Quý I, II/2026",
        "kind": "span",
        "start": "2026-01-01",
        "end": "2026-06-30",
        "recurrence": None,
    }


def test_command_readable_line():
    out = StringIO()
    call_command("timeframe", "Hàng năm, đến năm 2025", stdout=out)
    assert "2025-12-31" in out.getvalue()
    assert "Hàng năm, đến năm 2025" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("timeframe", "  ")


@pytest.mark.django_db
def test_import_preview_has_schedule():
    out = StringIO()
    call_command("import_plan", str(SEED_PLAN), "--dry-run", "--json", stdout=out)
    payload = json.loads(out.getvalue())
    rows = {item["number"].rstrip("."): item for item in payload["items"]}
    assert all(item["schedule"]["text"] == item["timeframe"] for item in payload["items"])
    assert rows["2"]["schedule"]["kind"] in {"span", "recurring", "deadline", "continuous"}
    by_text = {item["timeframe"]: item["schedule"] for item in payload["items"]}
    assert by_text["Quý I/2022"] == {
        "text": "Quý I/2022",
        "kind": "deadline",
        "start": "2022-01-01",
        "end": "2022-03-31",
        "recurrence": None,
    }
    assert [w for w in payload["warnings"] if w["code"] == "unknown-timeframe"] == []


def test_annotate_warns_with_the_line_and_skips_documents_without_the_column():
    parsed = ParsedPlan(
        document=DocumentInfo(),
        items=[
            Item(line=7, number="1", timeframe="Trước Tết Nguyên đán"),
            Item(line=8, number="2", timeframe="Năm 2025"),
            Item(line=9, number="3", timeframe=""),
            Item(line=10, number="4"),
        ],
    )
    annotate(parsed, on=D(2026, 1, 1))
    kinds = [
        item.interpreted["schedule"] and item.interpreted["schedule"]["kind"]
        for item in parsed.items
    ]
    assert kinds == ["unknown", "deadline", "unknown", None]
    warnings = [w for w in parsed.warnings if w.code == "unknown-timeframe"]
    assert [w.line for w in warnings] == [7]
    assert "Trước Tết Nguyên đán" in warnings[0].message


def test_an_empty_timeframe_is_described_as_none_given_not_as_unread():
    with translation.override("vi"):
        assert describe(parse_timeframe("")) == "không nêu thời gian"
        assert describe(parse_timeframe("   ")) == "không nêu thời gian"
        assert describe(parse_timeframe("theo tiến độ dự án")).startswith("không hiểu được")
