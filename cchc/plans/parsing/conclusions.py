"""What the points of a conclusion or a letter are, for the sentence reader (``assignments.py``;
rules found on the held-out round 9): which points assess, which only refer to another text,
whom a request names, and which points and paragraphs are rows the reader cannot give a lead.

A conclusion opens by assessing what it was shown; that point is no task::

    1. Bộ Chính trị, Ban Bí thư cơ bản nhất trí với Tờ trình của …
    1. Cơ bản thống nhất với Báo cáo của …

Nor is a point opening with praise of past work, with no subject ("1. Hoan nghênh các bộ, cơ
quan đã chuẩn bị tài liệu …", "Ghi nhận và đánh giá cao những kết quả … đạt được"); "Biểu
dương, khen thưởng kịp thời …" opening a bullet is a task.

A point saying only where the procedure is written ("Thực hiện theo Mục III Kế hoạch số …",
"- Về đối tượng …: thực hiện tương tự như điểm 2.2 khoản 2 Mục I Hướng dẫn …") assigns nothing.

A request names the bodies it asks by their kind, in lower case, up to its verb::

    2. Yêu cầu các cấp uỷ, tổ chức đảng, các cơ quan, đơn vị, địa phương nghiêm túc triển khai …
    Đề nghị thường trực các tỉnh uỷ, thành uỷ tiếp tục quan tâm lãnh đạo, chỉ đạo …

Under a conclusion's opening ("… kết luận như sau:"), a point with no subject that opens with a
task's verb ("2. Rà soát, đánh giá kỹ lưỡng …") is a task whose doer the text leaves implied; so
is, among the tasks, a paragraph the reader finds no subject in that sets a completion deadline
("… Thời gian hoàn thành trước ngày 30/12/2025."). Both are rows with the lead left empty and a
warning, never dropped.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from cchc.plans.parsing.clauses import deadline_of, subjectless_task
from cchc.plans.parsing.issuerasks import issuer_request
from cchc.plans.parsing.recalled import recalled_instruction
from cchc.plans.parsing.result import Item, ParsedPlan
from cchc.plans.parsing.vocabulary import _VERBS

# "Bộ Chính trị, Ban Bí thư cơ bản nhất trí với Tờ trình …", "Cơ bản thống nhất với Báo cáo …":
# the issuer agreeing with what it was shown; "… ghi nhận và biểu dương …": praising.
_ASSESSMENT_RE = re.compile(
    r"^(?P<who>[^.;:]{0,120}?\s)?(?P<how>(?:[Cc]ơ bản|[Hh]oàn toàn)\s+)?"
    r"(?:(?:[Nn]hất trí|[Tt]hống nhất|[Đđ]ồng ý|[Tt]án thành)\s+(?:với|về)\s+(?:[^.;:]{0,40}\s)?"
    r"(?:[Bb]áo cáo|[Tt]ờ trình|[Đđ]ề án|[Đđ]ề xuất|[Nn]ội dung|[Kk]ế hoạch|[Dd]ự thảo|"
    r"[Pp]hương án|[Kk]iến nghị|ý kiến|[Cc]hủ trương)\b"
    r"|(?:[Gg]hi nhận|[Bb]iểu dương|[Hh]oan nghênh|[Đđ]ánh giá cao)\b)"
)
# "Thực hiện theo Mục III Kế hoạch số …", "thực hiện tương tự như nội dung điểm 2.2 khoản 2 Mục I
# Hướng dẫn số …": the procedure is the other text's, named by its part.
_REFERENCE_RE = re.compile(
    # (after a topic "Về …:" or "Đối với …:"; "Sở X: Thực hiện theo Mục II …" gives Sở X a task)
    r"^(?:-\s*)?(?:(?:Về|Đối với)\s[^:.;]{3,200}:\s*)?"
    r"[Tt]hực hiện\s+(?:tương tự\s+)?(?:như\s+)?(?:theo\s+)?"
    r"(?:(?:nội dung|quy định|hướng dẫn)\s+)?(?:tại\s+)?"
    r"(?:[Mm]ục|[Đđ]iểm|[Kk]hoản|[Đđ]iều|[Pp]hần|[Cc]hương|[Pp]hụ lục)\s+[0-9IVXLCa-zđ]"
    r"[^;]*$",
    re.S,
)


# "Hoan nghênh các bộ, cơ quan đã chuẩn bị …", "Ghi nhận và đánh giá cao những kết quả …": the
# point opening with praise, its object past work (bodies that did something, results, efforts),
# no verb after a comma ("Biểu dương, khen thưởng kịp thời …" is a task).
_PRAISE = r"(?:[Gg]hi nhận|[Bb]iểu dương|[Hh]oan nghênh|[Đđ]ánh giá cao)"
_PRAISE_OPENS_RE = re.compile(
    rf"^{_PRAISE}(?:(?:\s+và|,)\s*{_PRAISE})?\s+(?:"
    # results or efforts: "những kết quả đã đạt được", "sự chủ động của …", "tinh thần …"
    r"(?:(?:các|những)\s+)?(?:kết quả|nỗ lực|cố gắng|sự\s|tinh thần|thành tích|tiến bộ)"
    r"[^.;:]{0,100}?\s(?:đã|đạt được|vừa qua|thời gian qua|của)\s"
    # bodies that did something: "các bộ, cơ quan đã chuẩn bị …", "Sở Y tế vừa qua …"
    r"|(?:(?:các|những)\s+)?(?:[Bb]ộ|[Cc]ơ quan|[Nn]gành|[Đđ]ơn vị|[Đđ]ịa phương|[Ss]ở|[Bb]an|"
    r"[Tt]ỉnh|[Hh]uyện|[Xx]ã|[Ủủ]y ban|[Uu]ỷ ban|UBND|[Vv]ăn phòng|[Cc]ấp uỷ|[Cc]ấp ủy)\b"
    r"[^.;:]{0,100}?\s(?:đã|vừa qua|thời gian qua)\s)"
)


def assessment(text: str) -> bool:
    """Whether ``text`` opens with the issuer assessing ("… cơ bản nhất trí với Tờ trình …",
    "… ghi nhận và biểu dương …", "Hoan nghênh các bộ, cơ quan đã chuẩn bị …"), not giving a
    task: whoever speaks names no task's verb, nor asks or gives ("Giao Bộ X phối hợp, thống
    nhất với Bộ Y về phương án …" is a task)."""
    text = text.strip(" *_")
    found = _ASSESSMENT_RE.match(text)
    if found is None:
        return False
    who = (found.group("who") or "").lower()
    if not who and not found.group("how"):
        # "- Biểu dương, khen thưởng kịp thời …": a task, the verb its first word; praise of
        # past work as the opening ("Hoan nghênh các bộ, cơ quan đã chuẩn bị …") is none.
        return _PRAISE_OPENS_RE.match(text) is not None
    return not re.search(rf"(?:^|\s)(?:{_VERBS}|giao|yêu cầu|đề nghị)\b", who)


