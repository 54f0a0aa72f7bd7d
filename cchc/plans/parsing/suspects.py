"""Fields probably read wrong: general shape tests on every finished row (issue 15, point 4).

The coverage check (``coverage.py``) finds text that no row kept; this one finds text kept in
the wrong field. It runs once on the finished result (``assemble``), knowing nothing of how a
row was read, and tests each field's shape against what the genre prints there:

- ``lead``: a lead names bodies. One with no word of a kind of body ("Sở", "Bộ", "Ủy ban", "các
  sở, ngành", "chủ đầu tư" …), one longer than any list of bodies (``_LEAD_WORDS`` words), one
  where a task's verb comes before any body ("tổ chức hội nghị …"), or one ending on a word that
  no name ends on ("… và các", "… trực tiếp") holds task text, or lost its end.
- ``title``: a task's title starts with its verb. One that starts with the role words of an
  assignment and the bodies they name ("Phối hợp với Sở Y tế tổ chức …", "Chủ trì, phối hợp
  với …", "Cùng Bộ X …") holds the partners; one that starts with a body followed by its role,
  a deadline, a task's verb or the remit formula ("Sở Tài chính chủ trì …", "Bộ Công an trước
  ngày …") holds the lead; one ending on a word no phrase ends on ("… của", "… và") was cut;
  one in capitals on a row with no lead and no timeframe is a heading read as a row; an empty
  one (where no ``no-title`` warning already says so) lost its text.
- rows read shifted (round 11): a lead holding a modal ("… sẽ định kỳ"), only a bracketed note
  or, after ";", words naming no body; a title that is the closing formula or opens with
  another sentence's frame ("Đối với 13 Cục Thuế …").
- ``partners``: a list of bodies. One holding a deadline ("… trước ngày 30/6/2026") or a task's
  verb after a body ("Bộ Tài chính tiếp thu ý kiến …") swallowed the text after it.

Timeframes are not tested here: a timeframe holding task text is no form of the timeframe
grammar, and ``scheduling/interpret.py`` already warns ``unknown-timeframe`` for every such cell.

Fields holding another field's text (a title that is only a number, a lead holding "chủ trì,
phối hợp với …" …) are tested by ``misplaced.py``'s rules, listed after these.

One warning per field per row (the first rule that holds), code ``suspect-field``, on the row's
line, naming the row, the field and its text. The tests are regular expressions, each field
text tested once per plan (leads and partners repeat): about 0.1 s on a 10,000-row plan.
The rules and what they were measured on: docs/readers.md, "The suspect-field check".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cchc.core.text import fold
from cchc.plans.parsing import misplaced
from cchc.plans.parsing.prose import OPEN_ENDINGS
from cchc.plans.parsing.result import Item, ParsedPlan
from cchc.plans.parsing.vocabulary import _AGENCY, _VERBS

CODE = "suspect-field"

# The longest list of bodies a lead holds, in words ("Giám đốc các Sở, Thủ trưởng các ngành,
# cơ quan cấp tỉnh, Chủ tịch UBND các xã, phường …" is about 30; the corpus's longest right
# one 53).
_LEAD_WORDS = 60
# Characters of the field shown in the warning.
_SHOWN = 90

# A word of a kind of body anywhere in a field: the heads the sentence reader knows, bodies
# named by their kind ("các sở, ngành", "đơn vị liên quan"), the Government and its heads.
_BODY_RE = re.compile(
    rf"(?:^|(?<=[\s,;(]))(?:{_AGENCY})"
    r"|\b(?:[Bb]ộ|[Ss]ở|[Bb]an|[Nn]gành|[Cc]ơ quan|[Đđ]ơn vị|[Đđ]ịa phương|[Xx]ã|[Pp]hường|"
    r"[Hh]uyện|[Tt]ỉnh|[Tt]hành phố|[Qq]uận|[Đđ]ặc khu|UBND|HĐND|[Cc]hính phủ|[Tt]hủ tướng|"
    r"[Cc]ông ty|[Dd]oanh nghiệp|[Tt]ổ chức|[Đđ]oàn thể|[Hh]ội|[Cc]hủ đầu tư|[Nn]hà đầu tư|"
    r"[Tt]rường|[Tt]ập đoàn|[Nn]gân hàng|[Cc]ục|[Vv]ụ|[Vv]iện|[Tt]rung tâm|[Pp]hòng|[Đđ]ài|"
    r"[Bb]áo|[Cc]ông an|[Qq]uân sự|[Bb]iên phòng|[Mm]ặt trận|[Ll]ực lượng|[Tt]ổ|[Đđ]ội|"
    r"[Ll]ãnh đạo|[Tt]hành viên|[Cc]ấp|[Kk]hối|[Hh]ợp tác xã|[Đđ]ảng|Tỉnh ủy|Tỉnh uỷ|"
    r"Thành ủy|Thành uỷ|[Cc]ơ sở|[Bb]ệnh viện|[Cc]hi nhánh|[Vv]ăn phòng|[Nn]gười đứng đầu|"
    r"[Cc]án bộ|[Cc]ông chức|[Vv]iên chức|[Cc]ác đồng chí|[Đđ]ồng chí|[Đđ]ối tượng|[Đđ]oàn|"
    r"[Qq]uân khu|[Tt]ư lệnh|[Bb]ộ [Cc]hỉ huy)\b"
)
# A task's verb as a word of its own, in lower case (a name's words are capitalised:
# "Sở Xây dựng", "Ban Chỉ đạo"). Besides the sentence reader's verbs, a few more that open
# a task but never end a name there.
_TASK_VERB_RE = re.compile(
    rf"(?<![\wÀ-ỹ])(?:{_VERBS}|tiếp thu|tiến hành|chỉ đạo|phấn đấu|quán triệt|rà soát|"
    r"thúc đẩy|tăng cường|ưu tiên|hướng dẫn|vận động|tổng kết|sơ kết|đẩy nhanh)(?![\wÀ-ỹ])"
)
# Verbs of the reader's list that are words of a body's name or of a list of bodies in lower
# case: "Ban chỉ đạo", "viện nghiên cứu", "chủ đầu tư", "các tổ chức chính trị - xã hội",
# "cơ quan, tổ chức, cá nhân", "đơn vị được giao thực hiện", "theo chức năng".
_NAME_VERB_RE = re.compile(
    r"\b(?:[Bb]an|[Tt]ổ|[Hh]ội đồng|[Cc]ơ quan|[Đđ]ơn vị|[Cc]ơ sở|[Tt]rung tâm|[Vv]iện|"
    r"[Tt]rường|[Ll]ực lượng)\s+"
    r"(?:chỉ đạo|thanh tra|kiểm tra|chủ trì|phối hợp|thực hiện|tham mưu|đào tạo|nghiên cứu|"
    r"giám sát|quản lý|điều phối|thẩm định|xử lý|phát triển|tổ chức|chức năng)\b"
    r"|\b(?:chủ|nhà) đầu tư\b|\bđược (?:giao|phân công)(?: (?:chủ trì|thực hiện))?\b"
    r"|(?:\b(?:[Cc]ác|[Nn]hững|là)\s+|,\s*|\b[Cc]ơ quan\s+)tổ chức\b"
    r"|\btổ chức(?=\s*(?:[,;.()]|$)|\s+(?:khác|chính trị|xã hội|đoàn thể|thành viên|quốc tế|"
    r"liên quan|có liên quan|và|hoặc|tín dụng)\b)"
    r"|\b(?:theo chức năng|theo nhiệm vụ|theo thẩm quyền|theo dõi thi hành)\b|\bcông lập\b"
    # "các công ty CP thực hiện thoái vốn …": a clause that says which bodies, not a task
    r"|\b(?:các|những)\s+(?:công ty|đơn vị|cơ quan|doanh nghiệp|cơ sở|cá nhân|tổ chức)"
    rf"(?:\s+[^\s,;]+){{0,2}}?\s+(?:{_VERBS})\b"
)
# A deadline inside a field: "trước ngày 30/6", "trong tháng 12 năm 2025", "quý IV/2025".
_DEADLINE_RE = re.compile(
    r"\b(?:[Tt]rước|[Tt]rong|[Cc]hậm nhất|[Hh]oàn thành|[Xx]ong)\s+(?:ngày|tháng|quý|năm|\d)"
    r"|\b[Qq]uý\s+[IV]{1,3}\b|\b\d{1,2}/\d{1,2}/\d{4}\b|\b(?:năm|Năm)\s+20\d\d\b"
)
# The role words of an assignment opening a title before the bodies they name: "Phối hợp
# (chặt chẽ) (với) Sở Y tế …", "Chủ trì, phối hợp với …", "Cùng Bộ X …", "Chỉ đạo chủ trì …"
# ("Phối hợp rà soát …", "Phối hợp, hỗ trợ …" are tasks done jointly: the verb follows).
_ROLE_OPENING_RE = re.compile(
    # (the remit first: "Theo chức năng, nhiệm vụ và thẩm quyền chủ trì, phối hợp với …")
    r"^(?:[Tt]heo chức năng,? nhiệm vụ(?:,? (?:và )?(?:thẩm quyền|quyền hạn))?(?: được giao)?,?\s+"
    r"(?=chủ trì|phối hợp))?"
    r"(?:(?:[Cc]hỉ đạo|[Cc]ó trách nhiệm|[Tt]iếp tục|[Tt]rực tiếp)\s+(?=chủ trì|phối hợp))?"
    r"(?:(?:[Cc]hủ trì,?\s*)?[Pp]hối (?:hợp(?: chặt chẽ)?(?: với)?|với)\s+|[Cc]ùng\s+(?=[A-ZĐÀ-Ỹ])"
    r"|[Cc]hủ trì,\s+|[Ll]à cơ quan (?:chủ trì|thường trực)\b)"
)
# Words opening a title that start like a body's head but are verbs or common nouns: "Ban
# hành …", "Báo cáo …", "Bộ tiêu chí …" (a set), unlike "Bộ trưởng", "Bộ Tài chính".
_NOT_A_BODY = r"(?!Ban hành\b|Báo cáo\b|Bộ (?!trưởng)[a-zđà-ỹ])"
# A body opening a title and its role or deadline right after its name: "Sở Tài chính chủ
# trì, …", "Bộ Công an có trách nhiệm …", "UBND các xã trước ngày 30/6 …".
_BODY_ROLE_RE = re.compile(
    rf"^{_NOT_A_BODY}(?:{_AGENCY})[^,;:.()]{{0,80}}?\s"
    r"(?:chủ trì|phối hợp|có trách nhiệm|chịu trách nhiệm|là cơ quan|"
    r"(?:trước|trong|chậm nhất)\s+(?:ngày|tháng|quý|năm))\b"
)
# A title opening with its subject: a body, then (after its name, or the remit formula "theo
# nhiệm vụ, quyền hạn của mình") a task's verb: "Sở Tài chính tổ chức …", "Tổ chức thành
# viên, các tổ chức chính trị - xã hội, theo nhiệm vụ, quyền hạn của mình chủ động …".
_SUBJECT_OPENING_RE = re.compile(
    rf"^{_NOT_A_BODY}(?:{_AGENCY})[^;:.()]{{0,120}}?"
    r"(?:,?\s+theo (?:chức năng|nhiệm vụ)[^;:.]{0,60}?(?:của mình|được giao))?"
    rf",?\s(?:{_VERBS}|tiến hành|tiếp thu)\b"
)
_REMIT_IN_TITLE_RE = re.compile(
    r"^[^;:.]{3,160}?,\s*theo (?:chức năng,?\s*)?nhiệm vụ,? quyền hạn(?: của mình| được giao)\b"
)
# Words a manner adverb or link between a body and its verb: a lead ending on one was cut
# before its name's end or took the start of the task ("… Quảng Ninh trực tiếp").
_LEAD_TAIL_WORDS = frozenset(
    {
        "trực tiếp",
        "chủ động",
        "khẩn trương",
        "tiếp tục",
        "kịp thời",
        "cần",
        "phải",
        "sẽ",
        "đã",
        # a condition or a motion after the name: "… Bộ đội nếu", "… Lê Văn A đi"
        "nếu",
        "đi",
        "thì",
    }
)
# Two words ending a name or a phrase though their last is an open ending: "các đơn vị trực
# thuộc", "trong những năm tiếp theo".
_NAME_ENDINGS = frozenset({"trực thuộc", "tiếp theo", "sau đây", "như sau", "kèm theo"})
_WORD_RE = re.compile(r"[\wÀ-ỹ]+")
_LETTERS_RE = re.compile(r"[^\W\d_]")
_BLANK_RE = re.compile(r"^[\s\W_]*$")


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    field: str
    test: Callable[[Item], bool]
    message: Callable[[], str]


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def _verb_outside_names(text: str) -> re.Match[str] | None:
    """The first task verb of ``text`` that is no word of a body's name or of the remit."""
    masked = _NAME_VERB_RE.sub(lambda m: "_" * len(m.group()), text)
    return _TASK_VERB_RE.search(masked)


