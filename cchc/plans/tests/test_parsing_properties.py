"""Property-based tests: whatever text the readers are fed, they either read a plan or raise
ReadError with a message naming the file. Nothing else escapes, and what they read keeps
its promises (lines inside the file, no HTML, every row accounted for)."""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.plans.parsing import parse_bytes
from cchc.plans.readers.base import ReadError

HEADERS = [
    "STT",
    "TT",
    "Mục tiêu",
    "Nhiệm vụ",
    "Tên nhiệm vụ",
    "Hoạt động",
    "Nội dung",
    "Kết quả/Sản phẩm",
    "Chủ trì",
    "Cơ quan chủ trì",
    "Phối hợp",
    "Thời gian",
    "Kinh phí",
    "Ghi chú",
    "Cấp trình",
    "Đơn vị thực hiện",
    "Xyz",
]
VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợ"
cell_text = st.one_of(
    st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " ,.;:-/()<>&|0123456789IVX\t", max_size=40),
    st.sampled_from(
        [
            "",
            "I",
            "II",
            "A",
            "1",
            "1.",
            "2",
            "5.1",
            "Sở Nội vụ",
            "Hàng năm",
            "<p>đoạn</p>",
            "<ul><li>mục</li></ul>",
            "Nhiệm vụ 1: a Nhiệm vụ 2: b",
            "| STT | Nhiệm vụ |",
            "---",
        ]
    ),
)
# CI runs 150 examples per test; HYPOTHESIS_MAX_EXAMPLES=5000 digs deeper by hand.
SETTINGS = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def check(data: bytes, name: str) -> None:
    try:
        parsed = parse_bytes(data, name)
    except ReadError as error:
        assert name in str(error)
        return
    line_count = max(1, data.count(b"\n") + 1)
    assert parsed.items
    for item in parsed.items:
        assert 1 <= item.line <= line_count
        assert item.title
        for value in item.as_dict().values():
            if isinstance(value, str):
                assert not re.search(r"</?(p|ul|li|br|b)\b[^>]*>", value)
    for warning in parsed.warnings:
        assert warning.line is None or 1 <= warning.line <= line_count
        assert warning.message


@SETTINGS
@given(st.text(max_size=2000))
def test_any_text(text: str) -> None:
    check(text.encode("utf-8"), "random.txt")


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes(data: bytes) -> None:
    check(data, "random.bin")


@SETTINGS
@given(st.binary(max_size=600))
def test_any_bytes_named_as_office_files(data: bytes) -> None:
    check(b"PK\x03\x04" + data, "random.xlsx")
    check(b"PK\x03\x04" + data, "random.docx")


@SETTINGS
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=9),
    rows=st.lists(st.lists(cell_text, max_size=11), max_size=25),
    separator=st.booleans(),
    preamble=st.lists(cell_text, max_size=4),
)
def test_random_pipe_tables(header, rows, separator, preamble) -> None:
    lines = [*preamble, "| " + " | ".join(header) + " |"]
    if separator:
        lines.append("|" + "---|" * len(header))
    lines += ["| " + " | ".join(c.replace("|", "/") for c in row) + " |" for row in rows]
    data = "\n".join(lines).encode("utf-8")
    check(data, "table.md")
    try:
        parsed = parse_bytes(data, "table.md")
    except ReadError:
        return
    # Every numbered row that reached the output came from a distinct source line.
    assert len({item.line for item in parsed.items}) == len(parsed.items)


@SETTINGS
@given(
    blocks=st.lists(st.tuples(st.integers(1, 30), cell_text, cell_text, cell_text), max_size=10),
    junk=st.lists(cell_text, max_size=5),
)
def test_random_prose_blocks(blocks, junk) -> None:
    lines = list(junk)
    for number, task, lead, time in blocks:
        lines += [
            f"{number}. {task or 'Việc'}",
            f"a) Nhiệm vụ: {task}",
            "b) Cơ quan thực hiện:",
            f"- Đơn vị chủ trì: {lead}",
            f"c) Thời gian thực hiện: {time}",
        ]
    check("\n".join(lines).encode("utf-8"), "prose.txt")


def test_long_digit_runs_in_headers_read_in_linear_time() -> None:
    # Found by test_random_pipe_tables: a nested-quantifier regex backtracked exponentially.
    data = ("| " + "1" * 70 + " | Nhiệm vụ | Chủ trì |\n| 1 | Việc | Sở |").encode()
    assert parse_bytes(data, "digits.md").items[0].lead == "Sở"
