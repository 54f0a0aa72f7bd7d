"""A ministry's decision with its programme annexed (issue 15, held-out round 11)::

    Điều 1. Ban hành kèm theo Quyết định này Chương trình hành động …
    Điều 3. Chánh Văn phòng Bộ, … chịu trách nhiệm thi hành Quyết định này.
    Nơi nhận: …
    CHƯƠNG TRÌNH HÀNH ĐỘNG …
    (Kèm theo Quyết định số … ngày … của Bộ Tài chính)
    III. TỔ CHỨC THỰC HIỆN
    1. Tổng cục Thuế phối hợp với … tuyên truyền …

The decision's articles assign no work and its signature block ends it; the work is in the
annex after its note "(Kèm theo Quyết định …)". The annex, not the decision, is read.
Its points name the body as their subject, with verbs the vocabulary may lack ("Thủ trưởng
các đơn vị thuộc Bộ Tài chính bám sát …": the lead ends at the ministry's whole name), and a
funding point ("Kinh phí … được ngân sách nhà nước bảo đảm …") assigns no work. A point
opening with the occasion ("Trong quá trình tổ chức thực hiện, trường hợp cần thiết …, các
đơn vị thuộc Bộ chủ động kiến nghị …") names its subject after a comma.
"""

from __future__ import annotations

import re

from cchc.core.text import fold
from cchc.plans.parsing.agencies import known_body
from cchc.plans.parsing.referencedsubject import referenced_subject
from cchc.plans.parsing.vocabulary import _AGENCY, _SIGNATURE_RE, _VERBS
from cchc.plans.readers.base import Paragraph

# "Điều 1. Ban hành kèm theo Quyết định này (OCR: "nay") Kế hoạch …", "Điều 1. Phê duyệt …
# (kèm theo Quyết định này)": a decision's article issuing the annexed document.
_ISSUING_ARTICLE_RE = re.compile(
    r"^[*_\s]*Điều\s+\d+\s*[.:]\s*(?=.*\bkèm\s+theo\s+(?:Quyết\s+định|Nghị\s+quyết)\s+n[àa]y\b)",
    re.I | re.S,
)
# The annex's note under its title: "(Kèm theo Quyết định số … của …)" (OCR slips in "định":
# "dịnh", "đinh"), "(Ban hành kèm theo Nghị quyết …)".
_ANNEX_NOTE_RE = re.compile(
    r"^[*_\s]*\(?[*_\s]*(?:Ban hành\s+)?kèm\s+theo\s+(?:Quy[eếé]t\s+[dđ][iịí]nh|QĐ|Nghị\s+quyết)\b",
    re.I,
)


