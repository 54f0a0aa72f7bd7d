"""The scoring rules loaded by the data migration (regulation.md §3.2–3.4).

Only the group maxima are confirmed; every indicator's points and thresholds below come from
secondary sources or are our equal split of the group, so they are loaded as unconfirmed and
the secretariat may edit them (a new rule with a later ``valid_from``)."""

from __future__ import annotations

import datetime as dt

VALID_FROM = dt.date(2022, 8, 1)
BASIS = "Quyết định 766/QĐ-TTg ngày 23/06/2022"

# code, name, group, max points, threshold %, confirmed, note
RULES: tuple[tuple[str, str, int, str, str, bool, str], ...] = (
    ("766.2.1", "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn", 2, "20", "100", False,
     "20 điểm: nguồn thứ cấp; ngưỡng chưa xác nhận."),
    ("766.2.2", "Thời gian giải quyết TTHC trung bình", 2, "0", "0", False,
     "Chỉ theo dõi, không tính điểm (suy luận)."),
    ("766.3.3", "Tỷ lệ hồ sơ TTHC nộp trực tuyến", 3, "4.4", "50", False,
     "Ngưỡng 50%: mô tả kỹ thuật (thứ cấp); điểm chia đều nhóm 22 điểm."),
    ("766.3.6", "Tỷ lệ hồ sơ thanh toán trực tuyến", 3, "4.4", "80", False,
     "Điểm chia đều nhóm; ngưỡng chưa xác nhận."),
    ("766.4.1", "Tỷ lệ hồ sơ có cấp kết quả điện tử", 4, "7.33", "80", False,
     "Điểm chia đều nhóm 22 điểm; ngưỡng chưa xác nhận."),
    ("766.4.2", "Tỷ lệ hồ sơ thực hiện số hóa", 4, "7.33", "80", False,
     "Ngưỡng 80%: mô tả kỹ thuật (thứ cấp); điểm chia đều nhóm."),
    ("766.4.3", "Tỷ lệ hồ sơ khai thác, sử dụng lại dữ liệu số hóa", 4, "7.34", "80", False,
     "Ngưỡng 80%: mô tả kỹ thuật (thứ cấp); điểm chia đều nhóm."),
    ("766.5.4", "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC", 5, "6", "100", False,
     "6/18 điểm: nguồn thứ cấp; ngưỡng chưa xác nhận."),
)  # fmt: skip

GROUP_MAX = {1: 18, 2: 20, 3: 22, 4: 22, 5: 18}