def reference(text: str) -> bool:
    """Whether ``text`` only says which part of another text the procedure follows (one
    sentence, "… thực hiện theo Mục III Kế hoạch số 13-KH/TU."): no task of its own."""
    text = text.strip(" *_")
    one_sentence = not re.search(r"\.\s+[A-ZĐÀ-Ỹ]", text)
    return one_sentence and _REFERENCE_RE.match(text) is not None


def no_task(text: str) -> bool:
    """Whether a point is no row of work whatever its subject: an assessment, a reference, a
    letter's closing request, or what an earlier text directed."""
    return (
        assessment(text)
        or reference(text)
        or closing_request(text)
        or past_direction(text)
        or recalled_instruction(text)  # "Ngày D, X có văn bản số N … yêu cầu …" (recalled.py)
    )


# "Tại Công văn nêu trên, Tổng cục X đã chỉ đạo … đồng thời yêu cầu Cục Y …": what an earlier
# text directed, told as background (its subject a body named in capitals, "đã" before the
# directing verb).
_PAST_DIRECTION_RE = re.compile(
    r"(?:^|[,.;]\s+)(?P<who>[A-ZĐÀ-Ỹ][^.;:,]{2,60}?)\sđã\s+(?:chỉ đạo|yêu cầu|đề nghị|giao)\b"
)
# Words that make the words before "đã" a clause, not a body's name: "Sở X thực hiện các nhiệm
# vụ Ủy ban nhân dân tỉnh đã giao …" is a task.
_NOT_A_NAME_RE = re.compile(rf"\b(?:{_VERBS}|nhiệm vụ|nội dung|công việc|việc|hoàn thành)\b")