def annexed_part(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs after the annex's note when ``paragraphs`` are a decision issuing the
    annexed document, signed before the annex; ``paragraphs`` unchanged for any other text
    (a plan with its own signature, an annex without the decision before it)."""
    issuing = signed = False
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.text
        if _ISSUING_ARTICLE_RE.match(text):
            issuing = True
        elif issuing and _SIGNATURE_RE.match(text):
            signed = True
        elif signed and _ANNEX_NOTE_RE.match(text):
            return paragraphs[index + 1 :]
    return paragraphs


# Words after a body's name that qualify it, not a clause of its own: "Thứ trưởng Bộ Y tế phụ
# trách lĩnh vực", "Các Sở Xây dựng nêu trên", "… có liên quan".
_NAME_QUALIFIER_RE = re.compile(
    r"^(?:nêu trên|trên|phụ trách|có liên quan|liên quan|được giao|tương ứng|cùng cấp|khu vực)\b"
)


def ends_at_named_body(lead: str, rest: str) -> tuple[str, str]:
    """("Thủ trưởng các đơn vị thuộc Bộ Tài chính", "bám sát … <rest>") from a lead that runs
    past a ministry's or department's whole name ("Bộ Tài chính", "Sở Y tế tỉnh X") into words
    in lower case that go on with no name (a verb the vocabulary lacks), not a qualifier of
    the name ("Thứ trưởng Bộ Y tế phụ trách lĩnh vực", "Các Sở Xây dựng nêu trên");
    unchanged otherwise."""
    for found in re.finditer(r"(?<=\s)(?:Bộ|Sở)\s", lead):
        named = known_body(lead[found.start() :])
        end = found.start() + len(named)
        if named and end < len(lead) and not _NAME_QUALIFIER_RE.match(lead[end:].strip()):
            return lead[:end], f"{lead[end:].strip()} {rest}".strip()
    return lead, rest


def subject_end(lead: str, rest: str) -> tuple[str, str]:
    """Where a row's subject ends: at a body's whole name (``ends_at_named_body``), or past a
    reference to the document's own clause that names it (referencedsubject.py)."""
    return referenced_subject(*ends_at_named_body(lead, rest))


# "Kinh phí thực hiện … được bố trí từ …", "Nguồn kinh phí … do ngân sách … bảo đảm": the
# funding as the sentence's subject ("Về kinh phí: Các địa phương …" names who acts).
_FUNDING_RE = re.compile(
    r"^[*_\s]*(?:Nguồn\s+)?kinh\s+phí\b(?![^.;:]{0,80}:)(?=[^;]*?\s(?:được|do|từ|bằng)\s)",
    re.I,
)


# "Kinh phí thực hiện: Kinh phí … được thực hiện theo …": a label naming the funding, then a
# sentence whose subject is the funding again (not "Về kinh phí: Các địa phương …").
_FUNDING_LABEL_RE = re.compile(
    r"^[*_\s]*(?:Về\s+)?(?:Nguồn\s+)?kinh\s+phí(?:\s+thực\s+hiện)?[*_\s]*:\s*"
    r"(?=(?:Nguồn\s+)?kinh\s+phí\b)",
    re.I,
)


def funding_only(text: str) -> bool:
    """Whether ``text`` is a funding point that assigns no work: the funding its subject,
    paid or guaranteed by a budget ("… được ngân sách nhà nước bảo đảm"), no body given the
    task ("… do Sở Tài chính tham mưu bố trí" is the department's)."""
    text = _FUNDING_LABEL_RE.sub("", text, count=1)
    if _FUNDING_RE.match(text) is None:
        return False
    return re.search(rf"\b(?:do|giao)\s+(?:{_AGENCY})", text) is None


# "Trong quá trình thực hiện, …", "Trường hợp cần thiết, …", "Khi có vướng mắc, …": the
# occasion a point opens with, before its subject.
_OCCASION_RE = re.compile(r"^(?:Trong quá trình|Trong trường hợp|Trường hợp|Quá trình|Khi)\s")
# A body named by its kind, read folded (the OCR loses diacritics: "các dơn vị").
_KIND_SUBJECT_RE = re.compile(
    r"^(?:cac|nhung|moi) (?:don vi|co quan|bo|so|nganh|dia phuong|to chuc|phong|cuc|chi cuc)\b"
)


def framed_subject(lead: str, rest: str) -> tuple[str, str]:
    """("các đơn vị thuộc Bộ", "chủ động kiến nghị …") from a row given to ``lead`` (the body
    a heading or an announcing paragraph named) whose text opens with an occasion and names
    its own subject, bodies by their kind, after a comma; unchanged otherwise."""
    if _OCCASION_RE.match(rest) is None:
        return lead, rest
    for comma in re.finditer(r",\s+", rest[:400]):
        tail = rest[comma.end() :]
        if _KIND_SUBJECT_RE.match(fold(" ".join(tail.split()[:4]))) is None:
            continue
        verb = re.search(rf"\s(?:{_VERBS})\b", tail[:160])
        if verb is None:
            return lead, rest
        return tail[: verb.start()].strip(" ,"), tail[verb.start() :].strip()
    return lead, rest
