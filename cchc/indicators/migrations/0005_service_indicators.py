"""The Decision 766 service indicators computed from dossier records (cchc.servicequality)."""

# ruff: noqa: E501

from typing import Any

from django.db import migrations

BASIS = "Quyết định 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ"
URL = "https://vietjack.me/phap-luat/quyet-dinh-766-qd-ttg-2271.html"
SERVICE = [
    ("766.2.1", "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn (766)", "Số hồ sơ đã và đang xử lý đúng hạn hoặc trong hạn trên tổng số hồ sơ tiếp nhận, xử lý trong kỳ; thời gian bổ sung không tính; yêu cầu bổ sung quá 1 lần tính là quá hạn."),
    ("766.3.3", "Tỷ lệ hồ sơ nộp trực tuyến (766)", "Số hồ sơ tiếp nhận trực tuyến trên tổng số hồ sơ tiếp nhận trong kỳ."),
    ("766.3.6", "Tỷ lệ hồ sơ thanh toán trực tuyến (766)", "Số hồ sơ có phí, lệ phí được thanh toán trực tuyến trên tổng số hồ sơ có phí, lệ phí tiếp nhận trong kỳ."),
    ("766.4.1", "Tỷ lệ hồ sơ có cấp kết quả điện tử (766)", "Số hồ sơ đã giải quyết có kết quả điện tử trên tổng số hồ sơ đã giải quyết trong kỳ."),
    ("766.4.2", "Tỷ lệ hồ sơ thực hiện số hóa (766)", "Số hồ sơ tiếp nhận trong kỳ được số hóa thành phần (và có kết quả điện tử khi đã giải quyết) trên tổng số hồ sơ tiếp nhận."),
    ("766.4.3", "Tỷ lệ hồ sơ tái sử dụng dữ liệu số hóa (766)", "Số hồ sơ tiếp nhận trong kỳ có thành phần tái sử dụng dữ liệu số hóa trên tổng số hồ sơ tiếp nhận."),
    ("766.5.4", "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC (766)", "Số hồ sơ đã giải quyết được đánh giá hài lòng trên tổng số hồ sơ đã giải quyết có đánh giá."),
]  # fmt: skip


def load(apps: Any, schema_editor: Any) -> None:
    indicator = apps.get_model("indicators", "Indicator")
    change = apps.get_model("indicators", "IndicatorChange")
    for code, name, definition in SERVICE:
        if indicator.objects.filter(code=code).exists():
            continue
        row = indicator.objects.create(
            code=code,
            name=name,
            unit="%",
            direction="higher",
            aggregation="ratio_of_sums",
            disaggregations=["level", "field", "procedure"],
            definition=definition,
            legal_source=BASIS,
            source_url=URL,
            data_source="computed",
        )
        change.objects.create(indicator=row, action="created", changes={}, reason="766")


def unload(apps: Any, schema_editor: Any) -> None:
    indicator = apps.get_model("indicators", "Indicator")
    indicator.objects.filter(
        code__in=[c for c, _n, _d in SERVICE], targets=None, measurements=None
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0004_load_legal_documents_indicator")]
    operations = [migrations.RunPython(load, unload)]