def past_direction(text: str) -> bool:
    """Whether ``text`` tells what its issuer or another body directed before (background, no
    row): "…, Tổng cục X đã chỉ đạo ngành … đồng thời yêu cầu Cục Y báo cáo …"; the words
    before "đã" are the body's name alone (at most eight words, no task's words)."""
    for found in _PAST_DIRECTION_RE.finditer(text.strip(" *_")):
        who = found.group("who")
        if len(who.split()) <= 8 and _NOT_A_NAME_RE.search(who.lower()) is None:
            return True
    return False


# The issuer asking, in a letter's closing lines, only that it be carried out ("Tổng cục X yêu
# cầu Cục trưởng … nghiêm túc triển khai thực hiện./."), or for a report on carrying out what
# the letter said above ("…, Tổng cục X đề nghị Cục Y báo cáo kết quả triển khai thực hiện các
# nội dung chỉ đạo nêu trên về … trước ngày …").
_HOW = r"(?:nghiêm túc|khẩn trương|tích cực|chủ động|kịp thời|tiếp tục|quyết liệt)"
# (the issuer named before the asking word: "Đề nghị Sở X phối hợp thực hiện." opening a point
# gives Sở X a task)
_ASKING = r"(?:^|,\s+)[A-ZĐ][^.;:,]{2,80}?\s(?:yêu cầu|đề nghị)\s"
_CARRY_OUT_RE = re.compile(
    # (how it is to be done, "nghiêm túc", and nothing else: no role, "phối hợp thực hiện")
    rf"{_ASKING}[^.;:]{{3,160}}?\s(?:{_HOW}\s+)+(?:tổ chức\s+)?(?:triển khai\s+)?"
    r"thực hiện[\s./⁄&\w]{0,6}$"
)
_REPORT_BACK_RE = re.compile(
    rf"{_ASKING}[^.;:]{{3,160}}?\sbáo cáo (?:kết quả|tình hình)\s[^.;:]{{0,200}}?"
    r"\b(?:nêu trên|trên đây|tại (?:Công văn|văn bản) này)\b"
)


def closing_request(text: str) -> bool:
    """Whether ``text`` is a letter's closing request: the issuer asking that the letter be
    carried out, with no task of its own, or for a report on carrying out what it said above
    (the points are the tasks; the report is the letter's procedure, no row)."""
    text = text.strip(" *_")
    return bool(_CARRY_OUT_RE.search(text) or _REPORT_BACK_RE.search(text))


# The bodies a request names by their kind ("các cấp uỷ, tổ chức đảng, các cơ quan, đơn vị, địa
# phương", "thường trực các tỉnh uỷ, thành uỷ", "các đồng chí bí thư tỉnh uỷ, …").
_KIND_WORD_RE = re.compile(
    r"\b(?:cấp uỷ|cấp ủy|tổ chức đảng|cơ quan|đơn vị|địa phương|sở|ban|ngành|bộ|tỉnh uỷ|tỉnh ủy|"
    r"thành uỷ|thành ủy|đảng uỷ|đảng ủy|xã|phường|bí thư|bộ trưởng|thủ trưởng|chủ tịch|"
    r"huyện uỷ|huyện ủy|quận uỷ|quận ủy|đảng bộ|chi bộ|văn phòng|doanh nghiệp|đoàn thể)\b"
)
_MANNER = r"(?:nghiêm túc|khẩn trương|tích cực|chủ động|kịp thời|tiếp tục|quyết liệt)"
_ASKED_BODIES_RE = re.compile(
    # ("Đề nghị các đồng chí Bộ trưởng, … chỉ đạo quyết liệt …": the issuer's appeal to the
    # leaders themselves, no row of work; "Yêu cầu các đồng chí bí thư …" requires work)
    r"^(?:Yêu cầu|Đề nghị(?!\s+các đồng chí))\s+"
    r"(?P<lead>(?:thường trực\s+)?(?:các|những)\s+[^.;:()]{3,200}?)"
    rf"(?<!,)\s+(?P<rest>(?:{_MANNER}|{_VERBS})\b.*)$",
    re.S,
)


