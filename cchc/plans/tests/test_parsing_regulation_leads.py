"""Regulations naming the body of each article inside a phrase, a committee's purpose labels,
a standing body's capacity, carrying out "this regulation" as a duty, and deadline cells
naming their milestone (issue 15, held-out round 23): chairedarticles.py, purposelabels.py,
appositions.standing_capacity, dutyexecution.py, milestones.py. Made-up snippets."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.appositions import standing_capacity
from cchc.plans.parsing.milestones import milestone

# Articles "Nội dung <body> có trách nhiệm chủ trì" (wrapped after their first word), one
# over a paragraph, a request to a body, then "Trách nhiệm của X" articles wrapped after the
# number: a standing body's capacity, and all bodies carrying out the regulation.
_CHAIRED = """**Điều 5. Nội
dung Sở Giáo dục và Đào tạo có trách nhiệm chủ trì**

1. Hướng dẫn các trường học tổ chức hoạt động ngoại khóa về an toàn giao thông.

2. Tổng hợp kết quả giáo dục an toàn giao thông trong các trường học.

**Điều 6. Nội
dung Sở Y tế có trách nhiệm chủ trì**

Tổ chức cấp cứu người bị tai nạn giao thông tại các cơ sở khám chữa bệnh trên địa bàn.

**Điều 7. Đề
nghị Tỉnh đoàn Thanh niên**

1. Vận động đoàn viên thanh niên chấp hành quy định về an toàn giao thông.

2. Tổ chức đội thanh niên tình nguyện hỗ trợ điều tiết giao thông dịp lễ hội.

**Điều 8.
Trách nhiệm của Sở Xây dựng**

Sở Xây dựng là cơ quan thường trực của Quy chế này, có trách nhiệm theo dõi, đôn đốc việc
thực hiện Quy chế; tổng hợp, báo cáo Ủy ban nhân dân tỉnh.

**Điều 9.
Trách nhiệm của các sở, ban, ngành**

Các sở, ban, ngành có trách nhiệm thực hiện tốt Quy chế này.
"""


def test_a_body_named_inside_the_heading_leads_its_article():
    parsed = parse_bytes(_CHAIRED.encode(), "quy-che.md")
    rows = [(i.number, i.lead) for i in parsed.items]
    assert rows[:3] == [
        ("1", "Sở Giáo dục và Đào tạo"),
        ("2", "Sở Giáo dục và Đào tạo"),
        ("", "Sở Y tế"),
    ]
    assert parsed.items[0].title.startswith("Hướng dẫn các trường học")
    assert parsed.items[2].title.startswith("Tổ chức cấp cứu")


def test_a_request_to_a_body_leads_its_clauses_by_that_body():
    parsed = parse_bytes(_CHAIRED.encode(), "quy-che.md")
    asked = [i for i in parsed.items if i.title.startswith(("Vận động", "Tổ chức đội"))]
    assert [(i.number, i.lead) for i in asked] == [
        ("1", "Tỉnh đoàn Thanh niên"),
        ("2", "Tỉnh đoàn Thanh niên"),
    ]


def test_a_heading_wrapped_after_its_number_and_a_standing_body():
    parsed = parse_bytes(_CHAIRED.encode(), "quy-che.md")
    standing = [i for i in parsed.items if i.lead == "Sở Xây dựng"]
    assert len(standing) == 1
    assert standing[0].title.startswith("Theo dõi, đôn đốc việc thực hiện Quy chế")
    assert "là cơ quan thường trực" in (standing[0].notes or "")


def test_carrying_out_the_regulation_is_the_duty_its_article_gives():
    parsed = parse_bytes(_CHAIRED.encode(), "quy-che.md")
    last = parsed.items[-1]
    assert last.lead == "Các sở, ban, ngành"
    assert last.title.startswith("Thực hiện tốt Quy chế này")
    assert len(parsed.items) == 7


def test_standing_capacity_needs_a_task_after_the_role_words():
    rest, role = standing_capacity(
        "là cơ quan đầu mối của Kế hoạch, có trách nhiệm tổng hợp kết quả."
    )
    assert (rest, role) == ("tổng hợp kết quả.", "là cơ quan đầu mối của Kế hoạch")
    text = "là cơ quan thường trực, chịu trách nhiệm trước Ủy ban nhân dân tỉnh."
    assert standing_capacity(text) == (text, "")


# A council's rules: "1. Giúp <principal>:" over lettered points, then a clause of its own.
_PURPOSE = """**Điều 3. Trách nhiệm của Hội đồng thi đua**