def _lead_no_body(item: Item) -> bool:
    return bool(item.lead and item.lead.strip()) and not _BODY_RE.search(item.lead or "")


def _lead_too_long(item: Item) -> bool:
    return len(_words(item.lead or "")) > _LEAD_WORDS


def _lead_verb_first(item: Item) -> bool:
    lead = item.lead or ""
    verb = _verb_outside_names(lead)
    if verb is None:
        return False
    # ("tổ chức" is a verb and a kind of body: the body must be another word)
    body = next((m for m in _BODY_RE.finditer(lead) if m.start() != verb.start()), None)
    return body is None or verb.start() < body.start()


def _lead_task(item: Item) -> bool:
    # A verb right after a name's last word, in capitals ("… tỉnh Bắc Ninh, Gia Lai đẩy nhanh
    # tiến độ"): the name ended and the task began. After a word in lower case it is often a
    # clause saying which bodies ("Các doanh nghiệp hoạt động trong lĩnh vực …").
    lead = item.lead or ""
    verb = _verb_outside_names(lead)
    if verb is None:
        return False
    # (a lead's first word is no name: "Chủ đầu tư …")
    before = _words(lead[: verb.start()])
    return len(before) >= 2 and before[-1][:1].isupper()


def _lead_open_end(item: Item) -> bool:
    words = _words(item.lead or "")
    if not words:
        return False
    last, pair = words[-1], " ".join(words[-2:])
    if pair in _NAME_ENDINGS:
        return False
    return last in OPEN_ENDINGS or pair in _LEAD_TAIL_WORDS or last in _LEAD_TAIL_WORDS


