"""Property tests for the genre (issue 15): grouping rows, emphasis and numbering schemes
inserted into the seed's table change its sections, never its activities; prose, sentences,
space-aligned text and PDF-looking bytes give a plan or one clear error, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.result import ParsedPlan
from cchc.plans.readers.base import ReadError
from cchc.plans.tests.test_parsing_properties import cell_text, check

SEED = (
    Path(__file__).resolve().parents[3]
    / "sample_data"
    / "plans"
    / "ke-hoach-402-KH-UBND-bac-giang-2021-2030.md"
)
SETTINGS = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
WIDTH = 9  # the seed table's columns

HEADINGS = st.sampled_from(
    [
        "CƠ CHẾ, CHÍNH SÁCH",
        "Hoàn thiện thể chế",
        "PHÁT TRIỂN CHÍNH QUYỀN SỐ",
        "Nhóm nhiệm vụ trọng tâm",
        "Các nhiệm vụ khác",
    ]
)


@st.composite
def grouping_row(draw: st.DrawFn) -> str:
    """A grouping row of one of the shapes the genre prints."""
    heading = draw(HEADINGS)
    shape = draw(st.sampled_from(["bold", "bold-padded", "spanning", "roman", "letter", "part"]))
    empty = [""] * (WIDTH - 2)
    if shape == "bold":
        cells = ["", f"**{heading}**", *empty]
    elif shape == "bold-padded":
        cells = ["", f"**{heading}**", *["** **"] * (WIDTH - 2)]
    elif shape == "spanning":
        cells = [f"<b>{heading}</b>"] * WIDTH
    elif shape == "roman":
        cells = [draw(st.sampled_from(["II", "IV", "VII"])), heading.upper(), *empty]
    elif shape == "letter":
        cells = [draw(st.sampled_from(["A", "B", "C"])), heading.upper(), *empty]
    else:
        cells = [f"PHẦN {draw(st.integers(1, 5))}", heading.upper(), *empty]
    return "| " + " | ".join(cells) + " |"


def _activities(parsed: ParsedPlan) -> list[tuple[str | None, ...]]:
    return [
        (item.number, item.title, item.outputs, item.lead, item.partners, item.timeframe)
        for item in parsed.items
    ]


def _numbered_rows(lines: list[str]) -> list[int]:
    """The indexes of the seed's table rows that carry a row number (not a continuation)."""
    found = []
    for index, line in enumerate(lines):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == WIDTH and cells[0].rstrip(".").isdigit():
            found.append(index)
    return found


SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_LINES = SEED_TEXT.split("\n")
SEED_PLAN = parse_bytes(SEED_TEXT.encode(), SEED.name)
ROWS = _numbered_rows(SEED_LINES)


def _emphasise(line: str, style: str) -> str:
    cells = line.strip().strip("|").split("|")
    title = cells[3].strip()
    if title:
        cells[3] = f" **{title}** " if style == "md" else f" <strong>{title}</strong> "
    return "|" + "|".join(cells) + "|"


@SETTINGS
@given(
    # One grouping row before a numbered row at most: two in a row would leave the first one
    # an empty section, which no item names.
    inserts=st.lists(
        st.tuples(st.sampled_from(ROWS), grouping_row()), max_size=6, unique_by=lambda p: p[0]
    ),
    emphasised=st.lists(
        st.tuples(st.sampled_from(ROWS), st.sampled_from(["md", "html"])), max_size=8
    ),
)
def test_grouping_rows_and_emphasis_change_sections_not_activities(inserts, emphasised) -> None:
    lines = list(SEED_LINES)
    for index, style in emphasised:
        lines[index] = _emphasise(lines[index], style)
    # Insert from the bottom so that the indexes stay valid; before a numbered row only (a
    # row after a page break may continue the row above it).
    for index, row in sorted(inserts, key=lambda pair: -pair[0]):
        lines.insert(index, row)
    parsed = parse_bytes("\n".join(lines).encode(), SEED.name)
    assert _activities(parsed) == _activities(SEED_PLAN)
    assert len(parsed.items) == 70
    sections = {tuple(item.section) for item in parsed.items}
    for _index, row in inserts:
        heading = next(h for h in HEADINGS_LIST if h.upper() in row.upper())
        assert any(heading.upper() in " ".join(s).upper() for s in sections)


HEADINGS_LIST = [
    "CƠ CHẾ, CHÍNH SÁCH",
    "Hoàn thiện thể chế",
    "PHÁT TRIỂN CHÍNH QUYỀN SỐ",
    "Nhóm nhiệm vụ trọng tâm",
    "Các nhiệm vụ khác",
]

sentence = st.sampled_from(
    [
        "Giao Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp rà soát, hoàn thành trong năm 2025.",
        "UBND tỉnh giao Sở Tài chính bố trí kinh phí; thời gian hoàn thành: quý II/2025.",
        "Bộ Công an chủ trì triển khai dữ liệu dân cư.",
        "Cơ quan chủ trì: Sở Tư pháp.",
        "Thời gian hoàn thành: Năm 2025. **1.2. Triển khai:**",
        "1.1. Xây dựng kế hoạch.",
        "a) Nhiệm vụ: Rà soát.",
        "Sở Tư pháp:",
        "- Chủ trì kiểm tra.",
        "12",
        "1229. Kết quả năm trước.",
        "I. NHIỆM VỤ",
        "STT   Nhiệm vụ        Chủ trì     Thời gian",
        "1     Rà soát         Sở Tư pháp  Quý I/2025",
        "\f",
    ]
)


@SETTINGS
@given(st.lists(st.one_of(sentence, cell_text), max_size=30))
@example(
    ["\f", "Giao Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp rà soát, hoàn thành trong năm 2025."]
)
def test_any_prose_sentences_or_aligned_text(parts) -> None:
    check("\n".join(parts).encode(), "van-ban.txt")


def test_a_form_feed_is_no_line_of_its_own() -> None:
    """Found by the property above: a page break (form feed) before a line moved its line
    number one down, past the end of the file."""
    data = "\f\nGiao Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp rà soát, hoàn thành năm 2025."
    parsed = parse_bytes(data.encode(), "van-ban.txt")
    assert [(item.line, item.lead) for item in parsed.items] == [(2, "Sở Nội vụ")]


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_that_look_like_a_pdf_or_an_image(data) -> None:
    for magic, name in ((b"%PDF-1.4\n", "ke-hoach.pdf"), (b"\x89PNG\r\n\x1a\n", "scan.png")):
        try:
            parse_bytes(magic + data, name)
        except ReadError as error:
            assert name in str(error)