1. Giúp Chủ tịch Ủy ban nhân dân huyện:

a) Đề xuất các hình thức khen thưởng cho tập thể, cá nhân có thành tích xuất sắc;

b) Tổ chức phát động các phong trào thi đua hằng năm.

2. Tổng kết công tác thi đua, khen thưởng cuối năm.

**Điều 4. Trách nhiệm của Chủ tịch Hội đồng thi đua**

1. Điều hành hoạt động của Hội đồng thi đua.

2. Phân công nhiệm vụ cho các thành viên Hội đồng thi đua.
"""


def test_a_purpose_label_is_no_row_and_its_points_stay_the_articles():
    parsed = parse_bytes(_PURPOSE.encode(), "quy-che.md")
    rows = [(i.number, i.lead) for i in parsed.items]
    assert rows == [
        ("a", "Hội đồng thi đua"),
        ("b", "Hội đồng thi đua"),
        ("2", "Hội đồng thi đua"),
        ("1", "Chủ tịch Hội đồng thi đua"),
        ("2", "Chủ tịch Hội đồng thi đua"),
    ]
    assert parsed.items[0].title.startswith("Đề xuất các hình thức khen thưởng")
    assert parsed.items[0].notes == "Giúp Chủ tịch Ủy ban nhân dân huyện"
    assert not parsed.items[2].notes


def test_a_milestone_deadline_reads_when_its_period_does():
    assert milestone("Hoàn thành xây dựng Quy hoạch trước 30/9/2027")
    assert milestone("Hoàn thành trình Đề án trong\nquý III/2027")
    assert not milestone("Hoàn thành xây dựng Đề án trong lĩnh vực nông nghiệp")
    assert not milestone("Xây dựng Đề án trong quý III/2027")


# A gazette table, the timeframe before the lead, one deadline cell naming its milestone over
# three lines.
_MILESTONE_TABLE = """PHỤ LỤC
DANH MỤC NHIỆM VỤ VỀ KINH TẾ SỐ NĂM 2027
TT
NHIỆM VỤ
THỜI HẠN
HOÀN THÀNH
CƠ QUAN CHỦ TRÌ
CƠ QUAN PHỐI HỢP
1
Xây dựng và triển khai đề án phát triển thương mại điện tử ở khu vực
nông thôn
Hoàn thành xây
dựng Đề án trong
quý III/2027
Bộ Công Thương
Bộ Tài chính, các địa
phương có liên quan
2
Hoàn thiện cơ chế thử nghiệm có kiểm soát cho công nghệ tài chính
Quý IV/2027
Ngân hàng Nhà nước Việt Nam
Các bộ, cơ quan liên quan
"""


def test_a_deadline_cell_naming_its_milestone_keeps_the_lead_and_partners():
    parsed = parse_bytes(_MILESTONE_TABLE.encode(), "annex.txt")
    first, second = parsed.items
    assert first.timeframe == "Hoàn thành xây dựng Đề án trong quý III/2027"
    assert first.lead == "Bộ Công Thương"
    assert first.partners == "Bộ Tài chính, các địa phương có liên quan"
    assert (second.timeframe, second.lead) == ("Quý IV/2027", "Ngân hàng Nhà nước Việt Nam")