def _title_role_opening(item: Item) -> bool:
    title = (item.title or "").lstrip(" -+•*_")
    role = _ROLE_OPENING_RE.match(title)
    if role is not None:
        # the role words name bodies right after them ("Phối hợp với Sở Y tế …")
        return title[role.end() :].startswith(("các ", "Các ")) or bool(
            _BODY_RE.match(title, role.end())
        )
    return False


def _title_subject(item: Item) -> bool:
    title = (item.title or "").lstrip(" -+•*_")
    return bool(
        _BODY_ROLE_RE.match(title)
        or _SUBJECT_OPENING_RE.match(title)
        or _REMIT_IN_TITLE_RE.match(title)
    )


# A topic opening a title before the task: "Về nguồn vật liệu: tiếp tục hỗ trợ …".
_TOPIC_OPENING_RE = re.compile(r"^[Vv]ề\s[^:;.]{2,120}:\s*\S")


def _title_topic(item: Item) -> bool:
    return bool(_TOPIC_OPENING_RE.match((item.title or "").lstrip(" -+•*_")))


_BODY_NAME_RE = re.compile(rf"^{_NOT_A_BODY}(?:{_AGENCY})")
# The longest body's name read as a whole title ("Ban Công tác đại biểu", "Ủy ban Đối ngoại").
_NAME_WORDS = 8


