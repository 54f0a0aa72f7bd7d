"""The rules written after held-out round 20 for a gazette annex printed one cell after another
(issue 15): the annex's label in sentence case ("Phụ lục II" / "DANH MỤC …") as the title
block's kind, a lead cell and the partners' cell printed on one line ("Bộ X Các bộ, …"), and a
proper name wrapped at the column's edge ("… Xây dựng, Công" / "Thương, …") kept in its cell.
On a small made-up annex (other bodies and wording than the corpus entry)."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.annexlabels import annex_label
from cchc.plans.parsing.gluedcells import name_goes_on, split_glued_bodies
from cchc.plans.parsing.result import ParsedPlan
from cchc.plans.parsing.resultsets import result_set

_ANNEX = (
    "Phụ lục II \n"
    "DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2027  \n"
    "(Kèm theo Nghị quyết số 42/NQ-CP ngày 10 tháng 3 năm 2027 của Chính phủ) \n"
    "_____________ \n"
    " \n"
    "TT \n"
    "NHIỆM VỤ \n"
    "THỜI HẠN      \n"
    "HOÀN THÀNH \n"
    "CƠ QUAN CHỦ TRÌ \n"
    "CƠ QUAN PHỐI HỢP \n"
    "I \n"
    "Nhóm nhiệm vụ về dữ liệu số \n"
    "1 \n"
    "Xây dựng cơ sở dữ liệu quốc gia về đất đai và tài nguyên nước \n"
    "Quý III/2027 \n"
    "Bộ Nông nghiệp và Môi trường \n"
    "Bộ Công an, Bộ Tài chính \n"
    "2 \n"
    "Số hóa hồ sơ đăng ký doanh nghiệp của các địa phương trên toàn quốc \n"
    "Tháng 9/2027 \n"
    "Bộ Tài chính Các bộ, cơ quan, địa \n"
    "phương \n"
    "3 \n"
    "Hoàn thiện quy định về chia sẻ dữ liệu giữa các cơ quan nhà nước \n"
    "Quý IV/2027 \n"
    "1. Bộ Công an chủ trì. \n"
    "2. Các Bộ: Tư pháp, Công \n"
    "Thương, Nội vụ theo chức năng. \n"
    "Các bộ, cơ quan, địa \n"
    "phương và các đơn vị có \n"
    "liên quan \n"
    "4 \n"
    "Kết nối hệ thống thông tin giải quyết thủ tục hành chính các cấp \n"
    "Năm 2027 \n"
    "Văn phòng Chính phủ \n"
    "Các bộ, cơ quan, địa phương \n"
)


def _parse() -> ParsedPlan:
    return parse_bytes(_ANNEX.encode(), "phu-luc.txt")


def test_annex_label_in_sentence_case_opens_the_title() -> None:
    assert _parse().document.title == "Phụ lục II DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2027"
    assert annex_label("Phụ lục III ") is not None
    assert annex_label("Phụ lục II kèm theo Kế hoạch này") is None


def test_lead_and_partners_on_one_line() -> None:
    rows = {item.number: item for item in _parse().items}
    assert (rows["2"].lead, rows["2"].partners) == ("Bộ Tài chính", "Các bộ, cơ quan, địa phương")
    assert split_glued_bodies(["Bộ Tư pháp Các bộ, ngành", "Bộ Y và Các"]) == [
        "Bộ Tư pháp",
        "Các bộ, ngành",
        "Bộ Y và Các",
    ]


def test_name_wrapped_at_the_column_edge_stays_in_its_cell() -> None:
    rows = {item.number: item for item in _parse().items}
    assert rows["3"].partners == "Các bộ, cơ quan, địa phương và các đơn vị có liên quan"

    def never(_text: str) -> bool:
        return False

    assert name_goes_on("Các Bộ: Tư pháp, Công", "Thương, Nội vụ", never)
    assert not name_goes_on("Bộ Tài chính", "Thương, Nội vụ", never)


_RESULTS = (
    "Phụ lục IV \n"
    "DANH MỤC NHIỆM VỤ HOÀN THIỆN THỂ CHẾ NĂM 2027 \n"
    "(Kèm theo Nghị quyết số 58/NQ-CP ngày 02 tháng 5 năm 2027 của Chính phủ) \n"
    "_______________ \n"
    "TT \n"
    "Tên nhiệm vụ \n"
    "Cơ quan  \n"
    "chủ trì  \n"
    "Cơ quan  \n"
    "phối hợp  \n"
    "Kết quả \n"
    "Thời gian \n"
    "hoàn thành \n"
    "1  \n"
    "Xây dựng bộ tiêu chí đánh giá chất lượng \n"
    "dịch vụ công trực tuyến \n"
    "Bộ Nội vụ \n"
    "Văn phòng Chính phủ \n"
    "Quyết định của \n"
    "Thủ tướng \n"
    "Tháng 6/2027 \n"
    "2  \n"
    "Xây dựng, triển khai bộ chỉ số cải cách \n"
    "hành chính cấp xã \n"
    "Bộ Nội vụ \n"
    "Các bộ, \n"
    "ngành, \n"
    "UBND tỉnh, \n"
    "thành phố  \n"
    "Bộ chỉ số được \n"
    "ban hành  \n"
    "2027 \n"
    "3  \n"
    "Tổng kết việc thi hành Luật Tổ chức chính \n"
    "quyền địa phương \n"
    "Bộ Nội vụ \n"
    "Bộ Tư pháp \n"
    "Báo cáo tổng kết \n"
    "Tháng 9/2027 \n"
)


def test_annex_label_over_a_kind_line_opens_the_title() -> None:
    parsed = parse_bytes(_RESULTS.encode(), "phu-luc.txt")
    assert parsed.document.title == "Phụ lục IV DANH MỤC NHIỆM VỤ HOÀN THIỆN THỂ CHẾ NĂM 2027"
    # "Phụ lục" without its number heads a plan printed as an annex: the plan's kind line
    # is its title
    assert annex_label("Phụ lục") is None


def test_a_set_opening_the_result_cell_is_no_partner() -> None:
    rows = {item.number: item for item in parse_bytes(_RESULTS.encode(), "phu-luc.txt").items}
    assert rows["2"].partners == "Các bộ, ngành, UBND tỉnh, thành phố"
    assert result_set("Bộ chỉ số được ban hành")
    assert not result_set("Bộ Tư pháp")
    assert not result_set("Bộ trưởng Bộ Nội vụ")
