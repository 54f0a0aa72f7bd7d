"""Task tables from a PDF's text, one wrapped cell after another (serialcells.py; issue 15,
held-out round 18): made-up snippets."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.serialcells import serial_tables
from cchc.plans.readers.base import Paragraph, SourceDocument, Table

# A made-up annex in the gazette's PDF text: the header one cell a line (wrapped), a roman
# section wrapped, cells broken word by word, the running head and the header repeated on the
# next page, a row cut by the page break, a lead run onto its task's line, a result and a
# timeframe on one line.
_ANNEX = """PHỤ LỤC
DANH MỤC NHIỆM VỤ THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN THƯ VIỆN SỐ
STT
Tên nhiệm vụ
Cơ quan
chủ trì
Cơ quan
phối hợp
Kết quả
Thời gian hoàn
thành
I. Hoàn thiện thể chế về thư viện số và dữ liệu
văn hóa
1.

Xây dựng quy chế quản lý kho dữ liệu sách số
dùng chung của các thư viện công cộng.
Các
sở
ở
địa phương,
Ủy ban nhân
dân cấp huyện
Các cơ quan, tổ
chức,
đơn
vị
có
liên
quan.
Văn bản hướng dẫn
Thường xuyên
2.

Rà soát danh mục dịch vụ thư viện công cộng
cung ứng trên môi trường mạng
Bộ Văn hóa,
Thể thao và Du lịch
Bộ Tài chính, Bộ
Nội vụ, các địa
phương
Các
kế
hoạch,
hoạt động rà soát
Hằng năm và
từng giai đoạn
3.  Xây dựng cơ sở dữ liệu bạn đọc thống nhất theo
lộ trình được phê duyệt phù hợp Sở Nội vụ
Sở Tài chính, các
phòng,
CÔNG BÁO/Số 12/Ngày 05-01-2027
14
STT
Tên nhiệm vụ
Cơ quan
chủ trì
Cơ quan
phối hợp
Kết quả
Thời gian hoàn
thành
với việc chuẩn hóa thông tin của bạn đọc trên
toàn tỉnh.
ban, ngành liên
quan
Quyết định phê
duyệt Quý II/2027
"""


def _doc(text: str) -> SourceDocument:
    lines = [
        Paragraph(text=line.strip(), line=at)
        for at, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]
    return SourceDocument(name="annex.txt", format="txt", blocks=list(lines))


def test_a_table_printed_one_cell_a_line_is_read_row_by_row():
    parsed = parse_bytes(_ANNEX.encode(), "annex.txt")
    assert [i.number.rstrip(".") for i in parsed.items] == ["1", "2", "3"]
    first, second, third = parsed.items
    assert first.title.startswith("Xây dựng quy chế quản lý kho dữ liệu sách số dùng chung")
    # The lead's list goes on after a comma; a new name after a complete one is the partners'.
    assert first.lead == "Các sở ở địa phương, Ủy ban nhân dân cấp huyện"
    assert first.partners.rstrip(".") == "Các cơ quan, tổ chức, đơn vị có liên quan"
    assert first.timeframe == "Thường xuyên"
    assert first.section == ["I. Hoàn thiện thể chế về thư viện số và dữ liệu văn hóa"]
    # A name broken after a comma or a head word goes on; the result ("Các kế hoạch") is
    # no partner; a timeframe over two lines.
    assert second.lead == "Bộ Văn hóa, Thể thao và Du lịch"
    assert second.partners == "Bộ Tài chính, Bộ Nội vụ, các địa phương"
    assert second.timeframe == "Hằng năm và từng giai đoạn"
    # The number run onto the task, the lead run onto its last line, the row cut by a page
    # break (the running head and the header repeated skipped), the result and the timeframe
    # on one line.
    assert third.title.startswith(
        "Xây dựng cơ sở dữ liệu bạn đọc thống nhất theo lộ trình được phê duyệt phù hợp với "
        "việc chuẩn hóa thông tin của bạn đọc trên toàn tỉnh"
    )
    assert third.lead == "Sở Nội vụ"
    assert third.partners == "Sở Tài chính, các phòng, ban, ngành liên quan"
    assert third.timeframe == "Quý II/2027"


def test_a_row_segmented_with_doubt_is_warned_on_its_line():
    parsed = parse_bytes(_ANNEX.encode(), "annex.txt")
    unsure = [w for w in parsed.warnings if w.code == "serial-cells-unsure"]
    assert [w.line for w in unsure] == [parsed.items[2].line]
    assert "3" in str(unsure[0].message)


_TOPICS = """TT
Nhiệm vụ, giải pháp
Cơ quan
chủ trì
Cơ quan
phối hợp
Sản phẩm
Thời gian
thực hiện
1.
Phát triển hạ tầng dữ liệu
1.1
Xây dựng nền tảng chia sẻ dữ liệu dùng chung
giữa các cơ quan nhà nước.
Bộ Công an
Bộ Tài chính
Nền tảng được
vận hành
Quý IV/2027
1.2
Ban hành danh mục dữ liệu mở của các bộ,
ngành.
Bộ Khoa học và
Công nghệ
Bộ Tư pháp
Danh mục được
công bố
Nhiệm vụ thường
xuyên
2.
Tổng kết, đánh giá việc thực hiện Đề án hằng
năm.
Bộ Khoa học và
Công nghệ
Các bộ, ngành
Báo cáo
Quý I/2028
"""


def test_decimal_rows_under_numbered_topics_and_a_row_at_the_topics_level():
    parsed = parse_bytes(_TOPICS.encode(), "topics.txt")
    assert [i.number.rstrip(".") for i in parsed.items] == ["1.1", "1.2", "2"]
    assert parsed.items[0].section == ["1. Phát triển hạ tầng dữ liệu"]
    assert parsed.items[0].lead == "Bộ Công an"
    assert parsed.items[1].lead == "Bộ Khoa học và Công nghệ"
    assert parsed.items[1].timeframe == "Nhiệm vụ thường xuyên"
    assert parsed.items[2].title.startswith("Tổng kết, đánh giá việc thực hiện Đề án hằng năm")
    assert parsed.items[2].lead == "Bộ Khoa học và Công nghệ"


def test_other_layouts_are_not_taken():
    # Numbered prose with a line "STT" but no header of columns one a line.
    prose = """KẾ HOẠCH
