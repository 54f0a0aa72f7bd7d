"""Files made to hurt the importer (security issue 16): each is refused with one clear message
naming the file, quickly and in little memory, and nothing is stored."""

from __future__ import annotations

import hashlib
import resource
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from cchc.plans import actions
from cchc.plans.models import Node, Plan, PlanImport
from cchc.plans.parsing import parse_bytes
from cchc.plans.readers.base import ReadError
from cchc.plans.tests import hostile

HEADER = "| STT | Nhiệm vụ | Chủ trì | Thời gian |\n|---|---|---|---|\n"


@pytest.fixture(autouse=True)
def _english():
    """The messages are asserted in English (their msgids), whatever is translated."""
    with translation.override("en"):
        yield


def refused(data: bytes, name: str, match: str, *, seconds: float = 20, megabytes: int = 300):
    """Reading ``data`` raises ReadError matching ``match``, within the time and memory given."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    with pytest.raises(ReadError, match=match) as error:
        parse_bytes(data, name)
    assert time.perf_counter() - start < seconds
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before < megabytes
    message = str(error.value)
    assert message.startswith(name) and "\n" not in message
    return message


def xlsx_with(cells: str, *, styles: str | None = None, merges: str = "") -> bytes:
    rows = (
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>STT</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>Nhiệm vụ</t></is></c>'
        '<c r="C1" t="inlineStr"><is><t>Chủ trì</t></is></c></row>'
        f'<row r="2"><c r="A2"><v>1</v></c>{cells}</row></sheetData>'
    )
    return hostile.xlsx_package(rows + merges, styles)


# -- 1. bounded work and memory -----------------------------------------------------------


def test_html_cells_spanning_the_whole_table_are_refused_before_the_grid_grows():
    # 92 KB: 2,000 cells each spanning 999,999 rows and 100 columns took past 8 GB.
    rows = "<tr><td rowspan=999999 colspan=100>x</td></tr>" * 2000
    data = f"<table><tr><th>STT</th><th>Nhiệm vụ</th><th>Chủ trì</th></tr>{rows}</table>"
    assert len(data) < 100_000
    refused(data.encode(), "span.html", r"span\.html: .*(400,000|400.000)")


def test_a_small_docx_that_unpacks_to_a_huge_document_is_refused():
    bomb = hostile.zip_bomb("word/document.xml", 60)
    assert len(bomb) < 200_000
    refused(bomb, "bomb.docx", r"bomb\.docx: .*(60 MB|50 MB)")


def test_a_docx_whose_xml_would_not_fit_in_memory_is_refused_before_parsing(settings):
    settings.CCHC_IMPORT_MAX_ROWS = 100  # 10,000 XML nodes
    body = "".join(f'<w:p w:rsidR="{i:08x}"/>' for i in range(6000))
    refused(hostile.docx_package(body), "dense.docx", r"dense\.docx: .*word/document\.xml")


def test_a_zip_compressed_like_a_bomb_is_refused_even_under_the_size_limit():
    # 20 MB of spaces: under 50 MB unpacked, but compressed about a thousand times.
    refused(hostile.zip_bomb("xl/workbook.xml", 20), "ratio.xlsx", r"ratio\.xlsx: .*xl/workbook")


def test_an_xlsx_of_more_cells_than_the_limit_is_refused_before_loading(settings):
    settings.CCHC_IMPORT_MAX_ROWS = 100_000  # XML nodes allowed: 10 million
    from cchc.plans.readers import limits

    many = limits.Limits().cells + 1
    cells = "".join(f'<c r="B2"><v>{i * 7919 % 100_003}</v></c>' for i in range(many))
    refused(xlsx_with(cells), "cells.xlsx", r"cells\.xlsx: .*cells", seconds=30)


@pytest.mark.parametrize(
    ("start", "fmt"),
    [("2000000000", "decimal"), ("1" + "0" * 27, "upperRoman"), ("2000000000", "lowerLetter")],
)
def test_docx_list_numbering_starting_absurdly_high_is_refused(start: str, fmt: str):
    body = hostile.docx_paragraph("Kế hoạch", numbered=True) * 3
    data = hostile.docx_package(body, hostile.docx_numbering(start, fmt))
    refused(data, "list.docx", r"list\.docx: .*100,000")


def test_a_csv_of_100000_rows_is_refused_at_the_row_limit():
    lines = ["STT,Nhiệm vụ,Chủ trì"] + [f"{i},Việc {i},Sở Nội vụ" for i in range(1, 100_001)]
    message = refused("\n".join(lines).encode(), "rows.csv", r"rows\.csv: .*20,000")
    assert "20001" in message


def test_the_row_limit_is_a_setting(settings):
    settings.CCHC_IMPORT_MAX_ROWS = 5
    rows = "".join(f"| {i} | Việc {i} | Sở | 2026 |\n" for i in range(1, 10))
    refused((HEADER + rows).encode(), "plan.md", r"plan\.md: .* 5 ")


def test_a_markdown_table_wider_than_the_limit_is_refused():
    row = "| 1 | Việc |" + " x |" * 300
    refused((HEADER + row + "\n").encode(), "wide.md", r"wide\.md: .*200")


def test_a_cell_longer_than_the_limit_is_refused():
    row = f"| 1 | {'Rà soát ' * 10_000} | Sở | 2026 |\n"
    refused((HEADER + row).encode(), "long.md", r"long\.md, line 3: .*50,000")


def test_a_flood_of_blank_lines_is_refused_before_it_is_split():
    refused((HEADER + "\n" * 300_000).encode(), "blank.md", r"blank\.md: .*200,000")


def test_the_command_checks_the_size_before_reading(tmp_path: Path, monkeypatch):
    big = tmp_path / "huge.md"
    with big.open("wb") as handle:
        handle.truncate(3 * 2**30)  # sparse: 3 GB that take no disk

    def never(self: Path) -> bytes:
        raise AssertionError("the whole file was read")

    monkeypatch.setattr(Path, "read_bytes", never)
    with pytest.raises(CommandError, match=r"huge\.md: .*3072"):
        call_command("import_plan", str(big))


# -- 2. no server error from unchecked input ----------------------------------------------


def test_a_nul_past_the_first_64_kb_is_refused_with_its_line():
    text = HEADER + "| 1 | Việc | Sở | 2026 |\n" + ("x" * 80 + "\n") * 1000 + "a\x00b\n"
    refused(text.encode(), "nul.md", r"nul\.md, line 1004: .*NUL")


@pytest.mark.parametrize("escape", ["_x0000_", "_xD800_"])
def test_xlsx_escapes_of_nul_and_surrogates_are_refused_with_their_row(escape: str):
    cells = f'<c r="B2" t="inlineStr"><is><t>Việc {escape}</t></is></c>'
    refused(xlsx_with(cells), "esc.xlsx", r"esc\.xlsx, row 2: ")


def test_a_docx_without_a_body_is_refused():
    refused(hostile.docx_package("", with_body=False), "nobody.docx", r"nobody\.docx: .*w:body")


def test_an_xlsx_number_format_the_workbook_lacks_reads_as_general():
    styles = '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="99999"/></cellXfs>'
    cells = '<c r="B2" t="inlineStr"><is><t>Việc</t></is></c><c r="C2" s="1"><v>12.5</v></c>'
    parsed = parse_bytes(xlsx_with(cells, styles=styles), "fmt.xlsx")
    assert [(i.number, i.title, i.lead) for i in parsed.items] == [("1", "Việc", "12.5")]


@pytest.mark.parametrize("ref", ["ZZZZ1:A1", "A0:B1", "A1:B"])
def test_an_invalid_merged_range_is_refused(ref: str):
    merges = f'<mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'
    cells = '<c r="B2" t="inlineStr"><is><t>Việc</t></is></c>'
    refused(xlsx_with(cells, merges=merges), "merge.xlsx", r"merge\.xlsx: .*merged range")


def test_a_damaged_workbook_gets_a_one_line_message():
    data = hostile.xlsx_package("<sheetData><row><c><v>1</v></sheetData>")
    refused(data, "broken.xlsx", r"broken\.xlsx: ")


def _store(text: str, name: str) -> None:
    data = text.encode()
    actions.import_plan(
        parsed=parse_bytes(data, name), source_sha256=hashlib.sha256(data).hexdigest()
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "match"),
    [
        (HEADER + f"| {'1' * 60} | Việc | Sở | 2026 |\n", r"long\.md, line 3: .*STT.* 60 .* 50"),
        (
            "Số: 15/" + "K" * 120 + "\n\n" + HEADER + "| 1 | Việc | Sở | 2026 |\n",
            r"long\.md: .* 100",
        ),
        (
            "KẾ HOẠCH\n\n(Ban hành kèm theo Quyết định của UBND "
            + "tỉnh " * 60
            + ")\n\n"
            + HEADER
            + "| 1 | Việc | Sở | 2026 |\n",
            r"long\.md: .* 255",
        ),
        ("| STT | Nhiệm vụ | Chủ trì |\n|---|---|---|\n| " + "1." * 40 + " Việc | Sở |\n", r" 50"),
    ],
    ids=["number-cell", "plan-number", "issuer", "section-label"],
)
def test_values_longer_than_their_column_are_refused_and_nothing_is_stored(text, match):
    with pytest.raises(ReadError, match=match) as error:
        _store(text, "long.md")
    assert "\n" not in str(error.value)
    assert not Plan.objects.exists() and not Node.objects.exists()
    assert not PlanImport.objects.exists()


@pytest.mark.django_db
def test_a_file_name_that_is_not_utf8_is_stored_readably(tmp_path: Path):
    path = tmp_path / "ke-hoach-\udcff.md"  # os.fsdecode of the byte 0xFF
    path.write_bytes((HEADER + "| 1 | Việc | Sở | 2026 |\n").encode())
    call_command("import_plan", str(path))
    assert Plan.objects.get().source_name == "ke-hoach-\ufffd.md"


def test_a_continuation_row_wider_than_the_row_it_continues(monkeypatch):
    # Found by scripts/bench fuzz (markdown #6751): IndexError in the continuation glue.
    import random

    monkeypatch.setattr(hostile, "HEAVY", 0.002)
    data, name = hostile.markdown(random.Random("markdown-6751"), 1.0)
    assert hostile.check(data, name) in {"read", "refused"}
