"""The document's logical lines: the printed lines a converter or a crawler wrapped, joined
again into the headings, bullets and sentences the sentence reader reads
(``assignments.py``)."""

from __future__ import annotations

import itertools
import re

from cchc.plans.parsing import cells as C
from cchc.plans.parsing.dutyends import duty_heading_ends
from cchc.plans.parsing.leads import name_goes_on
from cchc.plans.parsing.prose import OPEN_ENDINGS, split_glued
from cchc.plans.parsing.structure import proper_names
from cchc.plans.parsing.vocabulary import (
    _AGENCY,
    _AGENCY_ONLY_RE,
    _BULLET_RE,
    _HEADING_RE,
    _ITALIC_EDGE_RE,
    _MD_HEADING_RE,
    _PAGE_LINE_RE,
    _PAREN_RE,
    _SIGNATURE_RE,
    _VERBS,
)
from cchc.plans.readers.base import Paragraph
from cchc.plans.readers.ocrtext import slash_point


def logical_lines(paragraphs: list[Paragraph]) -> list[tuple[int, str]]:
    """The document's sentences with the lines a converter wrapped joined again.

    Text from ``pdftotext`` or OCR holds one line per printed line: a numbered heading or a
    bullet continues on the lines below it (which start in lower case, or follow a line that
    does not end its sentence), across page numbers and page breaks.
    """
    units: list[list[object]] = []  # [line, text, starts a unit (heading or bullet)]
    bold_open = False  # a "**" opened on a line and not closed: the next line continues it
    bold_closed = False  # the last line ended by closing its bold
    italic_open = False  # the same for an italic "*" (a heading "*1.1." / "Sở Tài chính*")
    # A crawled page separates its paragraphs with blank lines and keeps the printed line
    # breaks inside them: there a line that opens nothing continues an unfinished sentence.
    gaps = sum(1 for a, b in itertools.pairwise(paragraphs) if b.line > a.line + 1)
    crawled = len(paragraphs) >= 10 and gaps >= len(paragraphs) // 10
    # A page crawled WITHOUT blank lines keeps no paragraph break at all (``_point_goes_on``).
    dense = len(paragraphs) >= 10 and gaps == 0
    last_line = -2
    for index, paragraph in enumerate(paragraphs):
        same_run = crawled and paragraph.line == last_line + 1
        goes_on = dense and index > 0 and paragraph.line == last_line + 1
        if paragraph.line > last_line + 1 and last_line >= 0:
            # Emphasis never spans a blank line: a "*" left open by an italic note ("* (Ban
            # hành kèm theo …)*" read as a bullet) must not glue the rest of the text to it.
            bold_open = italic_open = False
        last_line = paragraph.line
        for raw in split_glued(paragraph.text):
            # Markdown heading marks ("## III. …") are layout, not text; so is the italic
            # mark of a heading ("*1.1." / "Trưởng Ban Chỉ đạo*").
            text = _MD_HEADING_RE.sub("", slash_point(C.clean_cell(raw).replace("\n", " ")))
            text = _ITALIC_EDGE_RE.sub("", text)
            # ("|" alone: a crawled table's cell mark around the body, no text of its own)
            if not text.strip(" |*") or _PAGE_LINE_RE.match(text):
                # A line of marks only ("**" closing a bold letterhead line) still closes them;
                # "* *", an empty italic run, opens and closes one: no text, no bullet.
                bold_open = bold_open != (raw.count("**") % 2 == 1)
                italic_open = italic_open != (_lone_stars(raw) % 2 == 1)
                if raw.strip() == "|":
                    # Emphasis never spans a crawled cell: a "**" left open in the cell above
                    # ("ngày 25 tháng 1**1** năm 2025** *") must not glue the body to it.
                    bold_open = italic_open = False
                continue
            previous = str(units[-1][1]) if units else ""
            # In a crawled page a line of the same paragraph that starts with "- " after an
            # unfinished line is a wrap, not a bullet ("… tổ chức chính trị" / "- xã hội …").
            wrapped = (
                same_run
                and previous[-1:].islower()
                and len(previous) >= 60
                and bool(_BULLET_RE.match(text))
                and not _HEADING_RE.match(text)
            )
            # A heading's number alone on its line ("**4." / "UBND các xã:**") opens a heading
            # whatever the line above left unfinished.
            opens = not wrapped and bool(
                _HEADING_RE.match(text) or _BULLET_RE.match(text) or _NUMBER_ALONE_RE.match(text)
            )
            opens = opens or bool(_SIGNATURE_RE.match(text))  # "Nơi nhận:" ends the body
            opens = opens or bool(_ADDRESS_LINE_RE.match(text))  # "Kính gửi: Bộ X" starts it
            unfinished = same_run and previous[-1:] not in ".;:!?"
            unfinished = unfinished and not duty_heading_ends(previous, text)  # (dutyends.py)
            # A bold heading closed at the end of its paragraph ("**13. Báo và … địa bàn**")
            # ends there: the next paragraph does not continue it.
            # (A bold marker "**(4)**" closing a line is no heading: its point follows; nor is a
            # bold number alone, "**2.**" over "Yêu cầu các cấp uỷ …", in a Party conclusion.)
            ended = bold_closed and not same_run and not _OPEN_MARK_RE.search(previous)
            ended = ended and not _NUMBER_ALONE_RE.match(previous)
            continues = unfinished or (not ended and _continues(previous, text))
            continues = continues or (same_run and _next_sentence(previous, text))
            # "- Dự án 7 (Tiểu dự án 2):" / "Nâng cao hiệu quả …" in one crawled paragraph: a
            # bullet's label and its text, one bullet.
            continues = continues or (
                same_run and previous.endswith(":") and bool(_BULLET_RE.match(previous))
            )
            if goes_on and not opens and _next_sentence(previous, text):
                continues = continues or _point_goes_on(str(units[-1][1]), paragraphs[index:])
            continues = continues or (ended and _heading_goes_on(previous, raw, text))
            if units and (bold_open or italic_open or (not opens and continues)):
                units[-1][1] = f"{units[-1][1]} {text}"
            else:
                units.append([paragraph.line, text, opens])
            bold_open = bold_open != (raw.count("**") % 2 == 1)
            bold_closed = not bold_open and raw.rstrip().endswith("**")
            italic_open = italic_open != (_lone_stars(raw) % 2 == 1)
    return [(int(str(line)), str(text)) for line, text, _opens in units]