def _title_body(item: Item) -> bool:
    # A title that is only a body's name, on a row with no lead: the lead's column read as the
    # title's (a table whose cells moved).
    if (item.lead or "").strip():
        return False
    title = (item.title or "").strip(" -+•*_.")
    return (
        bool(_BODY_NAME_RE.match(title))
        and len(_words(title)) <= _NAME_WORDS
        and _verb_outside_names(title) is None
    )


def _title_cut(item: Item) -> bool:
    title = (item.title or "").rstrip(" *_")
    words = _words(title[-40:])
    return (
        bool(words)
        and words[-1] in OPEN_ENDINGS
        and " ".join(words[-2:]) not in _NAME_ENDINGS
        and title[-1:].isalpha()
    )


def _title_heading(item: Item) -> bool:
    if (item.lead or "").strip() or (item.timeframe or "").strip():
        return False
    letters = _LETTERS_RE.findall(item.title or "")
    return len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _title_empty(item: Item) -> bool:
    return item.title is not None and bool(_BLANK_RE.match(item.title))


def _partners_deadline(item: Item) -> bool:
    return bool(_DEADLINE_RE.search(item.partners or ""))


def _partners_task(item: Item) -> bool:
    partners = item.partners or ""
    verb = _verb_outside_names(partners)
    body = _BODY_RE.search(partners)
    return verb is not None and (body is None or body.start() < verb.start())


# Row-level doubts (silent misreads of held-out rounds 6-9, branch silent2): shapes of a field
# that the rules above miss because each word of it is a plausible word of its field.

