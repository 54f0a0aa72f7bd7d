"""Suspect fields holding another field's text (issue 15, point 4; held-out rounds 7-16).

More shape tests for ``suspects.py`` (code ``suspect-field``, same warning), for rows whose
cells were read one column off or whose text was cut between two fields. Each looks at one
row; each holds whatever the document, because the field's shape is no shape of that field:

- ``title-number``: a title that is only a number ("4", "2.") holds a sub-point's number; its
  text went to another field or row.
- ``title-subpoint``: a title holding the start of the row's own sub-point (row "2", title
  "… quan hệ lao động 2.1" or "… 3.1. Rà soát …"): the sub-points were glued into it.
- ``title-number-words`` / ``lead-number-words``: a number of more than three words (a
  document's name, a sentence) is another column's text: the title, and an empty lead, are
  probably shifted too.
- ``lead-role``: a lead holding the role words of an assignment after its body ("Sở Y tế chủ
  trì, phối hợp với Sở Tài chính …"): the partners (and perhaps the task) are in it.
- ``partners-in-lead``: no partners while the lead holds "… phối hợp với …".
- ``lead-in-title``: no lead while the title opens with a body and then its verb ("Chủ đầu tư
  hoàn thành nghiệm thu …"): the lead is the title's subject.
- ``timeframe-no-time``: a timeframe of more than five words naming no time (no digit, no
  word of a date, a period, "thường xuyên", "sau khi", "theo tiến độ" …): the products' column
  or a list read one column off ("- Hồ sơ trình gồm có: (1) Tờ trình …; (2) …").
- ``partners-in-title``: no partners while the title opens with the role words after a frame
  ("Theo chức năng, nhiệm vụ và thẩm quyền chủ trì, phối hợp với các Bộ … nghiên cứu …"; not
  "Xây dựng tài liệu, phối hợp với …" nor "Chỉ đạo Sở Y tế chủ trì, phối hợp …": after a task's
  verb or a body, they are part of the task or another body's role).

Each rule is a test on one field's text: ``suspects.RULES`` lists them after its own (the first
rule that holds names the warning), so a field the older rules flag keeps their reason.
Measured on the corpus: docs/readers.md, "The suspect-field check"; bench/README.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.translation import gettext as _

from cchc.core.text import fold
from cchc.plans.parsing.result import Item
from cchc.plans.parsing.vocabulary import _AGENCY, _VERBS

# A title of digits and marks only: "4", "2.", "(3)".
_NUMBER_ONLY_RE = re.compile(r"^[\W_]*\d[\d\W_]*$")
# A sub-point's number inside a title, after a word: "… lao động 2.1", "… đình công 3.1. Rà".
_SUBPOINT_RE = re.compile(r"\s(\d{1,3})\.\d{1,3}\.?(?=\s|$)")
# The most words a row's number has ("Mục II.3", "Phần 2 - a").
_NUMBER_WORDS = 3
# The role words after a body in a lead: "Sở X chủ trì, phối hợp với Y", "Sở X phối hợp với Y"
# (not "Cơ quan phối hợp", "Các Sở, ngành chủ trì, quản lý …": a kind of body, no partners).
_LEAD_ROLE_RE = re.compile(r"[^\s,;]\s+(?:chủ trì,?\s+phối hợp|phối hợp với)\s")
_LEAD_PARTNERS_RE = re.compile(r"\sphối hợp\s")
# A body opening a title (the lead's kinds, and the builders named by their role), then, after
# its head, a task's verb in lower case within the first words: the sentence's subject.
_TITLE_BODY_RE = re.compile(
    rf"^(?!Ban hành\b|Báo cáo\b|Bộ (?!trưởng)[a-zđà-ỹ])(?:{_AGENCY}|Chủ đầu tư|Nhà đầu tư|Nhà thầu)"
)
_BODY_IN_RE = re.compile(rf"(?:^|\s)(?:{_AGENCY})(?![\wÀ-ỹ])")
_VERB_RE = re.compile(rf"(?<![\wÀ-ỹ])(?:{_VERBS})(?![\wÀ-ỹ])")
_SUBJECT_WORDS = 10
# Partners named in a title after a comma or "chủ trì,": "…, phối hợp (chặt chẽ) (với) <body>".
_TITLE_PARTNERS_RE = re.compile(
    r"(?:,|\bchủ trì,?)\s*phối hợp(?: chặt chẽ)?(?: với)?\s+(?:các\s+)?"
    r"(?=[A-ZĐÀ-Ỹ]|(?:bộ|sở|cơ quan|đơn vị|địa phương|ngành)\b)"
)


def _title_number(item: Item) -> bool:
    return bool(_NUMBER_ONLY_RE.match(item.title or ""))


def _title_subpoint(item: Item) -> bool:
    number = (item.number or "").strip().strip(".")
    found = _SUBPOINT_RE.search(item.title or "")
    return bool(number) and found is not None and found.group(1) == number


def _number_words(item: Item) -> bool:
    return len((item.number or "").split()) > _NUMBER_WORDS


def _lead_number_words(item: Item) -> bool:
    return not (item.lead or "").strip() and _number_words(item)


def _lead_role(item: Item) -> bool:
    return bool(_LEAD_ROLE_RE.search(item.lead or ""))


def _partners_in_lead(item: Item) -> bool:
    return not (item.partners or "").strip() and bool(_LEAD_PARTNERS_RE.search(item.lead or ""))


def _lead_in_title(item: Item) -> bool:
    if (item.lead or "").strip():
        return False
    title = (item.title or "").lstrip(" -+•*_")
    body = _TITLE_BODY_RE.match(title)
    if body is None:
        return False
    head = " ".join(title[body.end() :].split()[:_SUBJECT_WORDS])
    return _VERB_RE.search(head) is not None


def _partners_in_title(item: Item) -> bool:
    title = item.title or ""
    role = _TITLE_PARTNERS_RE.search(title)
    if role is None or (item.partners or "").strip():
        return False
    # the role words open the task: no task's verb and no body before them (a frame only,
    # "Theo chức năng, nhiệm vụ và thẩm quyền"); else they are another body's or the task's
    before = title[: role.start()]
    return _VERB_RE.search(before) is None and _BODY_IN_RE.search(before) is None


# A word of time, read folded (the OCR loses diacritics): a date, a period, "thường xuyên",
# "sau khi …", "theo tiến độ …", "kịp thời". A timeframe of more words with none of them and no
# digit (list marks "(1)", a bullet's dash aside) names no time: "- Hồ sơ trình gồm có: (1) Tờ
# trình …; (2) Dự thảo …" is the products' column read one off.
_TIME_RE = re.compile(
    r"\d|\b(?:ngay|thang|quy|nam|tuan|gio|hang|thuong xuyen|dinh ky|sau|truoc|trong|tu|den|"
    r"khi|theo|kip thoi|lien tuc|hoan thanh|dai han|giai doan|lo trinh|tien do|dot|ky|cuoi|dau|"
    r"giua|som|xong|ket thuc|bat dau)\b"
)
_LIST_MARK_RE = re.compile(r"\(\d{1,2}\)|^\s*[-+•]\s*")
_TIMEFRAME_WORDS = 5


def _timeframe_no_time(item: Item) -> bool:
    text = fold(_LIST_MARK_RE.sub(" ", item.timeframe or ""))
    return len(text.split()) > _TIMEFRAME_WORDS and _TIME_RE.search(text) is None


# (name, field, test, message): ``suspects.Rule``'s fields, in order.
MISPLACED_RULES: tuple[tuple[str, str, Callable[[Item], bool], Callable[[], str]], ...] = (
    (
        "title-number",
        "title",
        _title_number,
        lambda: _("it is only a number: the text of that point may be in another field or row"),
    ),
    (
        "title-subpoint",
        "title",
        _title_subpoint,
        lambda: _(
            "it holds the number of its own sub-point (“… 2.1”): the sub-points may be glued "
            "into it"
        ),
    ),
    (
        "title-number-words",
        "title",
        _number_words,
        lambda: _("the row's number holds words: the columns may be shifted"),
    ),
    (
        "lead-number-words",
        "lead",
        _lead_number_words,
        lambda: _("it is empty and the row's number holds words: the columns may be shifted"),
    ),
    (
        "lead-role",
        "lead",
        _lead_role,
        lambda: _(
            "it holds the role words of an assignment (“chủ trì, phối hợp với …”): the partners "
            "may be in it"
        ),
    ),
    (
        "partners-in-lead",
        "partners",
        _partners_in_lead,
        lambda: _("it is empty while the lead holds “phối hợp …”: the partners may be in the lead"),
    ),
    (
        "lead-in-title",
        "lead",
        _lead_in_title,
        lambda: _(
            "it is empty while the title opens with a body and its verb: the lead may be in it"
        ),
    ),
    (
        "partners-in-title",
        "partners",
        _partners_in_title,
        lambda: _(
            "it is empty while the title names partners (“…, phối hợp với …”): they may be in "
            "the title"
        ),
    ),
    (
        "timeframe-no-time",
        "timeframe",
        _timeframe_no_time,
        lambda: _(
            "it names no date, period or time word: another column's text (products, a list) "
            "may be in it"
        ),
    ),
)


def context(field: str, item: Item) -> tuple[str | None, ...]:
    """The other fields the rules above read for ``field``: part of the key under which
    ``suspects.suspect_fields`` keeps a field text's verdict (an empty lead is tested again on
    each row, with its title and number)."""
    if field == "title":
        return (item.number,)
    if field == "lead" and not (item.lead or "").strip():
        return (item.number, item.title)
    if field == "partners" and not (item.partners or "").strip():
        return (item.lead, item.title)
    return ()
