"""Tasks assigned in sentences, as resolutions and directives print them (no table, no
labelled lines)::

    3. Giao Bộ Nội vụ chủ trì, phối hợp với Bộ Tư pháp xây dựng Đề án …, hoàn thành trong
       quý IV năm 2025.
    b) Ủy ban nhân dân Thành phố chủ trì tổ chức triển khai …; thời gian hoàn thành: năm 2026.
    4. Sở Tư pháp:
       - Chủ trì, phối hợp với các sở rà soát …, hoàn thành trước ngày 30/6/2025.

Each assigning sentence becomes a row of work: the lead is the agency the sentence gives the
task to (or its subject), the partners follow "phối hợp với", the timeframe is a labelled
"Thời gian …:" or an inline "hoàn thành trong/trước …". Headings (I., 1., a)) that assign
nothing are sections; an agency heading ("4. Sở Tư pháp:") leads the bullets under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cchc.plans.parsing import cells as C
from cchc.plans.parsing import conclusions as K
from cchc.plans.parsing import structure as S
from cchc.plans.parsing.agencies import cut_at_verb, document_verbs, known_body, split_name
from cchc.plans.parsing.announced import topic_over_paragraph
from cchc.plans.parsing.casepoints import listed_below, point_content
from cchc.plans.parsing.clauses import (
    accountable,
    after_topic,
    announced_partners,
    bracketed_note,
    cites_plan_tasks,
    collective_name,
    continues_opening,
    deadline_of,
    ends_on_deadline,
    ends_sentence,
    holds_verb,
    is_content,
    later_subjects,
    named_before_colon,
    named_list,
    own_clauses,
    partners_up_to_verb,
    point_body,
    scheduled,
    sentences_of_others,
    split_partners,
    subject_of,
    task_after_list,
)
from cchc.plans.parsing.columns import field_for_label
from cchc.plans.parsing.decisions import framed_subject, funding_only, subject_end
from cchc.plans.parsing.dutyexecution import executes_only
from cchc.plans.parsing.dutyheading import duty_match
from cchc.plans.parsing.dutypoints import agencies_below
from cchc.plans.parsing.framedsteps import framed_step
from cchc.plans.parsing.inline import inline_parts
from cchc.plans.parsing.leads import keeps_announced, lead_qualifier, subject_after
from cchc.plans.parsing.lines import logical_lines
from cchc.plans.parsing.otherbodies import verb_subject
from cchc.plans.parsing.plusbullets import announces_plus, row_number
from cchc.plans.parsing.qualifiers import based_title, remit_words
from cchc.plans.parsing.result import Column, Item, ParsedPlan
from cchc.plans.parsing.subjectduty import without_lead_words
from cchc.plans.parsing.vocabulary import (
    _ADDRESS_RE,
    _AGENCY,
    _AGENCY_HEADING_RE,
    _AGENCY_ONLY_RE,
    _ANNOUNCED_TIME_RE,
    _ASKED_RE,
    _ASKS_FOR_FIGURES_RE,
    _ASKS_RE,
    _BULLET_RE,
    _BUSINESS_GROUP_RE,
    _CLOSING_RE,
    _DONE_RE,
    _DUTY_LEAD_RE,
    _DUTY_OPENING_RE,
    _GIVE_HEADING_RE,
    _GIVEN_RE,
    _HEADING_RE,
    _HONORIFIC_RE,
    _IF_NEEDED_RE,
    _LABEL_LINE_RE,
    _OPENING_RE,
    _PAREN_RE,
    _ROLE_HEADING_RE,
    _ROLE_ONLY_RE,
    _ROLE_PARTNERS_RE,
    _SCOPE_RE,
    _SIGNATURE_RE,
    _SUBJECT_RE,
    _SUMMARY_RE,
    _TIME_SENTENCE_RE,
    _TRAILING_NOTE_RE,
    _VERBS,
)
from cchc.plans.readers.base import Paragraph


@dataclass
class AssignmentInterpreter:
    parsed: ParsedPlan
    preamble: list[str] = field(default_factory=list)
    sections: list[tuple[str, str]] = field(default_factory=list)
    # The rows read from a run of "+" sub-bullets: a labelled "Thời gian …:" line after the
    # run gives the deadline of the whole group.
    group: list[Item] = field(default_factory=list)
    # "a) Chủ trì, phối hợp với các sở, ngành …" over bullets: the partners of those bullets.
    role_partners: str = ""
    # "b) Chủ trì, phối hợp" with no object: the bullets below open with their partners.
    partners_below: bool = False
    # "1. Bộ Tài chính chủ trì, phối hợp với các bộ, địa phương liên quan:": the partners of
    # the points under that agency heading.
    agency_partners: str = ""
    addressees: bool = False  # inside the "Kính gửi:" block
    # A numbered topic heading ending in ":" over one paragraph ("1. Quyết liệt …:" / "Các
    # đồng chí Bộ trưởng … phải …"): (label, kind) that paragraph is read with.
    topic: tuple[str, str] | None = None
    # "…, hoàn thành trong tháng 11 năm 2025, cụ thể:": the deadline of the "(1)" lines below.
    announced_time: str = ""
    line: int = 0  # the line of the paragraph being read
    # The row whose contents the "(1) …" lines below it list (not tasks of their own).
    contents_of: Item | None = None
    in_tasks: bool = False  # a row of work has been read: plain sentences may be rows too
    # The label of the agency heading above and the rows read under it: a heading over one
    # paragraph ("4. Ủy ban nhân dân các phường, xã" / "Tăng cường kiểm tra …") numbers it.
    agency_label: str = ""
    agency_rows: list[Item] = field(default_factory=list)
    heading_of: tuple[str, str] | None = None  # the agency that heading names
    verbs: frozenset[str] = frozenset()  # the verbs the document's points open with
    announced_at: int = 0  # the sections open above the paragraph announcing the agency
    labelled_blocks: bool = False  # the document labels its blocks ("Đơn vị chủ trì: …")
    heading_task: bool = False  # the agency heading above carries its task on its line
    duty_heading: bool = False  # the agency heading above is a duty's ("Trách nhiệm của X")

    def run(self, paragraphs: list[Paragraph]) -> None:
        agency: tuple[str, str] | None = None  # (section kind, lead) of an agency heading
        started = False
        units = [Paragraph(line=n, text=t) for n, t in logical_lines(paragraphs)]
        # The verbs this document's points open with: they end a body's name too.
        self.verbs = document_verbs(
            [point_body(unit.text) for unit in units],
            lambda text: re.match(_AGENCY, text) is not None,
        )
        # "Đơn vị chủ trì: …", "Nhiệm vụ: …": a plan of labelled blocks (prose.py reads it)
        self.labelled_blocks = any(
            (found := _LABEL_LINE_RE.match(unit.text))
            and field_for_label(found.group("label")) in {"lead", "partners", "task"}
            for unit in units
        )
        for position, paragraph in enumerate(units):
            text = paragraph.text
            following = units[position + 1].text if position + 1 < len(units) else ""
            self.in_tasks = started
            if text and self.contents_of is not None:
                if point_content(text, self.contents_of.title):  # casepoints.py
                    self.contents_of.notes = "; ".join(
                        filter(None, [self.contents_of.notes, text.rstrip(" ;")])
                    )
                    continue
                self.contents_of = None
            if text:
                if not started and self._addressee(text):
                    self.preamble.append(text)
                    continue
                label, body, kind = "", text, "bullet"
                heading = _HEADING_RE.match(text)
                bullet = _BULLET_RE.match(text)
                paren = None if heading or bullet else _PAREN_RE.match(text)
                if heading:
                    label = C.normalise_number(heading.group("label"))
                    body = S.without_stray_stop(heading.group("rest").strip(), label)
                    kind = C.label_kind(label)
                elif bullet:
                    body = bullet.group("rest").strip()
                elif paren and not inline_parts(text):
                    label, body, kind = paren.group("label"), paren.group("rest").strip(), "paren"
                else:
                    kind = "plain"
                topic, self.topic = self.topic, None
                if (kind == "paren" or heading) and agency and agency[0] == "paren":
                    agency = None  # "(2) …", "2. …": the bullets of "(1) …" have ended
                announces = (
                    S.announcing(text) if kind == "plain" else announces_plus(text, following)
                )
                if topic and not announces and kind == "plain":
                    label, kind = topic  # the paragraph under "1. Quyết liệt …:" is its row
                self.announced_time = "" if heading else self.announced_time
                after_agency = bool(heading and agency and kind == agency[0])
                if heading and agency and (kind == agency[0] or S.shallower(kind, agency[0])):
                    # "c) …" after the agency heading "b) Bộ Tài chính": a sibling; "2. Về …"
                    # after "1.4. Giao Sở Xây dựng": a parent's sibling. Both end its points.
                    agency = None
                    self.agency_partners = ""
                self.line = paragraph.line
                split = self._inline(text, body, label, kind, agency)
                if split:
                    started = True
                    continue
                if heading or (kind in {"plain", "bullet"} and started):
                    # "- Báo cáo tháng: Sở Tài chính tổng hợp …": a label, then the sentence
                    body = after_topic(body)
                if heading and body.endswith(":") and S.sibling(following, kind):
                    # "a) Hướng dẫn … thuộc thẩm quyền:" then "b) …": a colon printed by
                    # mistake announces nothing; the point is a task.
                    body = body.rstrip(" :")
                if self.parsed.items and self._labelled(text):
                    continue
                plus = bool(bullet) and text.lstrip().startswith("+")
                if not plus:
                    self.group = []
                if heading:
                    # a heading ends the role heading's bullets
                    self.role_partners, self.partners_below = "", False
                if agency and kind == "plain" and (named_partners := announced_partners(body)):
                    # "Chủ trì, phối hợp với X tham mưu …:" under an agency heading: X are the
                    # partners of the points below it.
                    self.agency_partners = named_partners
                    continue
                if agency and S.bare_role(body) and (heading or _BULLET_RE.match(following)):
                    # "b) Chủ trì, phối hợp" over "- Sở Tài chính … tham mưu …": the agency
                    # leads the bullets below, each naming its partners as its subject.
                    self.partners_below = True
                    continue
                role = _ROLE_PARTNERS_RE.match(body.strip(" .;*"))
                if role and task_after_list(body.strip(" .;*")):
                    role = None  # "Chủ trì, phối hợp với các đơn vị có liên quan đa dạng hóa …"
                if role and agency and (heading or kind == "plain"):
                    self.role_partners = role.group("partners").strip(" ,")
                    if not heading:
                        continue  # the role of the bullets below, read into them
                if _SIGNATURE_RE.match(text):
                    break  # "Nơi nhận:", "KT. CHỦ TỊCH": the body of the document has ended
                # (right under a numbered agency heading, "Căn cứ …, triển khai các nhiệm vụ tại
                # Phần III Kế hoạch này; …" is its task; "… thực hiện Kế hoạch này." alone is not)
                first_under = bool(
                    agency
                    and self.agency_label
                    and not self.agency_rows
                    and not self.heading_task
                    and cites_plan_tasks(text)
                )
                closing = _CLOSING_RE.search(text) and not first_under
                if (kind == "plain" and (closing or _SUMMARY_RE.match(text))) or (
                    _IF_NEEDED_RE.match(body)
                    and not scheduled(body)
                    # (under a body's duty heading, "b) Trong quá trình …, nếu …, các bộ … có
                    # trách nhiệm gửi …" is one of its points: a row)
                    and not (agency and self.duty_heading and kind == "sub")
                ):
                    continue  # "… tổ chức quán triệt, thực hiện nghiêm túc Chỉ thị này."
                # "19. Các cơ sở đào tạo đại học, sau đại học": a short heading naming a body
                # is the agency of the points below it, even with a verb's word ("đào tạo").
                bare = _TRAILING_NOTE_RE.sub("", _ASKED_RE.sub("", body, count=1))
                bare = bare[:1].upper() + bare[1:]
                give = _GIVE_HEADING_RE.match(body) if heading else None
                listing = (
                    (
                        S.named_heading(body)
                        or S.group_heading(body, following, subject_of)
                        # (after an agency heading of the same level: bodies by their kind)
                        or (S.sibling_named_heading(body) if after_agency else None)
                    )
                    if heading and kind not in {"roman", "part"}
                    else None
                )
                named = (
                    listing is not None
                    # "1. Về …", "1. Tập trung …" over "- …": a topic, a section
                    or (heading is not None and S.topic_only(body))
                    # ("1. Phát động …" over "a) Bộ …" under a paragraph announcing who acts)
                    or bool(heading and S.topic_over_points(body, following, kind, agency))
                    or (
                        heading is not None
                        and kind not in {"sub", "roman", "part"}
                        and S.topic_over_bullets(body, following, subject_of)
                    )
                    or (
                        heading is not None
                        and kind not in {"roman", "part"}
                        and len(bare) <= (200 if _BUSINESS_GROUP_RE.match(bare) else 100)
                        and bare[-1:] not in ".;:"
                        and _AGENCY_ONLY_RE.match(bare) is not None
                    )
                    or (
                        # "1. Giao người đứng đầu các cơ quan …; Chủ tịch …" names who, not what
                        give is not None and not holds_verb(give.group("lead"))
                    )
                )
                # "Hội đồng … khẩn trương hoàn thành …. Bộ Nông nghiệp … khẩn trương tiếp thu …":
                # a later sentence with a subject of its own is a row of its own: in the one
                # paragraph, numbered or plain (a topic's too), and under an agency heading when
                # that subject is another body ("…. Ngân hàng hướng dẫn …"; "Conventions").
                parted = bool(topic or heading or kind == "plain") and not agency
                own, later = later_subjects(body, not topic) if parted else (body, [])
                if agency and not topic and not named:
                    own, later = sentences_of_others(body, agency[1], self._subject)
                lead_kind = (agency[1], kind, agency[0]) if agency else (None, kind, "")
                item = None if named else self._assignment(own, *lead_kind)
                if item is None and later and not named:
                    # (a closing paragraph is no row of its own: the whole of it is read)
                    own, later = body, []
                    item = self._assignment(own, *lead_kind)
                answer = (
                    S.topic_answer(body) or S.lone_point(label, body, self.parsed.items, kind)
                    if (heading or kind == "paren") and item is None and not named
                    else None
                )
                answer = None if answer and K.no_task(answer) else answer  # "Thực hiện theo …"
                if answer:  # "2. Về …: Tỉnh căn cứ …", "đ) Khuyến khích …": rows (structure.py)
                    item = self._assignment(answer, "?", "inline", "") or Item(line=0, title="")
                    item.lead, item.title = "", item.title or answer.rstrip(" .;")
                    warning = _("Point %(number)s names no agency: check its lead.")
                    self.parsed.warn(paragraph.line, warning % {"number": label}, "point-no-lead")
                if item is None and text.rstrip().endswith(":"):
                    announced = _ANNOUNCED_TIME_RE.search(text)
                    self.announced_time = announced.group("time").strip() if announced else ""
                if item is not None and (item.lead or agency or answer):
                    started = True
                    item.line = paragraph.line
                    item.number = row_number(label, kind, self.sections, agency)
                    item.section = [t for _k, t in self.sections]
                    if self.partners_below and agency and bullet and item.lead != agency[1]:
                        item.lead, item.partners = agency[1], item.lead
                    if self.role_partners and agency and item.lead == agency[1]:
                        item.partners = item.partners or self.role_partners
                    if self.agency_partners and agency and item.lead == agency[1]:
                        item.partners = item.partners or self.agency_partners
                    if kind == "paren" and not item.timeframe:
                        item.timeframe = self.announced_time
                    self._number_sole_row(item, kind, agency)
                    self.parsed.items.append(item)
                    for sentence in later:
                        extra = self._assignment(sentence, None, kind)
                        if extra is not None:
                            extra.line, extra.section, extra.number = item.line, item.section, ""
                            self.parsed.items.append(extra)
                        else:
                            item.notes = "; ".join(filter(None, [item.notes, sentence]))
                    paren_rows = kind == "paren" and (not agency or item.lead != agency[1])
                    paren_rows = paren_rows and not keeps_announced(agency, following)
                    if item.lead and (paren_rows or S.own_bullets(heading, agency, following)):
                        # "(1) Bộ Y tế chỉ đạo …" / "- Chỉ đạo …": the bullets below are its tasks
                        agency = (kind, item.lead)
                    if plus:
                        self.group.append(item)
                    continue
                # "9. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh": an agency heading too.
                asked = _ASKED_RE.sub("", body, count=1) if heading else body
                asked = _TRAILING_NOTE_RE.sub("", asked) if heading else asked
                asked = asked[:1].upper() + asked[1:] if heading else asked
                duty = duty_match(asked) if heading else None
                if duty and agencies_below(following, kind):
                    # "2. Trách nhiệm của các đơn vị:" over "2.1. Sở Tài chính:": the points
                    # below name the agencies; the heading is their section.
                    duty, asked = None, body
                if duty:
                    asked = duty.group("lead")[:1].upper() + duty.group("lead")[1:]
                # "a) Tham mưu … trình Hội đồng nhân dân tỉnh quyết định:" over "- Phương án
                # phân bổ vốn …" under an agency heading: bullets that are no tasks (structure.py).
                below = [unit.text for unit in units[position + 1 :]]
                listed = listed_below(heading, agency, body, below, is_content)  # casepoints.py
                if listed or (
                    (heading or label)
                    and asked.endswith(":")
                    and _ASKS_FOR_FIGURES_RE.search(asked)
                    and is_content(following)
                ):
                    # "1. Chủ tịch … khẩn trương … báo cáo cụ thể về một số nội dung sau:" over
                    # "(1) Số hộ dân …": the point is the task, the lines below what it covers.
                    row = self._assignment(
                        body.rstrip(" :"),
                        agency[1] if listed and agency else None,
                        kind,
                        agency[0] if listed and agency else "",
                    )
                    if row is not None:
                        started = True
                        row.line, row.number = paragraph.line, label
                        row.section = [t for _k, t in self.sections]
                        self.parsed.items.append(row)
                        self.contents_of = row
                        continue
                role_heading = _ROLE_HEADING_RE.match(asked) if heading else None
                given = _GIVE_HEADING_RE.match(asked) if heading else None
                lead_heading = (
                    role_heading
                    or listing
                    or (S.announcing(asked) if heading else None)
                    or _AGENCY_HEADING_RE.match(asked)
                    or _AGENCY_ONLY_RE.match(asked)
                    or (_DUTY_LEAD_RE.match(asked) if duty else None)
                    # "d) Giao Ban Quản lý … chỉ đạo các đơn vị … có trách nhiệm:": the agency
                    # given the bullets ends at its verb, as in a sentence that gives a task.
                    or (
                        _GIVEN_RE.match(asked)
                        if given and holds_verb(given.group("lead"))
                        else None
                    )
                    or (_DUTY_LEAD_RE.match(given.group("lead")) if given else None)
                )
                longest = 200 if _BUSINESS_GROUP_RE.match(asked) or given else 120
                longest = 320 if listing else longest
                if heading and lead_heading and len(lead_heading.group("lead")) < longest:
                    lead, rest = named_list(
                        S.without_role_word(lead_heading.group("lead").strip()),
                        lead_heading.group("rest").strip(),
                    )
                    agency = (kind, lead)
                    self.sections = S.closed(self.sections, kind)  # "3. Giao Sở X" after "2. Về …"
                    self.agency_label, self.agency_rows, self.heading_of = label, [], agency
                    self.heading_task = bool(rest)
                    self.duty_heading = bool(duty)
                    self.agency_partners = (
                        partners_up_to_verb(role_heading.group("partners")) if role_heading else ""
                    )
                    if rest:
                        sub = self._assignment(rest, agency[1])
                        if sub is not None:
                            started = True
                            sub.line = paragraph.line
                            sub.number = label
                            sub.section = [t for _k, t in self.sections]
                            self.parsed.items.append(sub)
                    continue
                topic_heading = S.topic_heading(body)  # "2. Về …:" over a paragraph
                if (
                    heading
                    and (len(body) <= 200 or topic_heading or named)
                    and kind != "sub"
                    and ((body[-1:] != "." and not ends_on_deadline(body)) or named)
                ):
                    # A sibling or parent section ends the agency's bullets; an agency that a
                    # paragraph announced, only a section above that paragraph.
                    above = self.announced_at if agency and agency[0] == "plain" else None
                    if agency and kind in {k for k, _t in self.sections[:above]}:
                        agency = None
                    self._open_section(kind, label, body)
                    if (
                        body.rstrip(" *").endswith(":")
                        or S.topic_only(body)
                        or topic_over_paragraph(body, following, agency)  # (announced.py)
                    ):
                        self.topic = (label, kind)
                    continue
                subjectless = (
                    K.implied_task(body, [t for _k, t in self.sections], self.preamble)
                    if not agency and not self.labelled_blocks and (heading or topic or bullet)
                    else ""
                )
                who, subjectless = named_before_colon(subjectless)
                row = self._assignment(subjectless, "?", kind) if subjectless else None
                if row is not None:
                    # "2. Cần đánh giá kỹ …" under "II. MỘT SỐ NHIỆM VỤ, GIẢI PHÁP": a task
                    # whose body the notice leaves implied; kept, its lead to be checked.
                    started = True
                    row.lead, row.line = who, paragraph.line
                    row.number = label if kind not in {"roman", "part"} else ""
                    row.section = [t for _k, t in self.sections]
                    self.parsed.items.append(row)
                    if not who:
                        self.parsed.warn(
                            paragraph.line,
                            _("This row names no agency: check its lead. «%(text)s»")
                            % {"text": (row.title or "")[:80]},
                            "prose-no-lead",
                        )
                    continue
                # "Ủy ban nhân dân các tỉnh, thành phố:" over "a) Huy động …": up to the next
                # heading of its section's kind (structure.py).
                over = S.subject_line(text, following, subject_of) if kind == "plain" else None
                subject = announces or over  # (a bullet's too, over the bullets below it)
                if subject is not None:
                    # "…, tỉnh Đắk Lắk cần tiếp tục … tập trung thực hiện một số nội dung
                    # trọng tâm sau:" over points with no subject: the province leads them.
                    upto = self.sections[-1][0] if over and self.sections else "plain"
                    agency = (upto, subject.group("lead"))
                    self.announced_at = len(self.sections)
                    self.agency_label, self.agency_rows, self.agency_partners = "", [], ""
                if not started and not (heading and K.unread_point(body, self.preamble)):
                    self.preamble.append(text)
                    started = S.opens_letter(text, [u.text for u in units[position + 1 :]])
                elif subject is not None:
                    pass
                else:
                    # Text among the tasks that assigns nothing: a warning with its line (a
                    # row if it sets a deadline, conclusions.py).
                    K.skipped(self.parsed, paragraph.line, text, [t for _k, t in self.sections])
        if self.parsed.items:
            self.parsed.document.columns = [
                Column(label="STT", field="number"),
                Column(label="Nhiệm vụ", field="title"),
                Column(label="Cơ quan chủ trì", field="lead"),
                Column(label="Cơ quan phối hợp", field="partners"),
                Column(label="Thời gian hoàn thành", field="timeframe"),
            ]
            if any(item.notes for item in self.parsed.items):
                self.parsed.document.columns.append(Column(label="Ghi chú", field="notes"))

    def _number_sole_row(self, item: Item, kind: str, agency: tuple[str, str] | None) -> None:
        """The rows under a numbered agency heading take its number (structure.py)."""
        if agency and item.lead == agency[1] and (kind != "bullet" or agency == self.heading_of):
            self.agency_rows.append(item)
            S.number_under_heading(self.agency_rows, self.agency_label, kind)

    def _addressee(self, text: str) -> bool:
        """Whether ``text`` belongs to the "Kính gửi:" block (read into the preamble)."""
        if _ADDRESS_RE.search(text):
            self.addressees = True
            return True
        if not self.addressees:
            return False
        if not _HEADING_RE.match(text) and (_BULLET_RE.match(text) or len(text) <= 80):
            return True  # "- Bộ trưởng các Bộ: Tài chính, Nội vụ, Bộ Y tế.", "|"
        self.addressees = False
        return False

    def _inline(
        self, text: str, body: str, label: str, kind: str, agency: tuple[str, str] | None
    ) -> bool:
        """A paragraph running "(1) … (2) …" together: one row of work per part.

        The text before "(1)" names the agency of the parts that have no subject of their own
        ("a) Bộ Khoa học và Công nghệ: (1) trình …; (2) chủ trì …"), or is the topic of the
        numbered point ("3. Khẩn trương ban hành …: (1) Thanh tra Chính phủ ban hành …"). A
        part with no agency at all is kept, with a warning, not dropped. Returns whether the
        paragraph was read that way.
        """
        found = inline_parts(body)
        if found is None:
            return False
        intro = _HONORIFIC_RE.sub("", found.intro.strip(" *"))
        intro = intro[:1].upper() + intro[1:]
        named = (
            _AGENCY_HEADING_RE.match(intro + ("" if intro.endswith(":") else ":"))
            if intro
            else None
        )
        lead = agency[1] if agency else ""
        if named and not named.group("rest").strip():
            lead, _rest = named_list(named.group("lead").strip(), "")
        elif intro and not intro.endswith(":"):
            # "các bộ, ngành, địa phương tập trung: (i) …" is one task (its sub-points stay in
            # it); a sentence before "(1)" that is not a heading: not a list of tasks.
            return False
        items = []
        for number, part in found.parts:
            own, others = own_clauses(part)
            item = self._assignment(own, lead or None, "inline", "")
            if item is None:
                # No agency at all: read its partners and deadline all the same, lead empty.
                item = self._assignment(own, "?", "inline", "") or Item(
                    line=0, title=own.rstrip(" .;")
                )
                item.lead = ""
            if others:
                # "…; Các bộ, ngành, địa phương … gửi kết quả về Bộ Công an trước …": what
                # the point asks of other bodies stays with it, in its notes.
                item.notes = "; ".join(filter(None, [item.notes, others]))
            items.append((number, item))
        if not any(item.lead for _n, item in items):
            return False
        if intro and not named and label and kind not in {"sub", "paren", "plain", "bullet"}:
            self._open_section(kind, label, intro)
        for number, item in items:
            item.line = self.line
            item.number = f"{label}.{number}" if label else str(number)
            item.section = [t for _k, t in self.sections]
            if not item.lead:
                self.parsed.warn(
                    self.line,
                    _("Point (%(number)s) names no agency: check its lead.") % {"number": number},
                    "inline-no-lead",
                )
            self.parsed.items.append(item)
        return True

    def _labelled(self, text: str) -> bool:
        """A labelled sentence set apart from the item above ("Thời gian hoàn thành: …")."""
        match = _LABEL_LINE_RE.match(text)
        sentence = None if match else _TIME_SENTENCE_RE.match(text.strip())
        if sentence:
            # "Thời gian hoàn thành trước ngày 31/12/2025." on its own after the row: its deadline.
            item = self.parsed.items[-1]
            item.timeframe = item.timeframe or _DONE_RE.sub("", sentence.group("time").strip())
            return True
        if not match or _HEADING_RE.match(text):  # ("b) Thời gian chốt …: …": a point's own)
            return False
        name = field_for_label(match.group("label"))
        if name not in {"lead", "partners", "timeframe", "outputs"}:
            return False
        item = self.parsed.items[-1]
        value = match.group("value").strip(" .;")
        if name == "outputs":
            item.outputs = value
        elif name == "timeframe" and len(self.group) > 1 and self.group[-1] is item:
            # "+ Sở Xây dựng: …", "+ Sở Công Thương: …", then "Thời gian thực hiện: …": the
            # deadline of every sub-bullet of the group that has none of its own.
            for member in self.group:
                member.timeframe = member.timeframe or value
        elif not getattr(item, name):
            setattr(item, name, value)
        return True

    def _open_section(self, kind: str, label: str, title: str) -> None:
        kinds = [k for k, _t in self.sections]
        if kind in kinds:
            del self.sections[kinds.index(kind) :]
        self.sections.append((kind, f"{label}. {title.rstrip(' :.')}"))

    def _subject(self, sentence: str) -> str:
        row = self._assignment(sentence, None, "inline")
        return row.lead or "" if row is not None else ""

    def _assignment(
        self, text: str, agency: str | None, kind: str = "plain", agency_kind: str = ""
    ) -> Item | None:
        if S.assessing(self.sections[self.announced_at if agency else 0 :]) or K.no_task(text):
            return None  # "I. ĐÁNH GIÁ CHUNG", "1. … nhất trí với Tờ trình …" (conclusions.py)
        if funding_only(text):  # "5. Kinh phí … được ngân sách bảo đảm …" (decisions.py)
            return None
        lead, rest = "", ""
        text = _HONORIFIC_RE.sub("", text)
        given = _GIVEN_RE.search(text) or K.asked_bodies(text)
        if (
            given
            and given.start() > 0
            and (agency or subject_of(text))
            and (
                re.match(rf"(?:{_VERBS})\b", text[:1].lower() + text[1:])
                # "+ Kiên quyết cắt giảm …. Giao Văn phòng Bộ tổng hợp …": a later sentence
                # of a bullet (a closing paragraph's "Giao X …" is X's row)
                or (kind != "plain" and text[: given.start() + 1].rstrip().endswith("."))
            )
        ):
            # "a) Chủ trì, phối hợp với … tổ chức triển khai Đề án; … giao Bộ trưởng …
            # quyết định …" under an agency heading: the point is the agency's; what it says
            # is given to another later in the sentence belongs to its text.
            given = None
        subject = _SUBJECT_RE.match(text) or (
            # a plain paragraph among the tasks ("Bộ Quốc phòng, Bộ Công an huy động …")
            verb_subject(text) if kind != "plain" or self.in_tasks else None  # (otherbodies.py)
        )
        if subject and kind == "plain" and _ASKS_RE.search(subject.group("lead")):
            subject = None  # "Ủy ban nhân dân Thành phố yêu cầu các Sở …": who asks, not who does
        opening = ""
        opens = _OPENING_RE.match(text) or (
            not agency
            and kind not in {"plain", "bullet"}
            and (
                re.match(rf"(?:{_VERBS})\b", text[:1].lower() + text[1:])
                or _SCOPE_RE.match(text)
                or re.search(r"[.:] ", text[:400])  # "3. Khôi phục sản xuất. Bộ … chủ động …"
            )
        )
        if not given and not subject and (kind != "plain" or self.in_tasks) and opens:
            # "4. Khẩn trương khắc phục …, các địa phương phải huy động …", "5. … thực phẩm.
            # Bộ Nông nghiệp và Môi trường chủ động …": the subject after an opening clause.
            for comma in re.finditer(r"[,.]\s+", text[:400]):
                tail = text[comma.end() :]
                if agency and re.match(rf"(?:{_VERBS})\b", tail):
                    # "Căn cứ chức năng nhiệm vụ, chỉ đạo các cơ sở … lồng ghép …" under an
                    # agency heading: the clause after the opening has no subject of its own;
                    # the heading's agency does it (the bodies named after the verb are its
                    # objects, not the subject).
                    break
                subject = subject_after(text[: comma.start()], tail)  # (leads.py)
                if subject is None and (named := known_body(tail)):
                    # "Để bảo đảm …, Bộ Công Thương điều hành …": a ministry's whole name
                    subject = re.match(
                        rf"^(?P<lead>{re.escape(named)})\s+(?P<rest>.*)$", tail, re.S
                    )
                if (
                    subject
                    and _OPENING_RE.match(text)
                    and continues_opening(tail, subject.group("lead"))
                ):
                    subject = None  # "… của các Bộ, cơ quan liên quan, Bộ Tài chính …"
                    continue
                if subject:
                    opening = text[: comma.start()].strip()
                    break
        if given:
            lead, rest = given.group("lead"), given.group("rest")
        elif subject:
            lead, rest = subject.group("lead"), subject.group("rest")
        elif (kind != "plain" or self.in_tasks) and (named := known_body(text)):
            # "2. Bộ Công Thương thúc đẩy đàm phán …": a whole ministry's name as subject,
            # whatever the verb after it.
            lead, rest = named, text[len(named) :]
        elif (
            (kind != "plain" or self.in_tasks)
            and (labelled := _AGENCY_HEADING_RE.match(text))
            and labelled.group("rest").strip()
        ):
            # "+ Sở Xây dựng: hướng dẫn …": the agency named before its task.
            lead, rest = named_list(labelled.group("lead"), labelled.group("rest"))
        elif agency and kind not in {"plain", agency_kind, "roman", "part"}:
            # A bullet or a sub-point under an agency heading ("b) Bộ Tài chính:" then "- …",
            # "2. Sở Nội vụ" then "a) …") is its task.
            lead, rest = S.holder_task(agency, S.topic_task(text))  # (holders.py)
        elif agency and kind not in {"roman", "part"} and _DUTY_OPENING_RE.match(text):
            lead, rest = agency, text
        elif agency and kind == "plain" and (framed := framed_step(text, agency)):
            lead, opening, rest = framed  # "Sau thời hạn …, lập …", "Trường hợp … thì X …"
        elif (
            agency
            and kind not in {"roman", "part"}
            and re.match(rf"(?:{_VERBS})\b", text[:1].lower() + text[1:])
        ):
            # "1. Bộ trưởng các Bộ, Thủ trưởng cơ quan ngang bộ" / "Tập trung chỉ đạo …": a
            # sentence under an agency heading that starts with a task's verb is its task.
            lead, rest = agency, text
        elif (
            agency
            and kind == "plain"
            and self.agency_label
            and not self.agency_rows
            and text[:1].isupper()
            and ends_sentence(text)
            and not subject_of(text)
        ):
            # "3. Kho bạc Nhà nước khu vực XV" / "Điều tiết nguồn vốn …": the first paragraph
            # right under a numbered agency heading is its task whatever its first verb (a
            # closing paragraph comes after the points, not right under a heading). A line
            # that ends no sentence ("Phụ nữ Thành phố và các tổ chức …", the rest of a
            # heading printed as a paragraph of its own) is no task.
            lead, rest = agency, text
        else:
            return None
        lead, rest = bracketed_note(*collective_name(*framed_subject(lead, rest)))
        lead, rest = subject_end(lead, rest)  # (decisions.py, referencedsubject.py)
        named = known_body(lead)
        if named and len(named) < len(lead):
            # "Bộ Tài chính tiếp thu ý kiến các bộ" up to "hoàn thiện": the ministry's whole
            # name ends before a verb the vocabulary lacks.
            lead, rest = named, f"{lead[len(named) :].strip()} {rest}"
        lead, spill = split_name(lead)
        lead, rest, qualifier = lead_qualifier(lead, rest)  # ", nhất là …" (leads.py)
        # (not the document's verbs in a heading's name: "… và các tổ chức chính trị - xã hội")
        head = re.match(_AGENCY, lead) if not spill and lead != agency else None
        if head and self.verbs:
            lead, spill = cut_at_verb(lead, self.verbs, head.end())
        if spill:
            # "Ủy ban nhân dân các xã, phường tăng cường kiểm tra …"; the comma the lead
            # ended at stays in the task ("…-xã hội phát huy mạnh mẽ, thành quả …")
            rest = f"{spill}{',' if f'{spill}, ' in text else ''} {rest}"
        if _ROLE_ONLY_RE.match(text.strip(" .;*")) and not task_after_list(text):
            # "b) Phối hợp với các sở, ngành, UBND các xã, phường" over bullets: the role the
            # agency plays in the tasks below, not a task.
            return None
        if (
            executes_only(rest, self.duty_heading and lead == agency)
            # (a body "Giao …" accountability is given a task: "… báo cáo …" follows; a
            # bullet under an agency heading, "- Chịu trách nhiệm trước pháp luật nếu …", is
            # one of the agency's duties)
            or (accountable(rest) and not given and lead != agency)
            or text.rstrip().endswith(":")
        ):
            # The closing formula, or a sentence announcing the tasks that follow it.
            return None
        rest, remit = remit_words(rest)  # "theo chức năng, …", "có trách nhiệm": to the notes
        rest = without_lead_words(rest, lead != agency)  # (subjectduty.py)
        # "phối hợp với X …": the partners; an opening clause before the role kept in notes.
        rest, partners, frame = split_partners(rest)
        opening = "; ".join(filter(None, [opening, remit, frame, qualifier]))
        own, others = own_clauses(rest)
        if others:
            # "…, báo cáo … trước ngày 30/11/2025; Trên cơ sở đó, Ban Chỉ đạo … xây dựng …":
            # what the point asks of another body is kept in its notes, not its deadline.
            rest, opening = own, "; ".join(filter(None, [opening, others]))
        rest, timeframe, reference = deadline_of(rest)
        opening = "; ".join(filter(None, [opening, reference]))
        title = re.sub(r"\s+(?=[,;])", "", re.sub(r"\s{2,}", " ", rest)).strip(" ,;.")
        if not title:
            return None
        title, opening = based_title(title, opening, text)  # a specific basis (qualifiers.py)
        return Item(
            line=0,
            title=title,
            lead=lead.strip(" ,"),
            partners=partners,
            timeframe=timeframe,
            notes=opening,  # "Trên cơ sở …": the context the sentence opens with, kept
        )