# A lead that is only the heads of bodies with no name: "Cấp uỷ" (from "cấp uỷ, tổ chức đảng,
# chính quyền …" cut at its first comma), "Thành uỷ" (the last word of "… tỉnh uỷ, thành
# uỷ"), "Văn phòng", "Văn phòng Ban" (a name cut before its end).
_HEAD = (
    r"văn phòng|ban|sở|bộ|cục|vụ|phòng|chi cục|viện|trung tâm|hội đồng|[uủ][yỷ] ban|"
    r"(?:cấp|tỉnh|thành|huyện|đảng|quận|thị) [uủ][yỷ]|đảng [uủ][yỷ]"
)
_BARE_HEAD_RE = re.compile(rf"^(?:(?:{_HEAD})\s+)*(?:{_HEAD})$")
# A lead ending on a verb that opens a task: "Đảng uỷ Quốc hội lãnh đạo" (from "Giao Đảng uỷ
# Quốc hội lãnh đạo, chỉ đạo …"); not the noun after a word that heads it ("Ban lãnh đạo",
# "các cấp lãnh đạo", "và lãnh đạo"), nor verbs that end names in lower case ("Cục Kinh tế -
# Quản lý đầu tư xây dựng", "… thuộc Chương trình").
_LEAD_VERB_END_RE = re.compile(
    r"(?<![\wÀ-ỹ])(?<!ban )(?<!cấp )(?<!các )(?<!và )(?<!, )"
    r"(?:lãnh đạo|chỉ đạo|chủ trì|phối hợp|thực hiện|triển khai|khẩn trương|tiếp tục|tham mưu|"
    r"rà soát|hướng dẫn|đôn đốc|tập trung|có trách nhiệm|chịu trách nhiệm|quán triệt|tiếp thu|"
    r"tiến hành|đẩy mạnh|đẩy nhanh|tăng cường|ban hành)$"
)
# The first word of a two-word name as a lead's last: the name was cut ("… Thủ trưởng Cơ quan
# thuộc Chính" / "phủ", "… Mặt trận Tổ quốc Việt" / "Nam").
_NAME_STARTS = frozenset({"Chính", "Việt", "Trung", "Nhà", "Mặt", "Thủ", "Ủy", "Uỷ"})
# A qualifier kept after the bodies: "Cấp uỷ, chính quyền các cấp, nhất là thành phố Hà Nội"
# ("…, trong đó trọng tâm là các tỉnh: …" names the bodies meant, and stays in the lead).
_QUALIFIER_RE = re.compile(r",\s*(?:nhất là|đặc biệt là)\s")
# An assessment, not a task: "Bộ Chính trị cơ bản nhất trí với Tờ trình …", "Cơ bản thống
# nhất với Báo cáo …", "ghi nhận và biểu dương …" (not "biểu dương" alone: "tham mưu biểu
# dương, khen thưởng …" is a task).
_ASSESSMENT_RE = re.compile(
    r"(?<![\wÀ-ỹ])(?:[Nn]hất trí|[Tt]hống nhất|[Đđ]ồng ý)\s+"
    r"(?:cao\s+)?với\s+(?:[Tt]ờ(?![\wÀ-ỹ])|[Bb]áo cáo|[Đđ]ề án|[Đđ]ề xuất|[Kk]iến nghị|"
    r"[Nn]ội dung|[Dd]ự thảo|[Đđ]ánh giá)"
    r"|(?<![\wÀ-ỹ])[Gg]hi nhận(?:,| và)\s+biểu dương(?![\wÀ-ỹ])"
)
# A title opening with what is left of its subject ("… các Bộ nêu trên phải …" read from
# "nêu trên") or with the modal between subject and verb ("Phải chủ động …", "Cần phải …";
# not "Cần …" alone, which opens a conclusion's task: "Cần đánh giá kỹ …").
_REMNANT_RE = re.compile(
    r"^(?:[Nn]êu trên|[Nn]ói trên|[Kk]ể trên|[Tt]rên đây|[Ss]au đây|[Nn]ày)(?![\wÀ-ỹ])"
    r"|^(?:Phải|Cần phải|Sẽ)\s+(?=[a-zđà-ỹ])"
)
# A title that only refers to a part of another document: "Thực hiện theo Mục III Kế hoạch
# số 13 …", "Về đối tượng: thực hiện theo hướng dẫn tại Công văn số …".
_REFERENCE_RE = re.compile(
    r"^(?:[^:;]{0,120}:\s*)?[Tt]hực hiện (?:theo|như)\s+(?:(?:quy định|hướng dẫn|nội dung)"
    r"(?:\s+(?:tại|của))?\s+)?(?:[Mm]ục|[Đđ]iều|[Kk]hoản|[Đđ]iểm|[Pp]hần|[Pp]hụ lục|"
    r"[Kk]ế hoạch|[Hh]ướng dẫn|[Cc]ông văn|[Qq]uyết định|[Nn]ghị quyết|[Tt]hông tư|[Nn]ghị định|"
    r"[Vv]ăn bản|[Qq]uy định|[Kk]ết luận)\b[^;]{0,160}$"
)
# A deadline left in the title: "(hoàn thành trong tháng 11/2025)", "… hoàn thành trước ngày
# 30/6/2026", "chậm nhất ngày 15/12".
_TITLE_DEADLINE_RE = re.compile(
    r"\(\s*(?:hoàn thành|xong|thời hạn|(?:trước|trong)\s+(?:ngày|tháng|quý|năm)|chậm nhất)"
    r"[^()]{0,40}\d[^()]{0,20}\)"
    r"|(?<![\wÀ-ỹ])(?:hoàn thành|xong)(?:\s+dứt điểm)?\s+(?:trước|trong)\s+"
    r"(?:ngày|tháng|quý|năm)?\s*\d"
    r"|(?<![\wÀ-ỹ])(?:trước ngày|chậm nhất(?: là)?(?: ngày| trong| trước)?)\s+\d"
)
# An hour of every day as the timeframe: "trước 13 giờ hằng ngày", "15h00 hằng ngày": a
# recurring report time the reader took for the deadline.
# ("trước 17 giờ ngày 27/11/2025" is a deadline: the hour of one day).
_HOUR_RE = re.compile(
    r"(?<![\d/])\d{1,2}\s*(?:giờ|h(?=\d|\s|$))[^/]{0,20}?\b(?:hằng|hàng|mỗi)\s+(?:ngày|tuần)\b"
)