def _lone_stars(raw: str) -> int:
    """The italic marks of a line: its "*" that are not bold "**" nor a bullet "* "."""
    # "***trước ngày 20/9**”": bold and italic closing together; count the stars left once
    # the bold pairs are taken out.
    if not raw.strip(" *"):
        # "* *": an empty italic run, opened and closed on its line (no bullet: no text).
        return raw.replace("**", "").count("*") % 2
    return re.sub(r"^\s*\*\s", "", raw).replace("**", "").count("*")


# A letter's address line ("Kính gửi: Bộ X"): no wrapped line of the subject line above it.
_ADDRESS_LINE_RE = re.compile(r"^[*_|\s]*(?:Kính gửi|Đồng kính gửi)\s*:", re.I)
_NUMBER_ALONE_RE = re.compile(
    r"^\s*(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6})\s*[.)]?\s*$"
    r"|^\s*[-+•]\s*$"  # a bullet's mark alone: "-" / "Hoàn thành công tác tuyển sinh …"
)
# "TTHC chưa được chuẩn hóa …": a line that starts with an acronym and goes on in lower case.
_ACRONYM_START_RE = re.compile(r"^[A-ZĐ]{2,6}\s+[a-zà-ỹđ]")
# "Ủy ban nhân dân" at the end of a line, its place at the start of the next.
_COMMITTEE_END_RE = re.compile(r"(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)$")
_PLACE_START_RE = re.compile(
    r"^(?:[Tt]hành phố|[Tt]ỉnh|[Cc]ác|[Xx]ã|[Pp]hường|[Hh]uyện|[Qq]uận|[Đđ]ặc khu)\b"
)
# A line opening on a bracketed aside in lower case ("(kể cả …) và …", "(trong đó …)"): the
# sentence above goes on; a point's marker "(1)", "(i)", "(a)" opens a point of its own.
_ASIDE_START_RE = re.compile(r"^\((?![a-zđ]{1,3}\))(?=[^\W\d_])")
# A line ending on a point's marker, or on the role words that need their object.
_OPEN_MARK_RE = re.compile(r"(?:\((?:\d{1,2}|[ivx]{1,4})\)|\bphối hợp(?: với)?)$")


