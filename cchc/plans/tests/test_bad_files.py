"""Bad input gets a clear error naming the file and the problem, and nothing is stored."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cchc.plans.models import Plan
from cchc.plans.parsing import parse_bytes, parse_path
from cchc.plans.readers.base import ReadError


def test_empty_file():
    with pytest.raises(ReadError, match=r"empty\.md"):
        parse_bytes(b"", "empty.md")


def test_whitespace_only_file():
    with pytest.raises(ReadError, match=r"blank\.txt"):
        parse_bytes(b"  \n\n \t\n", "blank.txt")


def test_binary_file():
    with pytest.raises(ReadError, match=r"data\.bin: .*(binary|nhị phân)"):
        parse_bytes(b"\x7fELF\x02\x01\x00\x00" + bytes(range(256)) * 4, "data.bin")


def test_damaged_image_is_refused_naming_the_file():
    # Images are scans read by OCR (readers/ocr.py); a damaged one is one clear error.
    with pytest.raises(ReadError, match=r"image\.png: "):
        parse_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "image.png")


def test_table_without_recognisable_columns():
    text = "Danh sách\n| Họ tên | Tuổi | Quê quán |\n|---|---|---|\n| An | 30 | Bắc Ninh |\n"
    with pytest.raises(ReadError, match=r"people\.md.*(column|cột)"):
        parse_bytes(text.encode(), "people.md")


def test_text_without_any_plan():
    with pytest.raises(ReadError, match=r"letter\.txt"):
        parse_bytes("Kính gửi: Sở Nội vụ\nNội dung công văn.\n".encode(), "letter.txt")


def test_header_without_rows():
    with pytest.raises(ReadError, match=r"header\.md"):
        parse_bytes("| STT | Nhiệm vụ | Chủ trì |\n|---|---|---|\n".encode(), "header.md")


def test_corrupt_xlsx():
    with pytest.raises(ReadError, match=r"plan\.xlsx"):
        parse_bytes(b"PK\x03\x04" + b"\x00garbage" * 100, "plan.xlsx")


def test_xlsx_that_is_not_a_zip():
    with pytest.raises(ReadError, match=r"old\.xlsx"):
        parse_bytes(b"\xd0\xcf\x11\xe0 an old binary workbook", "old.xlsx")


def test_zip_that_is_no_office_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ReadError, match=r"archive\.xlsx"):
        parse_bytes(buffer.getvalue(), "archive.xlsx")


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path, settings):
    big = tmp_path / "huge.md"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(ReadError, match=r"huge\.md.*50"):
        parse_path(big)


@pytest.mark.django_db
def test_bad_files_store_nothing_through_the_command(tmp_path: Path):
    for name, data in [
        ("a.md", b""),
        ("b.xlsx", b"PK\x03\x04broken"),
        ("c.md", b"| Ho ten | Tuoi |\n| An | 3 |\n"),
    ]:
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(CommandError, match=name.replace(".", r"\.")):
            call_command("import_plan", str(path))
    assert Plan.objects.count() == 0