def _lead_bare_head(item: Item) -> bool:
    lead = " ".join((item.lead or "").split()).strip(" .,;").casefold()
    if not lead or _BARE_HEAD_RE.match(lead) is None:
        return False
    # "Văn phòng Bộ", "Thanh tra Sở": a unit of the body that issued the plan, named so
    return len(lead.split()) < 3 or lead.rsplit(" ", 1)[-1] not in _ISSUER_HEADS


_ISSUER_HEADS = frozenset({"bộ", "sở"})


def _lead_verb_end(item: Item) -> bool:
    lead = (item.lead or "").rstrip(" .,;")
    words = _words(lead)
    if len(words) < 3:
        return False
    masked = _NAME_VERB_RE.sub(lambda m: "_" * len(m.group()), lead)
    return _LEAD_VERB_END_RE.search(masked) is not None


def _lead_cut_name(item: Item) -> bool:
    words = _words(item.lead or "")
    return len(words) >= 2 and words[-1] in _NAME_STARTS


def _lead_qualifier(item: Item) -> bool:
    return _QUALIFIER_RE.search(item.lead or "") is not None


def _assessment(text: str | None) -> bool:
    # (a plain substring test first: most fields hold neither word)
    text = text or ""
    return ("với" in text or "biểu dương" in text) and _ASSESSMENT_RE.search(text) is not None


def _title_remnant(item: Item) -> bool:
    return _REMNANT_RE.match((item.title or "").lstrip(" -+•*_")) is not None


# A title opening with the assignment itself: "Giao (đồng chí) Bộ trưởng Bộ X trực tiếp chỉ đạo
# …" names who carries the task out after "Giao" (not "Giao chỉ tiêu …", "Giao đất …": a
# task's verb, no body after it). "Đề nghị Bộ X …", "Yêu cầu các doanh nghiệp …" are tasks the
# corpus keeps (a letter's requests to a ministry, a department's demand on businesses).
_GIVEN_RE = re.compile(r"^Giao\s+(?:cho\s+)?(?:(?:các\s+)?đồng chí\s+)?")


def _title_given(item: Item) -> bool:
    title = (item.title or "").lstrip(" -+•*_")
    given = _GIVEN_RE.match(title)
    return given is not None and _BODY_NAME_RE.match(title[given.end() :]) is not None


def _title_reference(item: Item) -> bool:
    return _REFERENCE_RE.match((item.title or "").strip(" -+•*_.")) is not None


def _title_deadline(item: Item) -> bool:
    return not (item.timeframe or "").strip() and bool(_TITLE_DEADLINE_RE.search(item.title or ""))


def _timeframe_hour(item: Item) -> bool:
    return _HOUR_RE.search(item.timeframe or "") is not None


# Rows read shifted (round 11): a lead holding a modal or a verb the vocabulary lacks after its
# body ("Tổng cục Thuế sẽ định kỳ", "Cục Thuế các tỉnh … chú trọng"), a title that is the
# closing formula ("Nghiêm túc triển khai thực hiện."), one opening with the frame of another
# body's sentence ("Đối với 13 Cục Thuế có …"), a lead whose part after ";" names no body
# ("Thanh tra Chính phủ; các kế hoạch, chương"): the row took a neighbour's words.
_LEAD_MODAL_RE = re.compile(r"\s(?:sẽ|cần|nên|phải|chú trọng|quan tâm|bám sát|định k[ỳyỷ])(?:\s|$)")
_CLOSING_TITLE_RE = re.compile(
    r"^(?:nghiêm túc|khẩn trương|tích cực)?\s*(?:tổ chức\s+)?(?:triển khai\s*,?\s*)?"
    r"(?:thực hiện)?(?:\s+nghiêm túc)?"
    r"(?:\s+(?:Công văn|Chỉ thị|Kế hoạch|Quyết định|Thông báo|Công điện|văn bản) này)?"
    r"\s*[.;!]?\S{0,4}$",
    re.I,
)
_FRAME_BODY_RE = re.compile(rf"^Đối với\s+(?:\d+\s+)?(?:các\s+|những\s+)?(?:{_AGENCY})")


# The last word of a lead read folded (the OCR loses diacritics: "Các bộ, ngành can"): a modal.
_MODAL_ENDS = frozenset({"se", "can", "nen", "phai"})


def _lead_modal(item: Item) -> bool:
    lead = item.lead or ""
    words = lead.split()
    return (
        _LEAD_MODAL_RE.search(lead) is not None
        or "với vai trò" in lead
        or (len(words) >= 2 and fold(words[-1]) in _MODAL_ENDS)
    )