def _next_sentence(previous: str, text: str) -> bool:
    """Whether ``text``, a printed line of the same crawled paragraph after a line that ended
    a sentence, is the paragraph's next sentence ("… số hóa tài liệu." / "Nghiên cứu, xây
    dựng quy chuẩn …"): it opens with a task's verb, so it names no body of its own, and
    the paragraph is one row (corpus README, "Conventions"). A sentence opening with a body
    ("Sở Y tế …") or a heading ("2. …", "- …") starts a unit of its own."""
    return (
        previous[-1:] == "."
        and text[:1].isupper()
        and re.match(rf"(?:{_VERBS})\b", text[:1].lower() + text[1:]) is not None
    )


# A point's paragraph runs over this many printed lines at most (the search for its sibling
# stops there).
_POINT_LINES = 40


def _point_goes_on(unit: str, following: list[Paragraph]) -> bool:
    """Whether a sentence opening with a task's verb after a numbered point "(4) …" or
    "4. …" that ended a sentence is that point's next sentence, in a page crawled without
    blank lines (no paragraph break tells): it is when the next line that opens anything
    opens the point's sibling ("(4) Rà soát … trước ngày 30/11/2025." / "Tổ chức điều phối
    …" / "(6) Chủ động …": the point goes on, its number's successor lost). A sentence after
    the list, before a heading of another kind, is the text's own ("(2) Cắt giảm … ĐKKD." /
    "Theo đó, …" / … / "1. Bộ trưởng …")."""
    kind = _PAREN_RE if _PAREN_RE.match(unit) else _HEADING_RE
    if not kind.match(unit):
        return False
    for paragraph in following[1:_POINT_LINES]:
        text = C.clean_cell(paragraph.text).strip(" *")
        if _HEADING_RE.match(text) or _BULLET_RE.match(text) or _PAREN_RE.match(text):
            return kind.match(text) is not None  # ("(6)" is no "6.": a list of its own)
        if _SIGNATURE_RE.match(text):
            return False
    return False


def _heading_goes_on(previous: str, raw: str, text: str) -> bool:
    """Whether a bold paragraph is the rest of the agency heading in the bold paragraph above
    ("**3. Đề nghị Ủy ban Mặt trận …, Hội Liên hiệp**" / "**Phụ nữ Thành phố và …**"): a
    heading cut where no name ends, continued by names, not by a task's verb."""
    heading = _HEADING_RE.match(previous)
    if heading is None or not raw.lstrip().startswith("**") or not text[:1].isalpha():
        return False
    name = re.sub(r"^Đề nghị\s+", "", heading.group("rest"))
    return (
        previous[-1:] not in ".;:!?)"
        and re.match(_AGENCY, name) is not None
        and _HEADING_RE.match(text) is None
        and re.match(rf"(?:{_VERBS})\b", text[:1].lower() + text[1:]) is None
    )


