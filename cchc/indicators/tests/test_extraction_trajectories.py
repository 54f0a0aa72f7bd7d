"""Trajectories expand into one target per year and level, capped, sharing an id; and what is
never a target is never proposed."""

from __future__ import annotations

import time

import pytest

from cchc.indicators.extraction import extract_targets
from cchc.indicators.extraction.reader import MAX_GROUPS

SEED_OBJECTIVE = (
    "1.2. Mục tiêu 2: Năm 2021, số hóa kết quả giải quyết thủ tục hành chính đang còn hiệu lực "
    "và có giá trị sử dụng thuộc thẩm quyền giải quyết của cấp tỉnh, cấp huyện, cấp xã đạt tỷ lệ "
    "tối thiểu tương ứng là 30%, 20%, 15%; giai đoạn 2022 - 2025, mỗi năm tăng tối thiểu 20% "
    "đối với mỗi cấp hành chính cho đến khi đạt tỷ lệ 100% để đảm bảo việc kết nối, chia sẻ dữ "
    "liệu trong giải quyết thủ tục hành chính trên môi trường điện tử"
)


def test_the_seed_trajectory_per_year_and_level_capped_at_100():
    found = extract_targets(SEED_OBJECTIVE, line=27, default_year=2025)
    table = {(t.year, t.scope): t.value for t in found}
    assert len(found) == len(table) == 15
    expected = {
        "level:province": [30, 50, 70, 90, 100],
        "level:district": [20, 40, 60, 80, 100],
        "level:commune": [15, 35, 55, 75, 95],
    }
    for scope, values in expected.items():
        assert [table[(year, scope)] for year in range(2021, 2026)] == values
    assert {t.indicator for t in found} == {"tthc.results_digitised"}
    assert {t.comparator for t in found} == {">="}
    assert {t.line for t in found} == {27}
    assert all(t.value <= 100 for t in found)


def test_the_trajectory_rows_share_one_id_and_carry_their_baseline():
    found = extract_targets(SEED_OBJECTIVE)
    assert len({t.trajectory for t in found}) == 1
    assert found[0].trajectory is not None
    starts = [t for t in found if t.year == 2021]
    assert [t.baseline for t in starts] == [None, None, None]
    grown = [t for t in found if t.year != 2021]
    assert {(t.scope, t.baseline) for t in grown} == {
        ("level:province", 30),
        ("level:district", 20),
        ("level:commune", 15),
    }
    assert {t.phrase for t in grown} == {
        "giai đoạn 2022 - 2025, mỗi năm tăng tối thiểu 20% đối với mỗi cấp hành chính cho đến "
        "khi đạt tỷ lệ 100% để đảm bảo việc kết nối, chia sẻ dữ liệu trong giải quyết thủ tục "
        "hành chính trên môi trường điện tử"
    }
    # the step (20%) and the cap (100%) are not targets of their own
    assert not [t for t in found if t.trajectory is None]
    # the same text gives the same id (re-import matches on it)
    assert extract_targets(SEED_OBJECTIVE)[0].trajectory == found[0].trajectory


def test_a_single_starting_value_and_a_custom_cap():
    found = extract_targets(
        "Đến năm 2025 tỷ lệ hồ sơ trực tuyến đạt 60%; giai đoạn 2026 - 2030 mỗi năm tăng 15% "
        "cho đến khi đạt 90%"
    )
    assert [(t.year, t.value) for t in found] == [
        (2025, 60),
        (2026, 75),
        (2027, 90),
        (2028, 90),
        (2029, 90),
        (2030, 90),
    ]
    assert {t.indicator for t in found} == {"tthc.dossiers_online"}


def test_the_step_does_not_hide_a_share_written_before_the_level_to_reach():
    found = extract_targets(
        "Năm 2021 đạt 30%; giai đoạn 2022 - 2023, mỗi năm tăng 20%, riêng cấp xã đạt 10%, cho "
        "đến khi đạt 100%"
    )
    assert [(t.year, t.value, t.scope) for t in found] == [
        (2021, 30, None),
        (2022, 50, None),
        (2023, 70, None),
        (2023, 10, "level:commune"),
    ]
    assert [t.trajectory is None for t in found] == [False, False, False, True]


def test_a_step_without_a_starting_value_proposes_only_the_level_to_reach():
    found = extract_targets("mỗi năm tăng 10% cho đến khi đạt 100%", default_year=2030)
    assert [(t.value, t.comparator, t.year, t.trajectory) for t in found] == [
        (100, ">=", 2030, None)
    ]


NOT_TARGETS = [
    # from the seed
    "Thông tư số 02/2017/TT-VPCP ngày 31/10/2017 trình Chủ tịch UBND cấp tỉnh phê duyệt",
    "tại các văn bản đang có hiệu lực thi hành tính đến hết ngày 31 tháng 5 năm 2020",
    "1.3: Mục tiêu 3: Xây dựng cơ chế, chính sách thúc đẩy quá trình chuyển đổi số",
    "3.1: Hoạt động 1: ban hành văn bản QPPL điều chỉnh các nội dung của ngành",
    "được cung cấp trực tuyến mức độ 3 và 4",
    "phân chia theo tỷ lệ phần trăm (%) cho nhiều cấp",
    "ổn định tỷ lệ phần trăm (%) phân chia các nguồn thu",
    "Nghị định số 60/2021/NĐ-CP ngày 21/6/2021 của Chính phủ",
    "Hướng tới Trung tâm Tích hợp dữ liệu đạt chuẩn tối thiểu Tier 3",
    "đảm bảo kết nối thông suốt 3 cấp hành chính từ tỉnh đến xã",
    "Sắp xếp, chuyển đổi mô hình hoạt động của 02 Công ty TNHH MTV Lâm nghiệp",
    "Xây dựng định mức phân bổ dự toán NSNN năm 2022 và giai đoạn 2022-2025",
    "Năm 2021-2022 thực hiện thoái vốn nhà nước",
    "Quý I/2022",
    "Triển khai 2022, hoàn thành 2025",
    "Theo KH đã phê duyệt",
    # other shapes
    "Năm 2025",
    "Đến năm 2030",
    "2021-2030",
    "(%)",
    "Kinh phí: 500 triệu đồng",
    "tổng kinh phí 1.500.000.000 đồng",
    "phân chia theo tỷ lệ 70% cho ngân sách tỉnh, 30% cho ngân sách huyện",
    "tổ chức hội nghị trực tuyến tại 5 điểm cầu",
    "ưu tiên nhóm 3 đối tượng dẫn đầu",
    "tăng 150% so với năm 2020",
]


@pytest.mark.parametrize("text", NOT_TARGETS)
def test_never_a_target(text):
    assert extract_targets(text, default_year=2025) == []


@pytest.mark.parametrize(
    "text",
    [
        "1% " * 15_000,
        "1%, " * 10_000,
        "25-35% " * 8_000,
        "năm 2020 " * 5_000,
        "giai đoạn 2000 - 2025 đạt 5%; mỗi năm tăng 1% cho đến khi đạt 100%. " * 500,
        "cấp tỉnh, " * 5_000 + "30%",
    ],
)
def test_a_hostile_cell_is_read_in_bounded_time_and_size(text):
    started = time.monotonic()
    found = extract_targets(text)
    assert len(found) <= MAX_GROUPS
    assert time.monotonic() - started < 10
