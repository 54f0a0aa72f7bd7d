"""Recognising a plan table's columns by what their headers mean.

Plans of the genre name the same column in many ways ("Chủ trì", "Cơ quan chủ trì", "Đơn vị
thực hiện"; "Kết quả/Sản phẩm", "Sản phẩm đầu ra"…). Headers are folded (lower case, no
diacritics), stripped of their numbering ("5-Chủ trì", "(3)"), and matched against the
phrases below in order: the first rule that matches decides. Add a synonym here when a real
plan uses a new one, with a test in test_columns.py.
"""

from __future__ import annotations

import functools
import re

from django.utils.translation import gettext_lazy

from cchc.core.text import clean_text, fold

# What each item field is called on the pages and in warnings (the preview, OCR's doubts).
FIELD_LABELS = {
    "number": gettext_lazy("Number"),
    "objective": gettext_lazy("Objective"),
    "task": gettext_lazy("Task"),
    "title": gettext_lazy("Activity"),
    "outputs": gettext_lazy("Expected outputs"),
    "lead": gettext_lazy("Lead agency"),
    "partners": gettext_lazy("Coordinating agencies"),
    "timeframe": gettext_lazy("Timeframe"),
    "budget": gettext_lazy("Budget"),
    "submit_level": gettext_lazy("Submitted to"),
    "notes": gettext_lazy("Notes"),
    "": gettext_lazy("other column (kept as is)"),
}

# (field, phrases): a phrase matches anywhere in the folded header, "=x" only the whole header,
# "^x" only its start. Order matters: "phối hợp" before "thực hiện", "thời gian thực hiện" before
# the lead rules, "kết quả" before "nhiệm vụ" ("Kết quả thực hiện nhiệm vụ" is an output).
_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("partners", ("phoi hop",)),
    ("submit_level", ("cap trinh", "cap ban hanh", "co quan ban hanh", "cap phe duyet")),
    (
        "timeframe",
        ("thoi gian", "thoi han", "tien do", "han hoan thanh", "moc thoi gian", "nam thuc hien"),
    ),
    ("budget", ("kinh phi", "du toan", "nguon von", "von ")),
    ("notes", ("ghi chu",)),
    (
        "outputs",
        ("ket qua", "san pham", "hinh thuc van ban", "dau ra", "hinh thuc", "chi tieu dau ra"),
    ),
    (
        "lead",
        (
            "chu tri",
            "don vi thuc hien",
            "co quan thuc hien",
            "co quan, don vi thuc hien",
            "don vi, co quan thuc hien",
            "trach nhiem thuc hien",
            "don vi chiu trach nhiem",
            "co quan chiu trach nhiem",
            "co quan tham muu",
            "don vi tham muu",
            "phan cong",
            # "Bộ phụ trách tiếp nhận, xử lý" (the body a proposal is sent to)
            "phu trach",
            "tiep nhan, xu ly",
            "=thuc hien",
            "=don vi",
            "=co quan",
            # "Cơ quan trình" of a law-making plan: the body answering for the draft it submits
            # (its drafting body may be a board it sets up; round 7 leftovers)
            "=co quan trinh",
        ),
    ),
    ("objective", ("muc tieu",)),
    ("title", ("hoat dong",)),
    (
        "task",
        (
            "nhiem vu",
            "noi dung",
            "cong viec",
            "ten de an",
            "ten van ban",
            "giai phap",
            "danh muc",
            "=ten",
            "^ten ",
            # a list of documents to amend (round 21): "Các luật, nghị định … cần sửa đổi, bổ
            # sung", "Văn bản cần sửa đổi"
            "^cac luat, nghi dinh",
            "^luat, nghi dinh",
            "van ban can sua doi",
            "van ban duoc de xuat sua doi",
        ),
    ),
)
_NUMBER_LABELS = {"stt", "tt", "so tt", "so thu tu", "thu tu", "so", "s t t", "ma", "ma so"}
# Column numbers printed before a header: "5-", "(3)", "1.", "2 -". One flat character class:
# nested repetition here would backtrack exponentially on long digit runs.
_PREFIX_RE = re.compile(r"^[\s\d().:\-–]+")


@functools.lru_cache(maxsize=4096)
def header_key(label: str) -> str:
    """Folded header text without its leading column number ("5-Chủ trì" -> "chu tri")."""
    text = fold(clean_text(label))
    text = _PREFIX_RE.sub("", text)
    return text.strip(" .:-")


def field_for_label(label: str) -> str | None:
    """The item field a header names, or None when it names none of them."""
    key = header_key(label)
    if not key:
        return None
    if key in _NUMBER_LABELS:
        return "number"
    for field_name, phrases in _RULES:
        for phrase in phrases:
            if phrase[0] == "=":
                matched = key == phrase[1:]
            elif phrase[0] == "^":
                matched = key.startswith(phrase[1:])
            else:
                matched = phrase in key
            if matched:
                return field_name
    return None


def map_header(cells: list[str]) -> list[str | None]:
    """The field of every header cell; resolves duplicates the way plan tables use them.

    Without an activity column the task column is the row of work's title. A second
    task-like column ("Nhiệm vụ" then "Nội dung") is the activity when there is none.
    Any other repeated field keeps its first column; the others stay unmapped (kept as extra
    columns).
    """
    fields = [field_for_label(cell) for cell in cells]
    if "title" not in fields:
        task_columns = [i for i, f in enumerate(fields) if f == "task"]
        if len(task_columns) >= 2:
            fields[task_columns[1]] = "title"
        elif len(task_columns) == 1:
            fields[task_columns[0]] = "title"
    seen: set[str] = set()
    for i, field_name in enumerate(fields):
        if field_name is None:
            continue
        if field_name in seen:
            fields[i] = None
        else:
            seen.add(field_name)
    return fields


def is_header(cells: list[str]) -> bool:
    """A row is a header when it names a title-like column and at least one other field."""
    non_empty = [c for c in cells if clean_text(c)]
    if len(non_empty) < 2:
        return False
    fields = map_header(cells)
    named = {f for f in fields if f}
    if len(named) < 2 or not named & {"title", "objective"}:
        return False
    # Header cells are short labels, not sentences (a label in capitals may be longer: "CÁC
    # LUẬT, NGHỊ ĐỊNH, QUYẾT ĐỊNH CỦA THỦ TƯỚNG CHÍNH PHỦ, THÔNG TƯ CẦN SỬA ĐỔI, BỔ SUNG").
    return all(
        len(clean_text(c)) <= 80 or (clean_text(c).isupper() and len(clean_text(c)) <= 120)
        for c in non_empty
    )