def _continues(previous: str, text: str) -> bool:
    """Whether ``text`` is the next printed line of the sentence ``previous``."""
    heading = _HEADING_RE.match(previous)
    if name_goes_on(previous, text):
        return True  # "4.6. Văn phòng" / "Trung ương Đảng phối hợp …": one name (leads.py)
    if (
        heading
        and text[:1].isupper()
        and re.match(rf"(?:{_VERBS})\b", text[:1].lower() + text[1:])
        and _AGENCY_ONLY_RE.match(heading.group("rest").strip())
    ):
        return False  # "1. Bộ trưởng các Bộ, …" / "Tập trung chỉ đạo …": heading, then task
    if (
        (_BULLET_RE.match(previous) or (heading and len(heading.group("label")) == 1))
        and previous[-1:].islower()
        and len(previous) >= 40
        and _ACRONYM_START_RE.match(text)
    ):
        return True  # "a) Khẩn trương rà soát, chuẩn hóa kết quả giải quyết" / "TTHC chưa …"
    if text[:1].islower() or previous.endswith(","):
        return True
    if _ASIDE_START_RE.match(text) and text[1:2].islower() and previous[-1:].isalnum():
        return True  # "… chỉ đạo công an các địa phương" / "(kể cả các địa phương …) và …"
    if _NUMBER_ALONE_RE.match(previous) and not _HEADING_RE.match(text):
        return True  # "2." / "Tăng cường bồi dưỡng …": the number's text on the next line
    if (
        heading
        and heading.group("rest").startswith("Về ")
        and previous[-1:].isalnum()
        and (": " in text or (previous.rsplit(" ", 1)[-1][:1].isupper() and text[:1].isupper()))
        and not _BULLET_RE.match(text)
    ):
        # "6. Về … của tỉnh Điện" / "Biên vào …: Giao …": a topic ends at its colon, and a
        # name cut at the line's end goes on ("Sơn La - Điện" / "Biên - Cửa khẩu …").
        return True
    if previous.endswith(":") and text.endswith(":") and proper_names(text):
        return True  # "… trọng tâm là các tỉnh:" / "Đắk Lắk, Khánh Hòa và Lâm Đồng:": which ones
    if previous.endswith(" như:"):
        return True  # "… giải pháp IoT … như:" / "Giám sát môi trường, …": examples, not tasks
    paren = _PAREN_RE.match(previous)
    named = paren.group("rest") if paren else previous  # "(i) Tập đoàn … Việt" / "Nam báo cáo"
    if (
        not heading
        and re.match(_AGENCY, named)
        and previous.rsplit(" ", 1)[-1][:1].isupper()
        and text[:1].isupper()
        and not re.search(rf"\s(?:{_VERBS})\b", previous)
    ):
        return True  # "Ủy ban nhân dân các tỉnh: Đắk Lắk, Khánh Hòa, Gia" / "Lai và Lâm Đồng …"
    if previous.endswith(";") and heading and re.match(_AGENCY, text):
        return True  # "3. Các bộ, …, cơ quan thuộc Chính phủ;" / "Ủy ban nhân dân các tỉnh …"
    if previous[-1:].islower() and text[:1].isdigit() and not _HEADING_RE.match(text):
        return True  # "… phấn đấu cắt giảm" / "1.250 thủ tục …": a figure, not a heading
    point = bool(_BULLET_RE.match(previous) or _PAREN_RE.match(previous))
    if point and re.search(rf"\s(?:{_VERBS})$", previous) and text[:1].isupper():
        return True  # "(3) Bộ Công an … phối hợp, hướng dẫn" / "Bộ Y tế, Ban Quản lý …"
    if (
        (point or heading)
        and len(previous) >= 40
        and previous.rsplit(" ", 1)[-1][:1].isupper()
        and re.match(r"^[A-ZĐ][^\s,]*,", text)
    ):
        # "- Chỉ đạo Ban Quản lý dự án, Bệnh viện Hữu nghị Việt" / "Đức, …"; "4. Đài Truyền
        # hình Việt Nam, Đài Tiếng nói Việt" / "Nam, Thông tấn xã …": a name wrapped
        return True
    if _COMMITTEE_END_RE.search(previous) and _PLACE_START_RE.match(text):
        return True  # "- Tham mưu Ủy ban nhân dân" / "Thành phố đánh giá …": one name
    if _OPEN_MARK_RE.search(previous):
        return True  # "… tập trung: (i)" / "Sửa đổi, bổ sung …": the point's text follows
    if previous.rsplit(" ", 1)[-1].lower() in OPEN_ENDINGS and not _HEADING_RE.match(text):
        return True  # "… phối hợp với Sở Giáo dục và" / "Đào tạo …"
    if previous[-1:] in ".:;!?…" or not previous[-1:].isalnum():
        return False
    # A wrapped line is long; a short one without a full stop is a heading or a title.
    return len(previous) >= 60 and (previous[-1:].islower() or previous[-1:].isdigit())
