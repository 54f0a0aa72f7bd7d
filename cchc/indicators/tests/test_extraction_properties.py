"""Properties of the reader over generated prose (hypothesis)."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cchc.indicators.extraction import extract_targets

WORDS = [
    "tỷ lệ",
    "hồ sơ",
    "giải quyết",
    "trực tuyến",
    "đạt",
    "tối thiểu",
    "ít nhất",
    "không quá",
    "tối đa",
    "từ",
    "trở lên",
    "đến năm",
    "năm",
    "giai đoạn",
    "cấp tỉnh",
    "cấp huyện",
    "cấp xã",
    "tương ứng là",
    "Trong đó",
    "trong số đó",
    "lĩnh vực đất đai",
    "nhóm",
    "tỉnh",
    "dẫn đầu",
    "mỗi năm tăng",
    "cho đến khi đạt",
    "Mục tiêu",
    "Hoạt động",
    "số",
    "ngày",
    "tháng",
    "và",
    "Chỉ số PCI",
    "điểm",
    "xếp thứ",
    "phân chia",
    "(%)",
    "-",
    ",",
    ";",
    ".",
    ":",
    "\n",
]
NUMBERS = st.one_of(
    st.integers(0, 150).map(str),
    st.integers(1990, 2100).map(str),
    st.tuples(st.integers(0, 99), st.integers(0, 9)).map(lambda p: f"{p[0]},{p[1]}"),
    st.tuples(st.integers(1, 99), st.integers(2000, 2030)).map(lambda p: f"{p[0]}/{p[1]}"),
)
TOKENS = st.one_of(
    st.sampled_from(WORDS),
    NUMBERS,
    NUMBERS.map(lambda n: n + "%"),
    st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạ %-", max_size=8),
)
PROSE = st.lists(TOKENS, max_size=40).map(" ".join)


def _numbers_in(phrase: str) -> set[float]:
    return {float(n.replace(",", ".")) for n in re.findall(r"\d+(?:[.,]\d+)?", phrase)}


@settings(max_examples=300, deadline=None)
@given(PROSE, st.one_of(st.none(), st.integers(2020, 2035)))
@example("top 1 %", None)  # a rank and a share once read the same number
@example("xếp thứ 0,1", None)
def test_proposals_are_read_from_their_own_words(text, default_year):
    normal = unicodedata.normalize("NFC", text)
    for target in extract_targets(text, default_year=default_year, line=7):
        assert target.phrase and target.phrase in normal
        assert target.line == 7
        assert target.comparator in {">=", "<=", "=", "top", "range"}
        assert target.unit in {"%", "rank", "points"}
        if target.unit == "%":
            assert 0 <= target.value <= 100
        if target.comparator == "range":
            assert target.value_max is not None and target.value < target.value_max
        else:
            assert target.value_max is None
        if target.trajectory is None:
            # no proposal's value appears outside its phrase
            assert target.value in _numbers_in(target.phrase), text
        assert target.year is None or 1990 <= target.year <= 2100
        assert set(target.as_json()) == {
            "indicator",
            "comparator",
            "value",
            "value_max",
            "unit",
            "year",
            "scope",
            "phrase",
        }


NOISE = st.one_of(
    st.tuples(st.integers(1, 28), st.integers(1, 12), st.integers(2000, 2030)).map(
        lambda d: f"ngày {d[0]} tháng {d[1]} năm {d[2]}"
    ),
    st.tuples(st.integers(1, 200), st.integers(2000, 2030)).map(
        lambda d: f"Nghị định số {d[0]}/{d[1]}/NĐ-CP"
    ),
    st.integers(1, 20).map(lambda n: f"Mục tiêu {n}"),
    st.integers(1, 5000).map(lambda n: f"kinh phí {n} triệu đồng"),
    st.integers(1990, 2100).map(str),
    st.just("phân chia theo tỷ lệ phần trăm (%)"),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(NOISE, max_size=6).map("; ".join))
def test_dates_document_numbers_budgets_and_numbering_are_never_targets(text):
    assert extract_targets(text, default_year=2025) == []


@settings(max_examples=200, deadline=None)
@given(NOISE, st.integers(1, 100))
def test_noise_beside_a_target_does_not_change_it(noise, value):
    sentence = f"tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu {value}%"
    alone = extract_targets(sentence, default_year=2025)
    beside = extract_targets(f"{noise}; {sentence}", default_year=2025)
    assert [(t.indicator, t.comparator, t.value) for t in beside] == [
        (t.indicator, t.comparator, t.value) for t in alone
    ]
    assert [t.value for t in beside] == [value]
