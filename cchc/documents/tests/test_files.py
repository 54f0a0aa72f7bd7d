"""The report's files opened back: the NĐ 30/2020 layout elements, and every number equal to
what the app computes for the same period (progress from ``cchc.reporting.progress``, the
status grid, the indicators)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from cchc.documents.actions import build
from cchc.documents.content import (
    NO_DATA,
    PeriodError,
    percent_text,
    progress_as_of,
    report_periods,
    resolve_period,
)
from cchc.documents.render import QUOC_HIEU, TIEU_NGU, to_pdf
from cchc.indicators.models import Indicator, Measurement
from cchc.plans.models import Node, NodeKind
from cchc.reporting.grid import GridFilters, status_grid
from cchc.reporting.progress import progress_for

pytestmark = pytest.mark.django_db
DAY = dt.date(2024, 7, 1)


def _texts(docx: bytes) -> list[str]:
    doc = Document(io.BytesIO(docx))
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for cell in table._cells:
            texts += [p.text for p in cell.paragraphs]
    return texts


def test_periods_and_keys(plan):
    keys = [(p.kind, p.number) for p in report_periods(2024)]
    assert keys == [("quarter", 1), ("half", 1), ("quarter", 3), ("year", 1)]
    h1 = resolve_period(2024, "h1")
    assert (h1.start, h1.end) == (dt.date(2023, 12, 15), dt.date(2024, 6, 14))
    assert h1.province_deadline == dt.date(2024, 6, 20)
    with pytest.raises(PeriodError, match=r"has no period 'q2' in 2024.*q1, h1, q3, year"):
        resolve_period(2024, "q2")
    with pytest.raises(PeriodError, match="unknown period key"):
        resolve_period(2024, "q9")


def test_progress_as_of_is_the_progress_module_up_to_the_cutoff(with_reports):
    plan = with_reports
    # At the year's end every approved report counts: the same as progress.py.
    year_end = resolve_period(2024, "year").end
    mine, theirs = progress_as_of(plan, year_end), progress_for(plan)
    assert mine.nodes == pytest.approx(theirs.nodes)
    assert mine.overall == pytest.approx(theirs.overall)
    assert mine.activities == theirs.activities
    # At quarter I's cut-off the six-month report (100%, done) does not count yet.
    row2 = Node.objects.get(plan=plan, number="2", kind=NodeKind.ACTIVITY)
    q1 = progress_as_of(plan, resolve_period(2024, "q1").end)
    assert q1.activities[row2.pk].percent == 40
    assert not q1.activities[row2.pk].done
    assert theirs.activities[row2.pk].percent == 100


def test_docx_has_the_decree_30_layout_and_the_apps_numbers(with_reports, settings):
    plan = with_reports
    settings.CCHC_SIGNER_NAME = "Nguyễn Văn A"
    period = resolve_period(2024, "h1")
    built = build(plan=plan, period=period, number="125", day=DAY, pdf=False)
    texts = _texts(built.docx)
    joined = "\n".join(texts)
    for element in (
        QUOC_HIEU,
        TIEU_NGU,
        "UBND TỈNH BẮC GIANG",
        "Số: 125/BC-UBND",
        "Bắc Giang, ngày 01 tháng 07 năm 2024",
        "BÁO CÁO",
        "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2024",
        "Nơi nhận:",
        "- Bộ Nội vụ (b/c);",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Văn A",
    ):
        assert element in texts, element
    doc = Document(io.BytesIO(built.docx))
    # The rule under the tiêu ngữ: a paragraph border right after it; Times New Roman 12–14.
    cell = doc.tables[0].rows[0].cells[1]
    after = cell.paragraphs[[p.text for p in cell.paragraphs].index(TIEU_NGU) + 1]
    assert after._p.pPr.find(qn("w:pBdr")) is not None
    sizes = {r.font.size.pt for p in doc.paragraphs for r in p.runs if r.font.size}
    assert sizes <= {11, 12, 13, 14}
    assert {r.font.name for p in doc.paragraphs for r in p.runs} == {"Times New Roman"}
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.left_margin.mm) == 30

    # Every number: progress as of the cut-off, which is progress.py's here.
    progress = progress_as_of(plan, period.end)
    reference = progress_for(plan)
    assert f"Tiến độ chung của kế hoạch: {percent_text(round(progress.overall, 1))}" in joined
    assert f"hoạt động hoàn thành: {progress.done_count}/{len(progress.activities)}" in joined
    areas = Node.objects.filter(plan=plan, parent__isnull=True, kind=NodeKind.SECTION)
    for index, area in enumerate(areas.order_by("position"), start=1):
        heading = texts.index(f"{index}. {area.title}")
        figures = texts[heading + 1]
        assert figures.startswith(f"Tiến độ: {percent_text(round(progress.nodes[area.pk], 1))};")
        # No report of a later period is approved here: equal to progress.py's.
        assert progress.nodes[area.pk] == pytest.approx(reference.nodes[area.pk])
    grid = status_grid(period=period, on=DAY, filters=GridFilters(plan=plan.pk))
    assert f"{grid.totals.total} báo cáo phải gửi" in joined
    assert f"tỷ lệ đầy đủ {percent_text(round(grid.totals.completeness or 0, 1))}" in joined


def test_year_report_equals_the_progress_module(with_reports):
    plan = with_reports
    built = build(plan=plan, period=resolve_period(2024, "year"), day=DAY, pdf=False)
    reference = progress_for(plan)
    assert built.snapshot["progress"]["overall"] == round(reference.overall, 1)
    for area in built.snapshot["areas"]:
        assert area["progress"] == round(reference.nodes[area["id"]], 1)
    joined = "\n".join(_texts(built.docx))
    assert f"Tiến độ chung của kế hoạch: {percent_text(round(reference.overall, 1))}" in joined


def test_xlsx_annexes_hold_the_same_numbers(with_reports):
    plan = with_reports
    indicator = Indicator.objects.create(code="test.dvc", name="Tỷ lệ hồ sơ trực tuyến", unit="%")
    Indicator.objects.create(code="test.empty", name="Chỉ số chưa đo", unit="%")
    Measurement.objects.create(
        indicator=indicator,
        period_kind="half",
        period_label="6 tháng đầu năm 2024",
        period_start=dt.date(2023, 12, 15),
        period_end=dt.date(2024, 6, 14),
        value=63.5,
        source="import",
    )
    period = resolve_period(2024, "h1")
    built = build(plan=plan, period=period, day=DAY, pdf=False)
    wb = load_workbook(io.BytesIO(built.xlsx))
    assert wb.sheetnames == [
        "PL1 Tien do",
        "PL2 Tinh hinh bao cao",
        "PL3 Chi tieu",
        "PL4 Chi so dich vu",
    ]
    progress = progress_as_of(plan, period.end)
    rows = list(wb["PL1 Tien do"].iter_rows(min_row=3, values_only=True))
    areas = list(
        Node.objects.filter(plan=plan, parent__isnull=True, kind=NodeKind.SECTION).order_by(
            "position"
        )
    )
    assert len(rows) == len(areas) + 1
    for row, area in zip(rows, areas, strict=False):
        assert row[1] == area.display
        assert row[2] == round(progress.nodes[area.pk], 1)
    assert rows[-1][2] == round(progress.overall, 1)
    assert rows[-1][3] == len(progress.activities)

    grid = status_grid(period=period, on=DAY, filters=GridFilters(plan=plan.pk))
    status_rows = list(wb["PL2 Tinh hinh bao cao"].iter_rows(min_row=3, values_only=True))
    assert status_rows[-1][1] == "Tổng" and status_rows[-1][2] == grid.totals.total
    assert {r[1] for r in status_rows[:-1]} == {r.name for r in grid.rows}

    values = {r[1]: r[4] for r in wb["PL4 Chi so dich vu"].iter_rows(min_row=3, values_only=True)}
    assert values["test.dvc"] == 63.5
    assert values["test.empty"] == NO_DATA


def test_pdf_through_libreoffice(with_reports, tmp_path: Path):
    built = build(plan=with_reports, period=resolve_period(2024, "q1"), day=DAY)
    assert built.pdf is not None and built.pdf.startswith(b"%PDF")
    (tmp_path / "r.pdf").write_bytes(built.pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    flat = " ".join(text.split())
    for element in ("CỘNG HÒA XÃ HỘI CHỦ", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO", "Nơi nhận"):
        assert element in flat, element
    overall = percent_text(built.snapshot["progress"]["overall"])
    assert f"Tiến độ chung của kế hoạch: {overall}" in flat


def test_pdf_refuses_a_missing_libreoffice(settings):
    from cchc.documents.render import PdfError

    settings.CCHC_SOFFICE = "/nonexistent/soffice"
    with pytest.raises(PdfError, match="not installed"):
        to_pdf(b"")


def test_targets_in_the_body_and_the_annex(with_reports, secretary):
    from django.utils import translation

    from cchc.indicators.actions import confirm_target
    from cchc.indicators.models import Target
    from cchc.indicators.selectors import plan_targets
    from cchc.indicators.status import Status

    plan = with_reports
    chosen = list(
        Target.objects.filter(node__plan=plan, indicator__isnull=False).order_by("pk")[:3]
    )
    assert len(chosen) == 3
    for target in chosen:
        confirm_target(target=target, user=secretary)
    period = resolve_period(2024, "h1")
    built = build(plan=plan, period=period, day=DAY, pdf=False)
    rows = [
        r
        for r in plan_targets(plan_id=plan.pk, on=period.end)
        if r.target.pk in {t.pk for t in chosen}
    ]
    with translation.override("vi"):
        labels = [str(Status(r.status).label) for r in rows]
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    expected = "3 chỉ tiêu (" + "; ".join(f"{k}: {v}" for k, v in counts.items()) + ")"
    assert f"Chỉ tiêu của kế hoạch: {expected}." in "\n".join(_texts(built.docx))
    annex = list(
        load_workbook(io.BytesIO(built.xlsx))["PL3 Chi tieu"].iter_rows(min_row=3, values_only=True)
    )
    assert [r[6] for r in annex] == labels
    assert [r[3] for r in annex] == [r.target.describe() for r in rows]


@pytest.mark.django_db
def test_the_issuer_is_the_province_committee_the_registry_names_that_day(settings: Any) -> None:
    from cchc.agencies.registry import load_registry
    from cchc.documents.content import issuer_on

    load_registry()
    assert issuer_on(dt.date(2024, 7, 1)) == {"body": "UBND TỈNH BẮC GIANG", "place": "Bắc Giang"}
    assert issuer_on(dt.date(2025, 12, 1)) == {"body": "UBND TỈNH BẮC NINH", "place": "Bắc Ninh"}
    # Renamed when the province became a centrally-run city (NQ 39/2026/QH16, unconfirmed).
    assert issuer_on(dt.date(2026, 12, 4)) == {
        "body": "UBND THÀNH PHỐ BẮC NINH",
        "place": "Bắc Ninh",
    }
    settings.CCHC_ISSUING_BODY, settings.CCHC_ISSUING_PLACE = "ỦY BAN NHÂN DÂN TỈNH X", "X"
    assert issuer_on(dt.date(2026, 12, 4)) == {"body": "ỦY BAN NHÂN DÂN TỈNH X", "place": "X"}