def _lead_bracketed(item: Item) -> bool:
    lead = (item.lead or "").strip(" .;,")
    return lead.startswith("(") and lead.endswith(")") and lead.count("(") == 1


def _title_closing(item: Item) -> bool:
    title = " ".join((item.title or "").split()).strip(" -+•*_")
    return len(title) > 3 and _CLOSING_TITLE_RE.match(title) is not None


def _title_frame(item: Item) -> bool:
    return _FRAME_BODY_RE.match((item.title or "").lstrip(" -+•*_")) is not None


def _lead_list_remnant(item: Item) -> bool:
    parts = (item.lead or "").split(";")
    return len(parts) > 1 and any(
        part.strip() and _BODY_RE.search(part) is None for part in parts[1:]
    )


# In order: the first rule that holds for a field is its warning.
RULES: tuple[Rule, ...] = (
    Rule(
        "lead-verb-first",
        "lead",
        _lead_verb_first,
        lambda: _("a task's verb comes before any body: it may be part of the task"),
    ),
    Rule(
        "lead-no-body",
        "lead",
        _lead_no_body,
        lambda: _("it names no kind of body (Sở, Bộ, Ủy ban, cơ quan …)"),
    ),
    Rule(
        "lead-too-long",
        "lead",
        _lead_too_long,
        lambda: _("it is longer than a list of bodies: it may hold task text"),
    ),
    Rule(
        "lead-task",
        "lead",
        _lead_task,
        lambda: _("it holds a task's verb after its bodies: the task's start may be in it"),
    ),
    Rule(
        "lead-open-end",
        "lead",
        _lead_open_end,
        lambda: _("it ends on a word no name ends on: it may be cut or hold the task's start"),
    ),
    Rule(
        "lead-bare-head",
        "lead",
        _lead_bare_head,
        lambda: _(
            "it is only the head of a body with no name (“Văn phòng”, “Cấp uỷ”): it may be "
            "a piece of a longer name or list"
        ),
    ),
    Rule(
        "lead-verb-end",
        "lead",
        _lead_verb_end,
        lambda: _("it ends on a verb (“… lãnh đạo”): the task's first words may be in it"),
    ),
    Rule(
        "lead-modal",
        "lead",
        _lead_modal,
        lambda: _(
            "it holds a modal or a verb after its body (“… sẽ”, “… chú trọng”): the task's "
            "first words may be in it, or the row took a neighbour's words"
        ),
    ),
    Rule(
        "lead-bracketed",
        "lead",
        _lead_bracketed,
        lambda: _("it is a note in brackets: it may be another column's text, read one cell off"),
    ),
    Rule(
        "lead-list-remnant",
        "lead",
        _lead_list_remnant,
        lambda: _("a part of it after “;” names no body: it may hold the text of another row"),
    ),
    Rule(
        "lead-cut-name",
        "lead",
        _lead_cut_name,
        lambda: _("it ends on the first word of a name (“… Việt”, “… Chính”): it may be cut"),
    ),
    Rule(
        "lead-qualifier",
        "lead",
        _lead_qualifier,
        lambda: _(
            "it holds a qualifier (“nhất là …”, “đặc biệt là …”): the lead may be only the "
            "bodies before it"
        ),
    ),
    Rule(
        "lead-assessment",
        "lead",
        lambda item: _assessment(item.lead),
        lambda: _(
            "it holds an assessment (“nhất trí với Tờ trình …”, “ghi nhận và biểu dương …”): "
            "the row may be an appraisal, not a task"
        ),
    ),
    Rule(
        "title-assessment",
        "title",
        lambda item: _assessment(item.title),
        lambda: _(
            "it is an assessment (“cơ bản thống nhất với Báo cáo …”, “ghi nhận và biểu "
            "dương …”): the row may be an appraisal, not a task"
        ),
    ),
    Rule(
        "title-given",
        "title",
        _title_given,
        lambda: _(
            "it opens with the assignment (“Giao Bộ trưởng Bộ X …”): the lead may be the body "
            "named after “Giao”"
        ),
    ),
    Rule(
        "title-reference",
        "title",
        _title_reference,
        lambda: _(
            "it only refers to another text (“Thực hiện theo Mục … Kế hoạch …”): it may be "
            "a note on the point above, not a task"
        ),
    ),
    Rule(
        "title-remnant",
        "title",
        _title_remnant,
        lambda: _(
            "it opens with what is left of a subject or with a modal (“Nêu trên …”, “Phải …”): "
            "the subject may have been cut from it; check the title and the lead"
        ),
    ),
    Rule(
        "title-role-opening",
        "title",
        _title_role_opening,
        lambda: _(
            "it opens with an agency's role and the bodies it names: the partners may be in it"
        ),
    ),
    Rule(
        "title-closing",
        "title",
        _title_closing,
        lambda: _(
            "it is the document's closing formula (“Nghiêm túc triển khai thực hiện”), no "
            "task: the rows may have slid by one"
        ),
    ),
    Rule(
        "title-frame",
        "title",
        _title_frame,
        lambda: _(
            "it opens with the bodies a sentence is about (“Đối với các Cục Thuế …”): its "
            "subject and lead may be in another row"
        ),
    ),
    Rule(
        "title-subject",
        "title",
        _title_subject,
        lambda: _("it opens with a body and its role or verb: the lead may be in it"),
    ),
    Rule(
        "title-topic",
        "title",
        _title_topic,
        lambda: _("it opens with a topic (“Về …:”): the task may be the text after the colon"),
    ),
    Rule(
        "title-body",
        "title",
        _title_body,
        lambda: _("it is a body's name and the row has no lead: the columns may be shifted"),
    ),
    Rule(
        "title-heading",
        "title",
        _title_heading,
        lambda: _("a title in capitals with no lead and no timeframe: it may be a heading"),
    ),
    Rule(
        "title-cut",
        "title",
        _title_cut,
        lambda: _("it ends on a word no phrase ends on: it may be cut"),
    ),
    Rule("title-empty", "title", _title_empty, lambda: _("it is empty")),
    Rule(
        "title-deadline",
        "title",
        _title_deadline,
        lambda: _(
            "it holds a deadline (“hoàn thành trong tháng …”, “trước ngày …”) while the "
            "timeframe is empty: the timeframe may be in it"
        ),
    ),
    Rule(
        "partners-deadline",
        "partners",
        _partners_deadline,
        lambda: _("it holds a deadline: the timeframe may be in it"),
    ),
    Rule(
        "partners-task",
        "partners",
        _partners_task,
        lambda: _("it holds a task's verb: it may hold task text"),
    ),
    Rule(
        "timeframe-hour",
        "timeframe",
        _timeframe_hour,
        lambda: _(
            "it names an hour of every day (“trước 13 giờ hằng ngày”): a recurring report "
            "time, not the task's deadline"
        ),
    ),
)