STT
1. Sở Nội vụ chủ trì rà soát thủ tục hành chính, hoàn thành trong Quý II/2027.
2. Sở Tài chính bảo đảm kinh phí thực hiện.
"""
    doc = _doc(prose)
    assert serial_tables(doc) is doc
    # A header one cell a line but not a task table's columns (no lead).
    other = "STT\nHọ và tên\nChức vụ\nĐơn vị công tác\n1.\nNguyễn Văn A\nGiám đốc\nSở Nội vụ\n"
    doc = _doc(other)
    assert serial_tables(doc) is doc
    # A document with a table is the table reader's.
    table_doc = _doc(_TOPICS)
    table_doc.blocks.append(Table(rows=[], line=99))
    assert serial_tables(table_doc) is table_doc


def test_the_header_alone_is_no_table():
    header_only = "\n".join(_TOPICS.splitlines()[:9]) + "\n1.\nMột nhiệm vụ lẻ\n"
    doc = _doc(header_only)
    assert serial_tables(doc) is doc


_CUT = """TT
Nhiệm vụ, giải pháp
Cơ quan
chủ trì
Cơ quan
phối hợp
Sản phẩm
Thời gian
thực hiện
1.
Nâng cao năng lực số của doanh nghiệp
1.1
Nghiên cứu xây dựng bộ tiêu chí đánh giá mức độ
Bộ Khoa học và
Cơ quan, tổ chức
Tiêu chí được
Quý IV/2027
CÔNG BÁO/Số 5/Ngày 01-02-2027
7
TT
Nhiệm vụ, giải pháp
Cơ quan
chủ trì
Cơ quan
phối hợp
Sản phẩm
Thời gian
thực hiện
trưởng thành số của doanh nghiệp nhỏ và vừa.
Công nghệ
và doanh nghiệp
liên quan
ban hành
1.2
Tổ chức tập huấn chuyển đổi số cho doanh nghiệp
nhỏ và vừa.
Bộ Công Thương
Các hiệp hội
doanh nghiệp
Bộ tiêu chí
đánh giá
Nhiệm vụ thường
xuyên
"""


def test_a_row_whose_every_cell_a_page_break_cuts():
    # Before the break each cell has its first line only: a body's name there starts the next
    # cell even after "và"; after it the task goes on, then the lead's name is finished.
    parsed = parse_bytes(_CUT.encode(), "cut.txt")
    assert [i.number for i in parsed.items] == ["1.1", "1.2"]
    first = parsed.items[0]
    assert first.title.startswith(
        "Nghiên cứu xây dựng bộ tiêu chí đánh giá mức độ trưởng thành số của doanh nghiệp nhỏ"
    )
    assert first.lead == "Bộ Khoa học và Công nghệ"
    assert first.timeframe == "Quý IV/2027"
    assert parsed.items[1].lead == "Bộ Công Thương"
    # Partners outside the body vocabulary after the lead; a result opening as a body does.
    assert parsed.items[1].partners == "Các hiệp hội doanh nghiệp"
    assert parsed.items[1].outputs == "Bộ tiêu chí đánh giá"
    assert parsed.items[1].timeframe == "Nhiệm vụ thường xuyên"
