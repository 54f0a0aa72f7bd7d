"""A heading naming the zones and associations a decision assigns work to (issue 15,
held-out round 20: vocabulary._AGENCY): made-up snippet."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes

_ZONES = """QUYẾT ĐỊNH
Phê duyệt Đề án thư viện số
Điều 2. Tổ chức thực hiện
1. Bộ Văn hóa, Thể thao và Du lịch
a) Chủ trì hướng dẫn các thư viện công cộng số hóa tài liệu.
2. Các Khu công nghiệp, Khu kinh tế và hiệp hội doanh nghiệp liên quan
a) Thực hiện vai trò là cầu nối giữa các thư viện với doanh nghiệp trên địa bàn.
b) Tổng hợp ý kiến của các doanh nghiệp về nhu cầu tài liệu số.
Điều 3. Hiệu lực thi hành
"""


def test_a_heading_naming_zones_leads_its_points():
    parsed = parse_bytes(_ZONES.encode(), "decision.txt")
    rows = [(i.number.rstrip("."), i.lead) for i in parsed.items]
    zones = "Các Khu công nghiệp, Khu kinh tế và hiệp hội doanh nghiệp liên quan"
    assert rows == [("a", "Bộ Văn hóa, Thể thao và Du lịch"), ("a", zones), ("b", zones)]
    assert parsed.items[1].title.startswith("Thực hiện vai trò là cầu nối")
