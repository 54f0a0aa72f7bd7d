"""The default reporting-period rules: the PAR report (quarter, six months, year) and the
one-stop statistics report on calendar periods. Sources: docs/reference/regulation.md §1, §2.1.

No nine-month PAR rule: the PAR report is "hàng quý, 6 tháng và hàng năm" and its quarter III
window is 15/06–14/09, not nine months cumulated; nine months is a provincial practice seen only
in Khánh Hòa. Add a rule in the admin if the province asks for one.
"""

import datetime as dt

from django.db import migrations

START = dt.date(2021, 1, 1)
REASON = "Quy tắc mặc định (migration 0002_default_period_rules)"

PAR = {
    "report": "par",
    "report_name": "Báo cáo công tác cải cách hành chính định kỳ",
    "window": "nd09",
    "deadline_rule": "day_of_last_month",
    "deadline_day": 20,
    "legal_basis": (
        "Văn bản 581/BNV-CCHC của Bộ Nội vụ hướng dẫn thực hiện chế độ báo cáo CCHC định kỳ "
        "(hạn: chậm nhất ngày 20 tháng cuối kỳ báo cáo); Nghị định 09/2019/NĐ-CP, Điều 12 "
        "(thời gian chốt số liệu từ ngày 15 đến ngày 14)."
    ),
    "confirmed": True,
}
PAR_COMMON_NOTES = (
    "Hạn ngày 20 và kỳ chốt số liệu quý I (15/12–14/03), 6 tháng (15/12–14/06), quý III "
    "(15/06–14/09), năm (15/12–14/12): ĐÃ XÁC NHẬN theo 581/BNV-CCHC "
    "(https://sonoivu.namdinh.gov.vn/cai-cach-hanh-chinh/bo-noi-vu-huong-dan-thuc-hien-che-do-bao-"
    "cao-cai-cach-hanh-chinh-dinh-ky-2627). CHƯA XÁC NHẬN: ngày ban hành 581/BNV-CCHC (valid_from "
    "= 01/01/2021, đầu kỳ kế hoạch 2021–2030 mà hệ thống theo dõi, không phải ngày văn bản); "
    "Thông tư 07/2021/TT-BNV có thay thế 581/BNV-CCHC cho nội dung CCHC hay không."
)

RULES = [
    {
        **PAR,
        "period_kind": "quarter",
        "replaced_by_longer": True,
        "notes": (
            "Báo cáo quý I và quý III; quý II và quý IV không báo cáo riêng vì báo cáo 6 tháng "
            "và báo cáo năm thay thế (cách hiểu của chúng tôi từ “hàng quý, 6 tháng và hàng "
            "năm”). " + PAR_COMMON_NOTES
        ),
    },
    {
        **PAR,
        "period_kind": "half",
        "replaced_by_longer": True,
        "notes": (
            "Báo cáo 6 tháng đầu năm; 6 tháng cuối năm trùng kỳ chốt với báo cáo năm nên không "
            "báo cáo riêng. " + PAR_COMMON_NOTES
        ),
    },
    {**PAR, "period_kind": "year", "replaced_by_longer": False, "notes": PAR_COMMON_NOTES},
]

STATS = {
    "report": "stats",
    "report_name": "Báo cáo thống kê tình hình giải quyết TTHC (kỳ dương lịch)",
    "window": "calendar",
    "deadline_rule": "working_days_after_cutoff",
    "deadline_working_days": 2,
    "legal_basis": (
        "Kỳ dương lịch của báo cáo thống kê (Nghị định 60/2018/NĐ-CP); biểu mẫu theo Thông tư "
        "01/2020/TT-VPCP (Biểu 06/VPCP/KSTT)."
    ),
    "confirmed": False,
    "notes": (
        "CHƯA XÁC NHẬN: thời hạn gửi báo cáo thống kê TTHC chưa đọc được trong văn bản gốc. "
        "Chọn 02 ngày làm việc sau ngày chốt số liệu: mức tối thiểu là 01 ngày làm việc (khoản 5 "
        "Điều 8 NĐ 09/2019), và 02 ngày làm việc là quy tắc cấp tỉnh duy nhất đã thấy (Khánh "
        "Hòa, QĐ 01/2023/QĐ-UBND). Sửa khi có văn bản của tỉnh."
    ),
}
RULES += [
    {**STATS, "period_kind": "quarter", "replaced_by_longer": True},
    {**STATS, "period_kind": "half", "replaced_by_longer": True},
    {**STATS, "period_kind": "year", "replaced_by_longer": False},
]


def create_rules(apps, schema_editor):
    PeriodRule = apps.get_model("scheduling", "PeriodRule")
    PeriodRuleChange = apps.get_model("scheduling", "PeriodRuleChange")
    for fields in RULES:
        rule, created = PeriodRule.objects.get_or_create(
            report=fields["report"],
            period_kind=fields["period_kind"],
            valid_from=START,
            defaults=fields,
        )
        if created:
            PeriodRuleChange.objects.create(
                rule=rule,
                action="created",
                changes={**fields, "valid_from": START.isoformat(), "valid_until": None},
                reason=REASON,
            )


def remove_rules(apps, schema_editor):
    PeriodRule = apps.get_model("scheduling", "PeriodRule")
    for fields in RULES:
        PeriodRule.objects.filter(
            report=fields["report"], period_kind=fields["period_kind"], valid_from=START
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0001_period_rules_and_calendar")]

    operations = [migrations.RunPython(create_rules, remove_rules)]
