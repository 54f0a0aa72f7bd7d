"""The issuer's courteous request to bodies outside its authority (issue 15, round 20).

    4. Chính phủ trân trọng đề nghị các cơ quan của Đảng, Quốc hội …, Mặt trận Tổ quốc Việt
    Nam và các tổ chức thành viên, … tăng cường giám sát, phối hợp chặt chẽ với …

A Government, a Prime Minister or a provincial committee cannot give tasks to the Party, the
National Assembly, the courts or the Fatherland Front: it asks them, courteously ("trân trọng
đề nghị", "kính đề nghị"). Such a point is a row all the same: the bodies asked lead it (as
after "Đề nghị X …" opening a point), the issuer and its request words are no part of it, the
title starts at the task's verb. The bodies run to the first task's verb that is not a noun of
the list ("các tổ chức thành viên", "các tổ chức chính trị - xã hội": after a plural or before
the words that name a kind of organisation, "tổ chức" is a noun). A request only that the
letter be carried out ("… kính đề nghị các cơ quan, đơn vị quan tâm phối hợp thực hiện; …")
is the letter's closing, no row.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.vocabulary import _AGENCY, _VERBS

# "<issuer> trân trọng đề nghị …": a short capitalised name (no verb in it), then the
# courteous request words.
_REQUEST_RE = re.compile(
    r"^(?P<issuer>[A-ZĐÀ-Ỹ][^,.;:()]{1,60}?)\s+(?:trân trọng|kính)\s+đề nghị\s+(?P<asked>.+)$",
    re.S,
)
_VERB_RE = re.compile(rf"\s(?P<verb>(?:{_VERBS}))\b")
# "tổ chức thành viên", "tổ chức chính trị - xã hội": the noun, not the verb.
_ORGANISATION_RE = re.compile(
    r"tổ chức(?=,|\s+(?:thành viên|chính trị|xã hội|đoàn thể|đảng|quốc tế|tín dụng|"
    r"có liên quan|liên quan|khác)\b)"
)
_BODIES_RE = re.compile(rf"(?:các|những|{_AGENCY})\b")
# "… kính đề nghị các cơ quan, đơn vị quan tâm phối hợp thực hiện; …": the closing request
# that the letter be carried out, no task of its own.
_CARRY_OUT_RE = re.compile(r"(?:phối hợp\s+)?(?:thực hiện|triển khai)\s*(?:[;.]|$)")


def issuer_request(text: str) -> re.Match[str] | None:
    """A match whose "lead" is the bodies the issuer asks and whose "rest" is the task, from
    "<issuer> trân trọng đề nghị <bodies> <task>"; None for any other sentence."""
    found = _REQUEST_RE.match(text.strip())
    if found is None or _VERB_RE.search(" " + found.group("issuer")):
        return None
    asked = found.group("asked")
    if not _BODIES_RE.match(asked):
        return None
    for verb in _VERB_RE.finditer(asked):
        before = asked[: verb.start()]
        if re.search(r"(?:\bcác|\bnhững|,)$", before) or _ORGANISATION_RE.match(
            asked, verb.start("verb")
        ):
            continue  # "… và các tổ chức thành viên": a noun of the list
        if _CARRY_OUT_RE.match(asked, verb.start("verb")):
            return None
        lead, task = re.escape(before.strip(" ,")), re.escape(asked[verb.start("verb") :])
        return re.match(rf"^.*?(?P<lead>{lead})\s+(?P<rest>{task})$", text.strip(), re.S)
    return None