def asked_bodies(text: str) -> re.Match[str] | None:
    """ "Yêu cầu các cấp uỷ, tổ chức đảng, các cơ quan, đơn vị … nghiêm túc triển khai …": the
    bodies asked, named by their kind in lower case ("lead"), and what they are asked ("rest");
    None where the words before the verb are no list of bodies."""
    found = _ASKED_BODIES_RE.match(text.strip())
    if found is None:
        return issuer_request(text)  # "Chính phủ trân trọng đề nghị X …" (issuerasks.py)
    lead = re.sub(r"tổ chức (?:đảng|chính trị)", "", found.group("lead"))
    if not _KIND_WORD_RE.search(lead) or re.search(rf"\s(?:{_VERBS})\b", lead):
        return None
    return found


# "… Bộ Chính trị, Ban Bí thư kết luận như sau:", "Thường trực Ban Bí thư kết luận:": the
# opening of a conclusion, whose numbered points are its tasks.
_CONCLUDES_RE = re.compile(r"\bkết luận(?: như sau)?\s*:$")


def _concluding(preamble: list[str]) -> bool:
    return any(_CONCLUDES_RE.search(text.strip(" *_")) for text in preamble)


def unread_point(body: str, preamble: list[str]) -> bool:
    """Whether a numbered point the reader found no row in, before any row, is to be warned
    about rather than kept silently with the preamble: under a conclusion's opening its points
    are the body (an assessment point, "1. … cơ bản thống nhất với Báo cáo …", excepted)."""
    return _concluding(preamble) and not no_task(body)


def implied_task(body: str, sections: list[str], preamble: list[str]) -> str:
    """The task of a point that names no body: under a section listing tasks
    (``clauses.subjectless_task``), or under a conclusion's opening when the point opens with a
    task's verb ("2. Rà soát, đánh giá kỹ lưỡng …"); "" for any other."""
    task = subjectless_task(body, sections)
    if task or not _concluding(preamble):
        return task
    text = body.strip(" *_")
    opens = re.match(rf"(?:{_VERBS})\b", text[:1].lower() + text[1:])
    if opens is None or not text[:1].isupper() or text[-1:] != "." or no_task(text):
        return ""
    return text


# "Thời gian hoàn thành trước ngày …", "… hoàn thành dứt điểm trong tháng …": work to be finished
# by a date (not "có hiệu lực kể từ ngày ký", nor a sentence that only mentions a month).
_COMPLETION_RE = re.compile(
    r"(?:[Tt]hời (?:gian|hạn) (?:hoàn thành|thực hiện)|hoàn thành|hoàn tất)"
    r"(?:\s+dứt điểm)?\s*:?\s*(?:trước|trong|chậm nhất)\b"
)


def skipped(parsed: ParsedPlan, line: int, text: str, sections: list[str]) -> None:
    """Text among the tasks that assigns nothing the reader knows of: a row when it sets a
    completion deadline (the doer implied; lead empty, warned), else a ``prose-skipped``
    warning with its line."""
    rest, timeframe, cited = deadline_of(text)
    if timeframe and _COMPLETION_RE.search(text) and text[-1:] == "." and not no_task(text):
        title = re.sub(r"\s+", " ", rest).strip(" ,;.")
        title = re.sub(r"\s*\bThời gian(?: thực hiện| hoàn thành)?$", "", title)
        item = Item(line=line, number="", title=title, timeframe=timeframe, notes=cited or None)
        item.lead, item.section = "", list(sections)
        parsed.items.append(item)
        parsed.warn(
            line,
            _("This row names no agency: check its lead. «%(text)s»") % {"text": title[:80]},
            "prose-no-lead",
        )
        return
    shown = text if len(text) <= 160 else text[:159] + "…"
    parsed.warn(
        line,
        _("This text belongs to no row of work and was not imported: «%(text)s»") % {"text": shown},
        "prose-skipped",
    )
