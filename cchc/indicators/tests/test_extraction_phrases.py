"""How the reader understands Vietnamese target phrasing, one shape at a time."""

from __future__ import annotations

import pytest

from cchc.indicators.extraction import ProposedTarget, extract_targets


def _one(text: str, *, line: int | None = None, default_year: int | None = None) -> ProposedTarget:
    found = extract_targets(text, line=line, default_year=default_year)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "comparator", "value", "value_max"),
    [
        ("tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 50%", ">=", 50, None),
        ("Tối thiểu 80% thủ tục hành chính", ">=", 80, None),
        ("ít nhất 80% thủ tục hành chính được tích hợp", ">=", 80, None),
        ("tỷ lệ giao dịch thanh toán trực tuyến đạt từ 30% trở lên", ">=", 30, None),
        ("đạt 100% cơ quan nhà nước", ">=", 100, None),
        ("90% thủ tục hành chính nội bộ được công bố", ">=", 90, None),
        ("không dưới 70% hồ sơ", ">=", 70, None),
        ("trên 90% người dân hài lòng", ">=", 90, None),
        ("tỷ lệ hồ sơ trễ hạn không quá 5%", "<=", 5, None),
        ("tỷ lệ hồ sơ trễ hạn tối đa 10%", "<=", 10, None),
        ("hồ sơ quá hạn dưới 3%", "<=", 3, None),
        ("giảm xuống còn 10% hồ sơ giấy", "<=", 10, None),
        ("tỷ lệ đạt 5% trở xuống", "<=", 5, None),
        ("tỷ lệ bằng 50% của năm trước", "=", 50, None),
        ("25-35% lãnh đạo, quản lý", "range", 25, 35),
        ("25 - 35% lãnh đạo, quản lý", "range", 25, 35),
        ("25–35% lãnh đạo, quản lý", "range", 25, 35),
        ("từ 25% đến 35% lãnh đạo, quản lý", "range", 25, 35),
        ("tỷ lệ đạt 90,5%", ">=", 90.5, None),
    ],
)
def test_comparators_and_values(text, comparator, value, value_max):
    target = _one(text)
    assert (target.comparator, target.value, target.value_max, target.unit) == (
        comparator,
        value,
        value_max,
        "%",
    )


@pytest.mark.parametrize(
    ("text", "indicator", "comparator", "value"),
    [
        (
            "Xếp hạng Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) đến năm 2025 nằm trong nhóm 15 "
            "tỉnh, thành phố dẫn đầu cả nước",
            "index.pci_rank",
            "top",
            15,
        ),
        (
            "Chỉ số PAR Index tỉnh Bắc Giang đến năm 2030 xếp trong nhóm 10 tỉnh dẫn đầu",
            "index.par_index_rank",
            "top",
            10,
        ),
        ("Chỉ số PAPI vào top 20 cả nước", "index.papi_rank", "top", 20),
        ("Chỉ số CCHC xếp thứ 5 cả nước", "index.par_index_rank", "<=", 5),
        ("Chỉ số PCI đạt 70 điểm trở lên", "index.pci_score", ">=", 70),
    ],
)
def test_ranks_and_points(text, indicator, comparator, value):
    target = _one(text)
    assert (target.indicator, target.comparator, target.value) == (indicator, comparator, value)
    assert target.unit == ("points" if "điểm" in text else "rank")
    assert target.scope is None  # "cấp tỉnh" in an index's name is not a scope


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Đến năm 2025, tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 50%", 2025),
        ("Đến hết năm 2025, 100% người dân có tài khoản thanh toán điện tử", 2025),
        ("Năm 2021, số hóa kết quả giải quyết TTHC đạt 30%", 2021),
        ("giai đoạn 2022 - 2025, tỷ lệ đạt 40%", 2025),
        ("tỷ lệ đạt 50% vào năm 2027", 2027),
        ("Chỉ số SIPAS đến năm 2030 đạt tối thiểu 95%", 2030),
        # the year of a date is not the target's year: the default applies
        ("cắt giảm tối thiểu 20% chi phí tuân thủ tính đến hết ngày 31 tháng 5 năm 2020", 2025),
        ("tối thiểu 20% số quy định tại Thông tư số 02/2017/TT-VPCP ngày 31/10/2017", 2025),
    ],
)
def test_year_of_the_phrase_else_the_default(text, year):
    assert _one(text, default_year=2025).year == year


def test_no_year_and_no_default_is_none():
    assert _one("90% thủ tục hành chính nội bộ được công bố").year is None


