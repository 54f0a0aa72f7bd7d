"""A list of documents to amend printed as a serial task table, its header in capitals wrapped
anywhere (serialdrafting.py, serialheader.py; issue 15, held-out round 21): made-up snippets."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.columns import field_for_label, is_header
from cchc.plans.parsing.serialdrafting import drafting_list
from cchc.plans.parsing.serialheader import capital_label, continues_capitals

_LIST = """Phụ lục III
DANH MỤC VĂN BẢN CẦN SỬA ĐỔI VỀ THƯ VIỆN
STT
CÁC LUẬT, NGHỊ ĐỊNH, THÔNG TƯ CỦA
BỘ, CƠ QUAN NGANG BỘ
CẦN SỬA ĐỔI, BỔ SUNG
ĐIỀU, KHOẢN CẦN SỬA ĐỔI,
BÃI BỎ
CƠ QUAN CHỦ
TRÌ SOẠN
THẢO
I
LUẬT
1.
Luật Thư viện số 46/2019/QH14.
Khoản 2 Điều 9;
Điều 14.
Bộ Văn hóa, Thể
thao và Du lịch
2.
Luật Lưu trữ số 33/2024/QH15 được sửa đổi, bổ sung bởi Luật số
12/2026/QH15.
Điều 21;
Khoản 1 Điều 30.
Bộ Nội vụ

CÔNG BÁO/Số 88/Ngày 02-03-2027
41
3.
Luật Xuất bản số 19/2012/QH13.
Điều 8.
Bộ Văn hóa, Thể
thao và Du lịch
"""


def test_each_document_to_amend_is_a_row_led_by_its_drafting_body():
    parsed = parse_bytes(_LIST.encode(), "annex.txt")
    rows = [
        (i.number.rstrip("."), i.title.rstrip("."), i.lead, i.partners or "") for i in parsed.items
    ]
    assert rows == [
        ("1", "Luật Thư viện số 46/2019/QH14", "Bộ Văn hóa, Thể thao và Du lịch", ""),
        (
            "2",
            "Luật Lưu trữ số 33/2024/QH15 được sửa đổi, bổ sung bởi Luật số 12/2026/QH15",
            "Bộ Nội vụ",
            "",
        ),
        ("3", "Luật Xuất bản số 19/2012/QH13", "Bộ Văn hóa, Thể thao và Du lịch", ""),
    ]
    assert parsed.items[0].section == ["I. LUẬT"]


def test_a_list_whose_lead_is_no_drafting_body_is_refused():
    fields: list[str | None] = ["number", "title", None, "lead"]
    labels = ["STT", "Văn bản cần sửa đổi", "Điều, khoản", "Cơ quan chủ trì soạn thảo"]
    assert drafting_list(labels, fields)
    assert not drafting_list([*labels[:3], "Cơ quan chủ trì"], fields)
    assert not drafting_list(labels, ["number", "title", None, None])
    assert not drafting_list([*labels, "A", "B"], [*fields, None, None])


def test_the_documents_column_and_a_long_label_in_capitals():
    assert field_for_label("Các luật, nghị định cần sửa đổi, bổ sung") == "task"
    assert field_for_label("Văn bản cần sửa đổi") == "task"
    long_label = (
        "CÁC LUẬT, NGHỊ ĐỊNH, THÔNG TƯ CỦA BỘ, CƠ QUAN NGANG BỘ CẦN SỬA ĐỔI, BỔ SUNG NĂM 2027"
    )
    assert is_header(["STT", long_label, "CƠ QUAN CHỦ TRÌ SOẠN THẢO"])
    assert not is_header(["STT", long_label.capitalize() + " …", "Cơ quan chủ trì"])


def test_header_lines_that_go_on_or_open_a_label():
    assert continues_capitals("BỘ, CƠ QUAN NGANG BỘ", "CẦN SỬA ĐỔI, BỔ SUNG")
    assert continues_capitals("CƠ QUAN CHỦ TRÌ SOẠN", "THẢO")
    assert not continues_capitals("NHIỆM VỤ", "CĂN CỨ BỔ SUNG")
    assert capital_label("ĐIỀU, KHOẢN CẦN SỬA ĐỔI,", ["STT", "VĂN BẢN"])
    assert not capital_label("ĐIỀU, KHOẢN CẦN SỬA ĐỔI,", ["STT", "Văn bản"])


def test_a_row_cut_by_the_page_after_its_lead_keeps_its_lead():
    # Row 2's provisions go on after the page break, its lead printed before it.
    cut = _LIST.replace(
        "Điều 21;\nKhoản 1 Điều 30.\nBộ Nội vụ\n\nCÔNG BÁO/Số 88/Ngày 02-03-2027\n41\n",
        "Điều 21;\nBộ Nội vụ\n\nCÔNG BÁO/Số 88/Ngày 02-03-2027\n41\nKhoản 1 Điều 30.\n",
    )
    assert cut != _LIST
    parsed = parse_bytes(cut.encode(), "annex.txt")
    assert [i.lead for i in parsed.items] == [
        "Bộ Văn hóa, Thể thao và Du lịch",
        "Bộ Nội vụ",
        "Bộ Văn hóa, Thể thao và Du lịch",
    ]


def test_a_section_title_in_capitals_after_the_lead_is_no_label():
    labels = ["STT", "NHIỆM VỤ", "CƠ QUAN CHỦ TRÌ"]
    assert not capital_label("NHÓM NHIỆM VỤ VỀ HOÀN THIỆN THỂ CHẾ", labels)
    assert capital_label("NHÓM NHIỆM VỤ VỀ HOÀN THIỆN THỂ CHẾ", labels[:2])
