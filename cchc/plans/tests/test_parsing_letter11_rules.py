"""Letters asking other agencies to carry out points (issue 15, held-out round 11): the body
a long announcing sentence asks leads the points without subject below it. Each rule on a
short made-up letter in the genre's wording (other bodies, other tasks), not a corpus text."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.leads import asking_clause
from cchc.plans.parsing.result import Item

# An opening whose citations and aims run past the first 400 characters before the issuer
# asks: the clause that asks is found however late it comes.
_LONG_OPENING = (
    "Thực hiện Nghị quyết số 12/NQ-CP ngày 10/02/2024 của Chính phủ về nhiệm vụ, giải pháp "
    "chủ yếu phát triển kinh tế, bảo đảm an sinh xã hội, nâng cao chất lượng dịch vụ công "
    "trực tuyến và cải thiện môi trường đầu tư kinh doanh năm 2024; Quyết định số 45/QĐ-BXD "
    "ngày 20/02/2024 của Bộ Xây dựng về việc ban hành chương trình hành động của ngành thực "
    "hiện Nghị quyết số 12/NQ-CP, nhằm nâng cao hiệu lực, hiệu quả công tác quản lý trật tự "
    "xây dựng, góp phần hoàn thành thắng lợi các nhiệm vụ chính trị của ngành được giao trong "
    "năm, Tổng cục Hải quan đề nghị các Cục Hải quan tổ chức thực hiện một số "
    "công việc sau:"
)


def _items(text: str, name: str = "letter.md") -> list[Item]:
    return parse_bytes(text.encode(), name).items


def test_the_asking_clause_is_the_words_from_the_comma_before_the_last_asking_word() -> None:
    assert asking_clause(_LONG_OPENING) == [
        "Tổng cục Hải quan đề nghị các Cục Hải quan tổ chức thực hiện một số công việc sau:"
    ]
    assert asking_clause("Đề nghị các sở thực hiện các việc sau:") == []
    assert asking_clause("Các sở, ngành thực hiện các việc sau:") == []


def test_a_long_opening_asking_bodies_leads_the_points_without_subject() -> None:
    letter = (
        "BỘ XÂY DỰNG\nCỤC QUẢN LÝ HOẠT ĐỘNG XÂY DỰNG\n\nKính gửi: Sở Xây dựng các tỉnh.\n\n"
        f"{_LONG_OPENING}\n\n"
        "1. Hoàn thành việc kiểm tra các công trình xây dựng không phép trước ngày 30/6/2024.\n\n"
        "2. Tăng cường công tác thanh tra các dự án nhà ở thương mại.\n\n"
        "3. Rà soát hồ sơ cấp phép xây dựng của các công trình cao tầng.\n"
    )
    items = _items(letter)
    assert [item.number for item in items] == ["1", "2", "3"]
    assert {item.lead for item in items} == {"Các Cục Hải quan"}
    assert items[0].title.startswith("Hoàn thành việc kiểm tra các công trình")
    assert items[0].timeframe == "trước ngày 30/6/2024"
