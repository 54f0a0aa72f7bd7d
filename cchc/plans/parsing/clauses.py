"""How one sentence of the genre assigns work, clause by clause (issue 15, after the held-out
rounds 4 and 5): where its subject starts after an opening clause, which of its clauses names
the partners of the row, and which "phối hợp" belongs to another body.

    Trên cơ sở đề nghị của các Bộ, cơ quan liên quan, Bộ Tài chính khẩn trương …
    Bộ Tư pháp có trách nhiệm kiểm tra …; chủ trì, phối hợp với Văn phòng Chính phủ …
    Tham mưu Ủy ban nhân dân tỉnh phối hợp các bộ, ngành Trung ương xây dựng …

The first names its subject after a list that belongs to the opening clause; the second names
its partners in a later clause of the same subject; in the third the province, not the
department, works with the ministries.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cchc.core.text import fold
from cchc.plans.parsing.agencies import _SECTORS, split_name
from cchc.plans.parsing.citations import closing_citation
from cchc.plans.parsing.coleads import co_lead
from cchc.plans.parsing.cooperation import cooperation_only, cooperation_task, leading_role
from cchc.plans.parsing.dutywords import without_duty_words
from cchc.plans.parsing.longlists import too_long
from cchc.plans.parsing.occasions import occasion_subject
from cchc.plans.parsing.officers import scope_only
from cchc.plans.parsing.otherbodies import (
    after_link,
    listed_examples,
    partners_first,
    proper_name_opening,
    team_subject,
)
from cchc.plans.parsing.resolutions import directed_by
from cchc.plans.parsing.sectorlist import sector_list
from cchc.plans.parsing.structure import proper_names
from cchc.plans.parsing.vocabulary import (
    _AGENCY,
    _AGENCY_HEADING_RE,
    _APPENDIX_REF_RE,
    _BULLET_RE,
    _DONE_RE,
    _FRAME_RE,
    _GIVEN_RE,
    _NAMED_LIST_RE,
    _OPENING_RE,
    _PAREN_RE,
    _PARTNERS_RE,
    _SUBJECT_RE,
    _SUBJECT_VERB_RE,
    _TIME_INLINE_RE,
    _TIME_LABEL_RE,
    _TIME_TAIL_RE,
    _VERBS,
)

# A capitalised body after a comma: "…, Bộ Tài chính".
_LATER_BODY_RE = re.compile(rf",\s+(?=[A-ZĐÀ-Ỹ]){_AGENCY}")


def continues_opening(tail: str, lead: str) -> bool:
    """Whether the words after a comma of an opening clause still belong to it.

    "Trên cơ sở đề nghị của các Bộ, cơ quan liên quan, Bộ Tài chính khẩn trương …": after the
    first comma, "cơ quan liên quan, Bộ Tài chính" reads as a subject, but it opens in lower
    case without a determiner of its own (the next item of the clause's list, sharing its
    "các") and a capitalised body follows a later comma: that body is the subject. "…, các
    bộ, cơ quan ngang bộ, Ủy ban nhân dân …" opens a list of its own: the subject.
    """
    if not tail[:1].islower() or re.match(r"(?:các|những|mọi)\s", tail):
        return False
    return _LATER_BODY_RE.search(lead) is not None


# The words a clause may open with before its "phối hợp": the role and its adverbs.
_ROLE_HEAD_RE = re.compile(
    r"^(?:(?:chủ trì|tiếp tục|chủ động|trực tiếp|thường xuyên|đồng thời|tích cực|khẩn trương|"
    r"kịp thời|tham gia|là cơ quan|có trách nhiệm|chịu trách nhiệm)\s*,?\s*)*$",
    re.I,
)


def framed_role(before: str) -> str:
    """ "Trên cơ sở chức năng nhiệm vụ" from "Trên cơ sở chức năng nhiệm vụ, chủ trì, ": the
    opening clause before the role words of a row; "" where the words before its "phối hợp"
    are not an opening clause and a role."""
    head, comma, role = before.strip(" ,").rpartition(",")
    while comma and not _FRAME_RE.match(head.strip()):
        head, comma, _more = head.rpartition(",")  # the clause may hold commas of its own
    if comma and _FRAME_RE.match(head.strip()) and _ROLE_HEAD_RE.match(role.strip()):
        return head.strip()
    return ""


def partners_clause(rest: str) -> tuple[re.Match[str] | None, bool]:
    """The "phối hợp (với) X" clause that names the row's partners, and whether it opens the
    row's text (else it is a later clause, kept in the title).

    Its subject is the row's: the clause opens the sentence ("Phối hợp với Sở Y tế tổ chức
    …", "Chủ trì, tiếp tục phối hợp với …"), follows an opening clause ("Căn cứ khả năng cân
    đối ngân sách, phối hợp với Sở Tài chính …") or opens a later clause ("Kiểm tra …; chủ
    trì, phối hợp với Văn phòng Chính phủ …"). After a body named as the object of a verb
    ("Tham mưu Ủy ban nhân dân tỉnh phối hợp các bộ …") the partners are that body's.
    """
    for found in _PARTNERS_RE.finditer(rest):
        before = rest[: found.start()]
        clause = re.split(r";\s*", before)[-1].strip(" ,")
        opening = ";" not in before
        if _ROLE_HEAD_RE.match(clause):
            return found, opening
        if opening and leading_role(clause):  # "… vai trò … chủ trì, phối hợp với" (cooperation.py)
            return found, False
        if framed_role(before):
            # "Trên cơ sở chức năng nhiệm vụ, chủ trì, phối hợp với …": the role after the
            # opening clause opens the row's own words.
            return found, True
        frame = _FRAME_RE.match(clause)
        if frame and (before.rstrip().endswith(",") or found.group().startswith(",")):
            # "Căn cứ khả năng cân đối ngân sách địa phương, phối hợp với …"
            return found, False
        comma = before.rstrip().endswith(",") or found.group().startswith(",")
        if opening and comma and 0 < len(clause) <= 30 and not re.search(rf"{_AGENCY}|,", clause):
            # "Đài Truyền hình Việt Nam chủ trì đạo diễn, phối hợp với các bộ … xây dựng …": a
            # short first verb phrase of the subject, naming no body, then its partners.
            return found, False
        if opening and not comma and doer(clause) and clause == before.strip():
            # "(ii) Chủ đầu tư phối hợp chặt chẽ với các đơn vị liên quan hoàn thành …": the
            # sentence's own subject, a body the reader does not know, then its partners.
            return found, True
    return None, False


def doer(clause: str) -> bool:
    """Whether ``clause`` is a short name opening a sentence, holding no verb ("Chủ đầu tư",
    "Nhà thầu"; not "Tham mưu Ủy ban nhân dân tỉnh", where the body is the verb's object)."""
    verb = rf"(?:^|\s)(?<!chủ\s)(?<!nhà\s)(?:{_VERBS})\b"
    return (
        clause[:1].isupper()
        and len(clause) <= 60
        and "," not in clause
        and re.search(verb, clause.lower()) is None
    )


def task_after_list(text: str) -> bool:
    """Whether a task follows the bodies a role names ("Phối hợp với các xã, phường đẩy
    nhanh …"), so that the point is a task, not the role of the bullets below it."""
    found = re.search(r"[Pp]hối hợp(?: chặt chẽ)?(?: với)?\s+(?P<bodies>.+)$", text, re.S)
    return found is not None and bool(split_name(found.group("bodies").rstrip(" :"))[1])


def partners_up_to_verb(partners: str) -> str:
    """ "Sở Tài chính thực hiện các chương trình …" -> "Sở Tài chính": a list of partners ends
    where the task's verb starts, as in a sentence."""
    found = _PARTNERS_RE.search("phối hợp với " + partners.strip())
    return (found.group("partners") if found else partners).strip(" ,")


def holds_verb(name: str) -> bool:
    """Whether a task's verb is inside ``name`` ("đơn vị sự nghiệp công lập" holds none)."""
    return re.search(rf"\s(?:{_VERBS})\b", name.replace("công lập", "")) is not None


def _places(rest: str) -> str:
    """ "Ninh Bình, Phú Thọ" from "Ninh Bình, Phú Thọ đẩy nhanh …": names whose every word is a
    capital, joined by commas or "và", ended by a word in lower case; "" otherwise."""
    words = rest.split()
    end = 0
    for index, word in enumerate(words):
        if word[:1].isupper() and word.rstrip(",") == word.rstrip(",;.:") and word[1:2] != ")":
            end = index + 1
        elif word != "và" or not end or words[index - 1].endswith(","):
            break
    if not end or end >= len(words) or not words[end][:1].islower() or words[end] in {"và"}:
        return ""
    if re.match(rf"(?:{_VERBS})\b", rest[:1].lower() + rest[1:]):
        return ""  # "Ủy ban nhân dân các tỉnh: Chỉ đạo …" names no place
    return " ".join(words[:end])


# "… và lãnh đạo các Bộ, ngành": the last of a list of places is another body.
_OTHER_BODY_RE = re.compile(r"\s(?:và|cùng)\s+(?:lãnh đạo\s+)?(?P<body>[a-zđ][^;:()]*)$")
_LISTED_HEADING_RE = re.compile(r"^(?P<names>[^;:()]{2,200}?)\s*:\s*(?P<rest>)$")


def named_list(lead: str, rest: str) -> tuple[str, str]:
    """("Các Bộ: Công Thương, Ngoại giao", "thành lập …") from ("Các Bộ", "Công Thương, …").

    After an agency's colon, a list of capitalised names up to the task's verb belongs to the
    agency ("Chủ tịch Ủy ban nhân dân các tỉnh: Hà Tĩnh, Quảng Trị … chủ động …"), and so
    does a list that ends the heading with its own colon ("…, trong đó trọng tâm là các tỉnh:
    Đắk Lắk, Khánh Hòa, Gia Lai và Lâm Đồng:" over the points a), b) …).
    """
    if sector_list(lead, rest):  # "Các Bộ: Y tế, Công Thương" ending the heading (sectorlist.py)
        return f"{lead}: {sector_list(lead, rest)}", ""
    places = _places(rest) if re.search(r"\bcác (?:tỉnh|thành phố|xã|phường)$", lead) else ""
    if places:
        # "Ủy ban nhân dân các tỉnh: Ninh Bình, Phú Thọ đẩy nhanh …": places in capitals up to
        # the first word in lower case, a verb the vocabulary may lack
        return f"{lead}: {places}", rest[len(places) :].strip()
    found = _NAMED_LIST_RE.match(rest) or _LISTED_HEADING_RE.match(rest)
    if not found and proper_names(rest.strip(" *.")):
        # "Ủy ban nhân dân các xã: Gia Thuận, Tân Điền, Gò Công Đông" ending the heading
        return f"{lead}: {rest.strip(' *.')}", ""
    if not found:
        return lead, rest
    listed = found.group("names").split(";")[0]
    other = _OTHER_BODY_RE.search(listed)
    if other and re.match(_AGENCY, other.group("body")[:1].upper() + other.group("body")[1:]):
        # "Khánh Hòa, Gia Lai và lãnh đạo các Bộ, ngành": the places, then another body the
        # point is given to with them, named in lower case inside the sentence.
        listed = listed[: other.start()]
    names = [name.strip() for name in re.split(r",|\svà\s", listed)]
    if not names or not all(name[:1].isupper() for name in names):
        return lead, rest
    sector = re.search(r"\b(?:Bộ|bộ|Sở|sở)$", lead) and re.fullmatch(_SECTORS, names[0])
    if re.match(rf"(?:{_VERBS})\b", names[0][:1].lower() + names[0][1:]) and not sector:
        # (not "Các Bộ: Xây dựng, Công Thương …": a ministry named after its sector)
        return lead, rest
    if len(names) == 1 and not sector and re.fullmatch(r"\S+(?:\s+[a-zà-ỹđ]\S*)+", names[0]):
        # "Đề nghị Hội X: Vận động hội viên …": one phrase in sentence case, a task (round 16)
        return lead, rest
    return f"{lead}: {found.group('names').strip()}", found.group("rest")


# "… chịu trách nhiệm toàn diện trước Thủ tướng Chính phủ về tính trung thực …": to whom a
# body answers, not a task.
_ACCOUNTABLE_RE = re.compile(
    r"^(?:chịu|có) trách nhiệm(?:\s+(?:toàn diện|hoàn toàn|cá nhân))?\s+trước\b", re.I
)


def accountable(rest: str) -> bool:
    """Whether the words after a subject say whom it answers to, not what it does."""
    return _ACCOUNTABLE_RE.match(rest.strip()) is not None


# A section that lists tasks: "II. MỘT SỐ NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI"; a
# resolution's "IV- TỔ CHỨC THỰC HIỆN" (round 12); a plan's "II. NỘI DUNG CÔNG TÁC" (round 17).
_TASK_SECTION_RE = re.compile(
    r"\b(?:nhiệm vụ|giải pháp|tổ chức thực hiện|nội dung (?:công tác|thực hiện|triển khai))\b",
    re.I,
)
# "Tỉnh cần tập trung …": the body the notice speaks to, named by its kind, and its modal.
# "… trong Quý IV/2023" (round 19): a point ending on its deadline is a whole sentence, its
# stop lost (a PDF's text, a page break after it).
_ENDS_ON_DEADLINE_RE = re.compile(
    r"\s(?:trong|trước|chậm nhất|từ)\s+(?:[Qq]uý|[Tt]háng|[Nn]ăm|ngày)\s+[\dIVX]{1,4}"
    r"(?:/\d{1,2})?(?:/\d{4}|\s+năm\s+\d{4})?$"
)
_IMPLIED_SUBJECT_RE = re.compile(r"^(?:Tỉnh|Thành phố|Địa phương)\s+(?:cần|phải)\s+(?=\S)")


def ends_on_deadline(text: str) -> bool:
    """Whether a point ends on its deadline ("… trong Quý IV/2023"): a whole sentence whose
    stop was lost, no heading."""
    return _ENDS_ON_DEADLINE_RE.search(text.rstrip()) is not None


# "… (thường xuyên).", "… (Quý IV/2023).": a point closing on its own schedule in brackets.
_SCHEDULED_RE = re.compile(
    r"\((?:thường xuyên|hằng năm|hàng năm|(?:trong |từ |trước )?(?:quý|tháng|năm)\s[^()]{1,30})\)"
    r"\s*\.?$",
    re.I,
)


def scheduled(text: str) -> bool:
    """Whether a point closes on its own schedule in brackets: a task the plan times ("Trong
    quá trình …, nếu có vướng mắc, các bộ … gửi báo cáo … (thường xuyên)."), not the closing
    formula every plan ends with."""
    return _SCHEDULED_RE.search(text.rstrip()) is not None


def subjectless_task(body: str, sections: list[str]) -> str:
    """The task of a point that names no body, under a section listing tasks; "" for any other.

    A conclusion notice speaks to the province it was held with: under "II. MỘT SỐ NHIỆM VỤ,
    GIẢI PHÁP …" its points ("2. Cần đánh giá kỹ …", "4. Rà soát lại …", "Tỉnh cần tập
    trung …" under a topic "1. Về …:") are tasks without a subject. A point is one sentence
    or more ending in a full stop, not a heading nor an announcement (":").
    """
    text = body.strip(" *_")
    if not any(_TASK_SECTION_RE.search(title) for title in sections):
        return ""
    if not text[:1].isupper() or (text[-1:] not in ".;" and not ends_on_deadline(text)):
        return ""
    if len(text) < 20:
        return ""
    text = _IMPLIED_SUBJECT_RE.sub("", text)
    return text[:1].upper() + text[1:]


def named_before_colon(text: str) -> tuple[str, str]:
    """("Doanh nghiệp, cộng đồng, tổ chức, cá nhân", "Quan tâm …") from "Doanh nghiệp, …, cá
    nhân: Quan tâm …": who a point is for, named before its colon without a verb, and its
    task; ("", text) where the point opens otherwise."""
    found = re.match(r"^(?P<who>[^:;.()]{3,100}?)\s*:\s*(?P<task>[A-ZĐÀ-Ỹ].*)$", text, re.S)
    # (a verb's word before a comma or after "các" is a noun of the list: "tổ chức, cá nhân")
    verb = rf"(?:^|\s)(?<!các )(?:{_VERBS})\b(?!,)"
    if found is None or re.search(verb, found.group("who").lower()):
        return directed_by(text)  # "Các chi bộ … lãnh đạo, chỉ đạo …" (round 12)
    return found.group("who"), found.group("task")


def subject_of(text: str) -> bool:
    """Whether ``text`` opens with an agency doing, or being given, a task."""
    text = text[:1].upper() + text[1:]
    if _SUBJECT_RE.match(text) or _SUBJECT_VERB_RE.match(text) or _GIVEN_RE.match(text):
        return True
    if team_subject(text):  # "Các đoàn kiểm tra … phải …" (otherbodies.py)
        return True
    # "Ủy ban nhân dân các tỉnh: Ninh Bình, Phú Thọ đẩy nhanh …": the places after the colon
    listed = _AGENCY_HEADING_RE.match(text)
    return listed is not None and named_list(listed["lead"], listed["rest"])[1] != listed["rest"]


def after_topic(body: str) -> str:
    """ "Đẩy mạnh … chính sách: Các bộ khẩn trương trình …" -> "Các bộ khẩn trương trình …".

    A numbered point whose topic and assigning sentence were printed on one line: the
    sentence after the colon is the row of work (the topic is the point's heading).
    """
    if (subject := occasion_subject(body)) is not None:  # "Trường hợp …, Sở X …" (occasions.py)
        return subject
    topic, colon, after = body.partition(":")
    after = after.strip(" *")
    # (a topic "Về …" may be long: "5. Về điều chuyển số vốn dư … của Quốc hội cho tỉnh X:")
    longest = 400 if topic.startswith("Về ") else 200
    if not colon or not after or _AGENCY_HEADING_RE.match(body) or len(topic) > longest:
        return body
    if listed_examples(topic):  # "… thấp như: Cục Thuế tỉnh A, B": examples (otherbodies.py)
        return body
    # "…: đề nghị các Tập đoàn: X, Y tổ chức …": the bodies asked, named before their list
    after = re.sub(r"^[Đđ]ề nghị\s+(?=các\s|[A-ZĐ])", "", after)
    after = after[:1].upper() + after[1:]
    listed = _AGENCY_HEADING_RE.match(after)
    return after if subject_of(after) or (listed and listed.group("rest").strip()) else body


def own_clauses(part: str) -> tuple[str, str]:
    """The clauses of a point up to the first one with another subject, and the rest."""
    clauses = re.split(r";\s+", part)
    for index, clause in enumerate(clauses[1:], start=1):
        # "…; Trên cơ sở đó, Ban Chỉ đạo các bộ … xây dựng kế hoạch": after its opening
        framed = _OPENING_RE.match(clause) and any(
            subject_of(clause[comma.end() :]) for comma in re.finditer(r",\s+", clause[:200])
        )
        if clause[:1].isupper() and (subject_of(clause) or framed):
            return "; ".join(clauses[:index]), "; ".join(clauses[index:]).strip(" .;")
    return part, ""


def later_subjects(text: str, framed: bool = False) -> tuple[str, list[str]]:
    """The sentences of a point up to the first that opens with a subject of its own, and
    those that do (each with the sentences that follow it).

    "Hội đồng thẩm định Nhà nước thẩm định Báo cáo … khẩn trương hoàn thành …. Bộ Nông
    nghiệp và Môi trường khẩn trương tiếp thu …": two bodies, two rows. A sentence opening
    with a clause ("Trên cơ sở đó, Bộ Tư pháp tổng hợp …") follows up the point: it stays,
    unless ``framed`` (a point, read only if it is a topic answered on its line, "4. Về …: Tập
    đoàn X chủ động …. Để xác định …, Ủy ban nhân dân tỉnh phối hợp …"), where a body named
    after the clause has its row.
    """
    framed = framed and answers_topic(text)
    sentences = re.split(r"(?<=[.])\s+(?=[A-ZĐÀ-Ỹ])", text)
    own: list[str] = [sentences[0]]
    later: list[str] = []
    for sentence in sentences[1:]:
        opening = _OPENING_RE.match(sentence)
        if (linked := after_link(sentence)) and subject_of(linked) and not _covers(own[0], linked):
            later.append(linked)  # "Theo đó, mỗi đoàn kiểm tra phải …": a body of its own
            continue
        own_body = opening is None and subject_of(sentence) and not _covers(own[0], sentence)
        if own_body or (framed and _framed_body(sentence)):
            later.append(sentence)
        elif later:
            later[-1] = f"{later[-1]} {sentence}"
        else:
            own.append(sentence)
    answer = " ".join(own).partition(":")[2].strip()
    answer = answer[:1].upper() + answer[1:]
    if framed and later and not (subject_of(answer) or _framed_body(answer)):
        # "3. Về đề nghị Bộ X …: Về vấn đề này, Chính phủ đã ban hành …. Các bộ, ngành …
        # hoàn thiện …": the answer's first sentence informs; the body after it is the row.
        return later[0], later[1:]
    return " ".join(own), later


# "Ủy ban nhân dân thành phố": a body's kind, before its proper name.
_KIND_RE = re.compile(r"^(?P<head>.+?)\s+(?P<place>tỉnh|thành phố|xã|phường)$")


def _covers(first: str, sentence: str) -> bool:
    """Whether the subject of ``sentence`` ("UBND thành phố Đà Nẵng khẩn trương …") is one of
    the bodies the subject of ``first`` names by their kind ("Chủ tịch Ủy ban nhân dân các
    tỉnh, thành phố … chủ trì …"): the same row (corpus Convention A)."""
    lead = _SUBJECT_VERB_RE.match(first)
    other = _SUBJECT_VERB_RE.match(re.sub(r"^UBND\b", "Ủy ban nhân dân", sentence))
    if lead is None or other is None:
        return False
    generic = re.match(r"^\S+(?:\s+(?![A-ZĐ])[^\W\d]\S*)*", other["lead"])
    kind = _KIND_RE.match(generic.group()) if generic else None
    named = fold(re.sub(r"\bUBND\b", "Ủy ban nhân dân", lead["lead"]))
    # (the head named in the plural, "… các tỉnh, thành phố", with the place's kind)
    return kind is not None and all(
        fold(words) in named for words in (f"{kind['head']} các", kind["place"])
    )


def answers_topic(body: str) -> bool:
    """Whether a point is a topic "Về …:" with its answer on the same line."""
    return re.match(r"^Về\s[^:]{3,400}:\s*\S.{20,}[.;]$", body.strip(), re.S) is not None


def _framed_body(sentence: str) -> bool:
    """Whether a sentence opening with a clause ("Để …, Ủy ban nhân dân tỉnh …") names a body
    as its subject right after the clause's comma."""
    comma = re.search(r",\s+(?=[A-ZĐÀ-Ỹ])", sentence[:300])
    return comma is not None and subject_of(sentence[comma.end() :])


def sentences_of_others(
    text: str, agency: str, lead_of: Callable[[str], str]
) -> tuple[str, list[str]]:
    """The sentences of a point under the heading of ``agency`` that stay in its row, and
    those whose subject is another body (``lead_of`` reads a sentence's subject): rows of
    their own (corpus README, "Conventions").

    "Tổng hợp nhu cầu …. Ủy ban nhân dân xã cung cấp danh sách …. Ngân hàng hướng dẫn quy
    trình …" under "5. Ủy ban nhân dân xã, phường": the second names a body of the heading
    (its head word is in the heading's name), so it stays; the third is the banks' row.
    """
    own, later = later_subjects(text)
    words = set(fold(agency).split())
    others: list[str] = []
    for sentence in later:
        lead = fold(lead_of(sentence)).split()
        # ("Giao … các đoàn kiểm tra …": a team is never the heading's body)
        other = lead and lead[0] not in words and lead[0] not in {"cac", "nhung"}
        if other or team_subject(sentence):
            others.append(sentence)
        else:
            own = f"{own} {sentence}"
    return own, others


# A collective body named by its head, its function and a proper name: "Hội đồng thẩm định
# Nhà nước", "Ban chỉ đạo Trung ương", "Tổ công tác Chính phủ".
_COLLECTIVE_RE = re.compile(
    r"^(?P<name>[a-zà-ỹđ]+(?: [a-zà-ỹđ]+){0,2}(?: (?:Nhà nước|[A-ZĐÀ-Ỹ][\wà-ỹ]*))+)"
    r"\s+(?P<rest>[a-zà-ỹđ].*)$",
    re.S,
)


def collective_name(lead: str, rest: str) -> tuple[str, str]:
    """("Hội đồng thẩm định Nhà nước", "thẩm định Báo cáo …") from ("Hội đồng", "thẩm định
    Nhà nước thẩm định Báo cáo …"): a bare collective head is not a body's whole name; its
    function's words (read as a verb) and the proper name after them belong to it."""
    if lead.strip() not in {"Hội đồng", "Ban", "Tổ", "Ủy ban", "Uỷ ban"}:
        return lead, rest
    found = _COLLECTIVE_RE.match(rest.strip())
    if found is None:
        return lead, rest
    return f"{lead.strip()} {found.group('name')}", found.group("rest")


_ANNOUNCED_ROLE_RE = re.compile(
    r"^(?:Chủ trì,\s*)?phối hợp(?: chặt chẽ)? với\s+(?P<rest>[^:;]+):$", re.I | re.S
)


def announced_partners(body: str) -> str:
    """ "các cơ quan có liên quan" from "Chủ trì, phối hợp với các cơ quan có liên quan tham
    mưu cho Ủy ban nhân dân các tỉnh:": a paragraph under an agency heading announcing its
    points a), b) … with the partners of all of them; "" for any other paragraph."""
    found = _ANNOUNCED_ROLE_RE.match(body.strip(" *_"))
    return partners_up_to_verb(found.group("rest")) if found else ""


def bracketed_note(lead: str, rest: str) -> tuple[str, str]:
    """("các doanh nghiệp viễn thông (VNPT, Viettel)", "Đảm bảo …") from ("các doanh nghiệp
    viễn thông", "(VNPT, Viettel): Đảm bảo …"): the examples in brackets between a body's name
    and its colon are part of the name."""
    found = re.match(r"^\s*(?P<note>\([^()]{2,120}\))\s*:\s*(?P<rest>\S.*)$", rest, re.S)
    if found is None:
        return lead, rest
    return f"{lead.strip()} {found.group('note')}", found.group("rest")


def is_content(text: str) -> bool:
    """ "(1) Số hộ dân có nhà bị sập …": a listed point that is no task (no subject, no verb)."""
    marked = _PAREN_RE.match(text) or _BULLET_RE.match(text)
    if marked is None:
        return False
    body = marked.group("rest").strip()
    if re.match(rf"(?:{_VERBS})\b", body[:1].lower() + body[1:]):
        return False
    if _FRAME_RE.match(body) and re.search(rf",\s+(?:{_VERBS})\b", body):
        return False  # "- Đối với các khu công nghiệp …, tiếp tục duy trì …": a task in its scope
    return not subject_of(body)


def point_body(text: str) -> str:
    """The text of a bullet or a lettered point ("- Tăng cường …", "a) Đẩy nhanh …"); ""
    for any other line."""
    marked = _BULLET_RE.match(text) or re.match(r"^\s*[a-zđ]\)\s*(?P<rest>\S.*)$", text, re.S)
    return marked.group("rest").strip() if marked else ""


# "… các nhiệm vụ tại Phần III Kế hoạch này": a part of the plan cited, with its tasks.
_CITED_PART_RE = re.compile(r"\btại\s+(?:[Pp]hần|[Mm]ục|[Đđ]iểm|[Kk]hoản|[Cc]hương)\s")


def cites_plan_tasks(text: str) -> bool:
    """Whether a paragraph naming "Kế hoạch này" gives a task of its own: it cites a part of
    the plan ("… các nhiệm vụ tại Phần III Kế hoạch này") or goes on ("…; tuyên truyền …")."""
    return ";" in text or _CITED_PART_RE.search(text) is not None


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence (a task's paragraph does, a heading's line does not)."""
    return text.rstrip(" *_")[-1:] in ".;:!?…"


def names_bodies(partners: str) -> bool:
    """Whether a list read as partners opens with a body ("Sở Y tế", "các đơn vị …", "sở,
    ban, ngành …", a name in capitals the vocabulary lacks: "Trạm Y tế phường"), not with a
    verb the vocabulary lacks ("tiến hành kiểm định …")."""
    text = partners.strip()
    if re.match(rf"(?:các|những)\s|{_AGENCY}", text[:1].upper() + text[1:]):
        return True
    return proper_name_opening(text)


def supporting_role(rest: str) -> tuple[str, str]:
    """("Tổ chức tập huấn …", "Phối hợp với Sở Tư pháp") from "Phối hợp với Sở Tư pháp tổ
    chức tập huấn …": a point that opens with the role of a body supporting another's task,
    under the heading of the body it is assigned to. The role words and the bodies named go
    out of the title (the bodies are the row's partners, the role is kept in its notes); ("",
    "") when the point opens otherwise, or when the cooperation itself is the task ("Phối hợp
    chặt chẽ với X để …", "… trong quá trình …": no task's verb after the bodies)."""
    found = _PARTNERS_RE.match(rest)
    if found is None or not rest.startswith("P") or not names_bodies(found.group("partners")):
        return "", ""
    partners, spill = split_name(found.group("partners").strip(" ,"))
    after = " ".join(filter(None, [spill, rest[found.end() :].strip(" ,")]))
    if cooperation_only(after):  # "… trong quá trình …", not "theo dõi" (cooperation.py)
        return "", ""
    role = rest[: found.start("partners")] + partners
    return after, role.strip(" ,")


def split_partners(rest: str) -> tuple[str, str, str]:
    """(the row's text, its partners, what goes to its notes: the opening clause before its
    role, or the role of a supporting body) from the words after a row's lead.

    "phối hợp với các đơn vị có liên quan đa dạng hóa …": the list of bodies ends where its
    grammar does, whatever the verb after it; "Chủ trì, tiếp tục phối hợp với …" leaves
    the role's words out of the text; so does "Phối hợp với Sở Y tế tổ chức …" opening the
    point, whose role (the agency works with them on it) is kept in the notes.
    """
    rest, colead = co_lead(rest)  # "Đồng chủ trì với X, …" (coleads.py)
    if colead:
        task, partners, frame = split_partners(rest)
        return task, partners, "; ".join(filter(None, [colead, frame]))
    if first := partners_first(rest):  # "Vụ B phối hợp, đẩy nhanh …" (otherbodies.py)
        return first[0], first[1], ""
    if joint := re.match(rf"^cùng\s+(?=(?:các|những)\s|{_AGENCY})", rest):
        # "Bộ Tài chính chủ trì cùng Bộ Xây dựng và các bộ … rà soát …": "together with" names
        # the partners as "phối hợp với" does (round 6)
        rest = f"phối hợp với {rest[joint.end() :]}"
    found, opens_row = partners_clause(rest)
    if found is None or too_long(found.group("partners")):  # (longlists.py)
        return rest, "", ""
    partners, spill = split_name(found.group("partners").strip(" ,"))
    after = " ".join(filter(None, [spill, rest[found.end() :].strip()]))
    after = without_duty_words(after)  # "… Bộ Y chịu trách nhiệm hướng dẫn …" (dutywords.py)
    if opens_row and not rest[: found.start()].strip() and scope_only(after):
        return rest, partners, ""  # "phối hợp X trong công tác …" (officers.py)
    frame = ""
    if opens_row and rest.startswith("P"):
        task, role = supporting_role(rest)
        if task:
            return task, partners, role
    elif opens_row:
        before = rest[: found.start()]
        if not before.strip() and cooperation_task(after):
            return rest, partners, ""  # "phối hợp X trong quá trình …" (cooperation.py)
        # "Chủ trì, tiếp tục phối hợp với …": the adverb is the role's, not the task's
        before = re.sub(r"^(?:tiếp tục|chủ động|trực tiếp|thường xuyên)\s*$", "", before)
        if frame := framed_role(before):
            # "Trên cơ sở chức năng nhiệm vụ, chủ trì, phối hợp với X tham mưu …": the
            # opening clause goes to the notes, the role is the lead and partners
            before = ""
        rest = (before + " " + after).strip(" ,")
    return rest, partners, frame


def deadline_of(rest: str) -> tuple[str, str, str]:
    """(the row's text, its deadline, a reference to an appendix) from a row's words: a
    labelled "Thời gian …:" or an inline "hoàn thành trong/trước …" deadline."""
    timeframe, cited = "", ""
    reference = _APPENDIX_REF_RE.search(rest)
    if reference:
        cited = reference.group().strip(" .()*_")
        rest = rest[: reference.start()]
    for pattern in (_TIME_LABEL_RE, _TIME_INLINE_RE):
        timed = pattern.search(rest)
        if timed and pattern is _TIME_INLINE_RE and _SPAN_RE.match(timed.group("time").strip()):
            # "… trong 70 ngày thi đua, nhằm …. Kết quả gửi về …, trước ngày 31/12/2025.": a
            # span of days inside the text is no deadline; the deadline ending it is
            timed = pattern.search(rest, timed.start("time") + 1) or timed
        if timed:
            timeframe = _DONE_RE.sub("", timed.group("time").strip(" ,.;()"))
            cut = _TIME_TAIL_RE.search(timeframe) if pattern is _TIME_INLINE_RE else None
            if cut:
                # The deadline is inside the sentence: the sentence stays the title whole.
                timeframe = timeframe[: cut.start()].strip(" ,;")
                timeframe = re.sub(r"\s+(?:và|hoặc)$", "", timeframe)  # "… 2025 và tổ chức"
            else:
                rest = rest[: timed.start()].strip(" ,;")
            break
    if not timeframe and (bracketed := _BRACKETED_TIME_RE.search(rest)):
        # "… xu thế chung (hoàn thành trong tháng 11/2025). Trong đó, …": the deadline in
        # brackets after the task, wherever the paragraph goes on after it.
        timeframe = bracketed.group("time").strip()
        rest = f"{rest[: bracketed.start()].rstrip()}{rest[bracketed.end() :]}"
    if not timeframe and (closing := _SENTENCE_DEADLINE_RE.search(rest)):
        # "…; hoàn thành trước ngày 30/11/2025. Chủ động liên hệ …": the deadline closing a
        # sentence inside the paragraph, whatever the paragraph goes on with after it.
        timeframe = closing.group("time").strip()
    if not timeframe and (bare := closing_citation(rest))[0]:  # "… (theo …)" (citations.py)
        text, timeframe, _ = deadline_of(bare[0])
        rest = f"{text} {bare[1]}" if timeframe else rest
    timeframe = re.sub(r"\s*\./\.?$", "", timeframe)  # "… 05/12/2025./.": the closing mark
    return rest, timeframe, cited


# "trong 70 ngày thi đua": a span of days or months, not a date.
_SPAN_RE = re.compile(r"^trong\s+\d+\s+(?:ngày|tháng|năm)\s+(?!\d)")
# "…, hoàn thành trước ngày 30/11/2025. Tổ chức …": a deadline closing a sentence of the
# paragraph, the next sentence after it.
_SENTENCE_DEADLINE_RE = re.compile(
    r"(?:[,;]\s*|\s)(?:[Hh]oàn thành|[Hh]oàn tất|xong)\s+"
    r"(?P<time>(?:trước|chậm nhất)\s+(?:ngày|tháng|quý|năm)\s[^;()]{1,40}?)\.\s+(?=[A-ZĐ])"
)
# "(hoàn thành trong tháng 11/2025)", "(xong trước ngày 30/6)": a deadline in brackets.
_BRACKETED_TIME_RE = re.compile(
    r"\s*\(\s*(?:[Hh]oàn thành|[Hh]oàn tất|[Xx]ong)\s+"
    r"(?P<time>(?:trong|trước|chậm nhất)\s+(?:ngày|tháng|quý|năm|\d)[^()]{1,60}?)\s*\)"
)