# Fields holding another field's text (misplaced.py), after the rules above.
RULES = (*RULES, *(Rule(*spec) for spec in misplaced.MISPLACED_RULES))


def suspect_fields(item: Item, seen: dict[tuple[object, ...], str] | None = None) -> dict[str, str]:
    """The fields of ``item`` that are probably misread, each with the first rule that holds.

    ``seen`` keeps each field text's verdict across the rows of one plan (a lead or a list of
    partners repeats on many rows): the same text is tested once.
    """
    found: dict[str, str] = {}
    for field, rules in _BY_FIELD:
        text = getattr(item, field)
        # (a title's heading and deadline tests also look at the row's lead and timeframe)
        key = (
            field,
            text,
            field == "title" and not item.lead,
            field == "title" and not item.timeframe,
            *misplaced.context(field, item),
        )
        verdict = seen.get(key) if seen is not None else None
        if verdict is None:
            verdict = next((rule.name for rule in rules if rule.test(item)), "")
            if seen is not None:
                seen[key] = verdict
        if verdict:
            found[field] = verdict
    return found


_BY_FIELD: tuple[tuple[str, tuple[Rule, ...]], ...] = tuple(
    (field, tuple(rule for rule in RULES if rule.field == field))
    for field in ("lead", "title", "partners", "timeframe")
)


def _field_label(name: str) -> str:
    return {
        "lead": _("lead agency"),
        "title": _("title"),
        "partners": _("partner agencies"),
        "timeframe": _("timeframe"),
    }[name]


def check_suspects(parsed: ParsedPlan) -> None:
    """One ``suspect-field`` warning per probably misread field of each row, on its line."""
    untitled = {w.line for w in parsed.warnings if w.code == "no-title"}
    by_name = {rule.name: rule for rule in RULES}
    seen: dict[tuple[object, ...], str] = {}
    for item in parsed.items:
        for field, name in suspect_fields(item, seen).items():
            if name == "title-empty" and item.line in untitled:
                continue
            text = getattr(item, field) or ""
            if len(text) > _SHOWN:
                # (a cut text is shown by its end, where it was cut)
                if name == "title-cut":
                    text = "…" + text[1 - _SHOWN :].lstrip()
                else:
                    text = text[: _SHOWN - 1].rstrip() + "…"
            values = {
                "number": item.number,
                "field": _field_label(field),
                "text": text,
                "reason": by_name[name].message(),
            }
            message = (
                _("Row %(number)s, %(field)s “%(text)s”: %(reason)s. Check it before storing.")
                if item.number
                # a row without a number is named by its line, which the warning carries
                else _("Unnumbered row, %(field)s “%(text)s”: %(reason)s. Check it before storing.")
            )
            parsed.warn(item.line, message % values, CODE)