def test_each_target_its_own_year():
    found = extract_targets("tỷ lệ hài lòng đạt 80% (năm 2025), 90% (năm 2030)")
    assert [(t.value, t.year) for t in found] == [(80, 2025), (90, 2030)]
    found = extract_targets("Đến năm 2025, hồ sơ trực tuyến đạt 50% và tỷ lệ hài lòng đạt 90%")
    assert [(t.value, t.year) for t in found] == [(50, 2025), (90, 2025)]


def test_trong_do_a_second_target_for_the_fields():
    found = extract_targets(
        "Mức độ hài lòng của người dân, doanh nghiệp về giải quyết TTHC đạt tối thiểu 90%. "
        "Trong đó, mức độ hài lòng về giải quyết TTHC lĩnh vực đất đai, xây dựng, đầu tư đạt "
        "tối thiểu 85%"
    )
    assert [(t.indicator, t.value, t.scope) for t in found] == [
        ("tthc.satisfaction", 90, None),
        ("tthc.satisfaction", 85, "field:dat-dai,xay-dung,dau-tu"),
    ]
    assert found[1].phrase.startswith("Trong đó, mức độ hài lòng")


def test_trong_so_do_a_second_indicator_in_the_same_sentence():
    found = extract_targets(
        "Tối thiểu 80% TTHC có yêu cầu nghĩa vụ tài chính, được triển khai thanh toán trực "
        "tuyến, trong số đó, tỷ lệ giao dịch thanh toán trực tuyến đạt từ 30% trở lên"
    )
    assert [(t.indicator, t.comparator, t.value) for t in found] == [
        ("tthc.procedures_online_payment", ">=", 80),
        ("tthc.payments_online", ">=", 30),
    ]
    assert (
        found[1].phrase == "trong số đó, tỷ lệ giao dịch thanh toán trực tuyến đạt từ 30% trở lên"
    )


def test_two_targets_joined_by_va():
    found = extract_targets(
        "Đề xuất cắt giảm, đơn giản hóa tối thiểu 20% số quy định và cắt giảm tối thiểu 20% chi "
        "phí tuân thủ quy định liên quan đến hoạt động kinh doanh"
    )
    assert [t.indicator for t in found] == ["tthc.regulations_cut", "tthc.compliance_cost_cut"]
    assert found[0].phrase == "Đề xuất cắt giảm, đơn giản hóa tối thiểu 20% số quy định"


@pytest.mark.parametrize(
    "text",
    [
        "cấp tỉnh, cấp huyện, cấp xã đạt tỷ lệ tối thiểu tương ứng là 30%, 20%, 15%",
        "cấp tỉnh, cấp huyện, cấp xã lần lượt đạt 30%, 20%, 15%",
        "cấp tỉnh, huyện, xã đạt 30%, 20% và 15%",
    ],
)
def test_one_target_per_level(text):
    found = extract_targets(text)
    assert [(t.scope, t.value, t.comparator) for t in found] == [
        ("level:province", 30, ">="),
        ("level:district", 20, ">="),
        ("level:commune", 15, ">="),
    ]
    assert len({t.phrase for t in found}) == 1


def test_a_single_level_right_before_its_value():
    assert _one("cấp xã đạt tối thiểu 50%").scope == "level:commune"
    # levels named as the subject's owners, not per value: no scope
    assert (
        _one("Tối thiểu 80% thủ tục hành chính của các sở, ngành, UBND cấp huyện, cấp xã").scope
        is None
    )


def test_mixed_range_and_share_in_one_objective():
    found = extract_targets(
        "25-35% lãnh đạo, quản lý cấp sở, ngành, UBND cấp huyện và tương đương; 80% số lãnh "
        "đạo, quản lý doanh nghiệp nhà nước có khả năng làm việc trong môi trường quốc tế"
    )
    assert [(t.indicator, t.comparator, t.value, t.value_max) for t in found] == [
        ("staff.leaders_international", "range", 25, 35),
        ("staff.leaders_international", ">=", 80, None),
    ]


def test_line_is_carried():
    assert _one("đạt tối thiểu 50%", line=27).line == 27


def test_as_json_has_exactly_the_eight_preview_keys():
    target = _one("Đến năm 2025, tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 50%", line=3)
    assert target.as_json() == {
        "indicator": "tthc.dossiers_online",
        "comparator": ">=",
        "value": 50.0,
        "value_max": None,
        "unit": "%",
        "year": 2025,
        "scope": None,
        "phrase": "Đến năm 2025, tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 50%",
    }


def test_a_long_clause_gives_a_bounded_phrase_around_the_number():
    text = "Tối thiểu 80% hồ sơ " + "được xử lý đúng quy trình " * 30
    target = _one(text)
    assert len(target.phrase) <= 300
    assert target.phrase.startswith("Tối thiểu 80% hồ sơ")
    assert target.phrase in text
