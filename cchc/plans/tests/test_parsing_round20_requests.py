"""The rules written after held-out round 20 for an action programme's implementation section
(issue 15): the issuer's courteous request to bodies outside its authority ("Ủy ban nhân dân
tỉnh trân trọng đề nghị X … <task>") read as a row led by the bodies asked, and a long list
of partners wrapped over lines (every item a body) kept whole past 200 characters. On a small
made-up programme (other bodies and wording than the corpus entry)."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.issuerasks import issuer_request
from cchc.plans.parsing.longlists import bodies_only, too_long
from cchc.plans.parsing.result import ParsedPlan

_PARTNERS = (
    "Sở Tài chính, Sở Nội vụ, Ban Dân vận Tỉnh ủy, Ban Tuyên giáo Tỉnh ủy, Báo Nông thôn "
    "tỉnh, Đài Phát thanh và Truyền hình tỉnh, Hội Nông dân tỉnh, Hội Liên hiệp Phụ nữ "
    "tỉnh, Tỉnh đoàn, Liên đoàn Lao động tỉnh và các sở, ngành, địa phương"
)
_PROGRAMME = (
    "CHƯƠNG TRÌNH HÀNH ĐỘNG\n"
    "Thực hiện Nghị quyết về phát triển kinh tế nông thôn\n"
    "\n"
    "IV. TỔ CHỨC THỰC HIỆN\n"
    "1. Sở Nông nghiệp và Môi trường chủ trì, phối hợp với các sở, ngành theo dõi, đôn đốc "
    "việc thực hiện Chương trình.\n"
    "2. Ủy ban nhân dân tỉnh trân trọng đề nghị các cơ quan của Tỉnh ủy, Hội đồng nhân dân "
    "tỉnh, Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tăng "
    "cường giám sát việc thực hiện Chương trình.\n"
    f"3. Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với {_PARTNERS} làm tốt công tác "
    "thông tin về Chương trình.\n"
)


def _parse(text: str) -> ParsedPlan:
    return parse_bytes(text.encode(), "chuong-trinh.txt")


def test_courteous_request_is_a_row_led_by_the_bodies_asked() -> None:
    rows = {item.number: item for item in _parse(_PROGRAMME).items}
    assert (rows["2"].title or "").startswith("Tăng cường giám sát việc thực hiện")
    assert rows["2"].lead == (
        "các cơ quan của Tỉnh ủy, Hội đồng nhân dân tỉnh, Ủy ban Mặt trận Tổ quốc Việt Nam "
        "tỉnh và các tổ chức chính trị - xã hội"
    )


def test_request_words() -> None:
    found = issuer_request("Chính phủ trân trọng đề nghị các cơ quan của X rà soát Y.")
    assert found is not None
    assert (found.group("lead"), found.group("rest")) == ("các cơ quan của X", "rà soát Y.")
    # the letter's closing request, no task of its own
    assert issuer_request("Ban X kính đề nghị các cơ quan, đơn vị phối hợp thực hiện.") is None
    # a task given, not a request
    assert issuer_request("Bộ X đề nghị các cơ quan rà soát Y.") is None


def test_long_list_of_partners_over_lines() -> None:
    assert len(_PARTNERS) > 200
    rows = {item.number: item for item in _parse(_PROGRAMME).items}
    assert rows["3"].partners == _PARTNERS
    assert (rows["3"].title or "").startswith("Làm tốt công tác thông tin")


def test_long_list_bounds() -> None:
    assert bodies_only("Bộ X, các bộ, cơ quan, địa phương và Đài Y")
    assert not bodies_only("Bộ X, hoàn thiện quy trình")
    assert not too_long(_PARTNERS)
    assert too_long("Bộ X, " + "hoàn thiện quy trình " * 12)
    assert too_long("Bộ X, " * 80)
