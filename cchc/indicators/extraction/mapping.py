"""Which indicator a target phrase measures: keyword rules over the folded text.

Each rule is (indicator code, unit, pattern). Patterns are regular expressions over the folded
text (lower case, no diacritics, "đ" → "d"): write "ho so giai quyet truc tuyen", not "hồ sơ
giải quyết trực tuyến". The reader looks for the rules of the target's unit ("%", "rank",
"points") first in the words after the number ("80% thủ tục hành chính được tích hợp …"), then
in the words before it ("tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 50%"), then anywhere
in the sentence; the match nearest the number wins, and on a tie the rule listed first.
To add a mapping: add a rule here and a phrase to ``test_extraction_mapping.py``; codes must be
in the indicator catalogue (docs/indicators-extraction.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TTHC = r"(?:thu tuc hanh chinh|tthc)"


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    unit: str
    pattern: re.Pattern[str]


def _rule(code: str, unit: str, pattern: str) -> Rule:
    return Rule(code, unit, re.compile(pattern))


RULES: tuple[Rule, ...] = (
    # -- institutions: legal documents ------------------------------------------------------
    _rule(
        "inst.legal_documents_appraised",
        "%",
        r"\bvan ban (?:qppl|quy pham phap luat)\b",
    ),
    # -- shares of administrative procedures (TTHC) and dossiers ----------------------------
    _rule("tthc.compliance_cost_cut", "%", r"\bchi phi tuan thu\b"),
    _rule(
        "tthc.regulations_cut",
        "%",
        r"\bso quy dinh\b|\bquy dinh (?:lien quan den )?(?:hoat dong )?kinh doanh\b",
    ),
    _rule(
        "tthc.results_digitised",
        "%",
        r"\bso hoa (?:ket qua|ho so)\b|\bket qua giai quyet [^.;%]{0,60}\bduoc so hoa\b",
    ),
    _rule(
        "tthc.procedures_online_payment",
        "%",
        rf"\bnghia vu tai chinh\b|\b{_TTHC}[^.;%]{{0,40}}\bthanh toan truc tuyen\b",
    ),
    _rule("egov.people_e_payment_accounts", "%", r"\btai khoan thanh toan\b"),
    _rule(
        "tthc.payments_online",
        "%",
        r"\bgiao dich thanh toan\b|\bthanh toan (?:truc tuyen|dien tu)\b",
    ),
    _rule(
        "tthc.procedures_on_national_portal",
        "%",
        r"\btich hop\b[^.;%]{0,40}\bcong (?:dich vu cong|dvc) quoc gia\b|\bcong dvcqg\b",
    ),
    _rule(
        "tthc.procedures_online",
        "%",
        r"\bcung cap truc tuyen\b|\bdich vu cong truc tuyen\b|\btruc tuyen (?:muc do|toan trinh)\b",
    ),
    _rule(
        "tthc.dossiers_internal_electronic",
        "%",
        r"\bluan chuyen\b[^.;%]{0,80}\b(?:noi bo|dien tu)\b",
    ),
    _rule("tthc.dossiers_online", "%", r"\bho so\b[^.;%]{0,40}\btruc tuyen\b"),
    _rule(
        "tthc.data_not_resubmitted",
        "%",
        r"\bkhong (?:phai )?(?:cung cap|nop|khai bao) lai\b",
    ),
    _rule("tthc.internal_procedures_published", "%", rf"\b{_TTHC} noi bo\b"),
    _rule("index.sipas", "%", r"\bsipas\b|\bchi so hai long\b|\bhai long ve su phuc vu\b"),
    _rule("tthc.satisfaction", "%", r"\b(?:muc do )?hai long\b"),
    # -- civil service ----------------------------------------------------------------------
    _rule(
        "staff.leaders_trained_standard",
        "%",
        r"\bboi duong\b[^.;%]{0,40}\b(?:tieu chuan|chuc danh)\b",
    ),
    _rule("staff.promoted_by_position", "%", r"\bthang hang\b|\bnang ngach\b"),
    _rule("staff.leaders_international", "%", r"\bmoi truong quoc te\b"),
    # -- e-government -----------------------------------------------------------------------
    _rule("egov.databases_connected", "%", r"\bco so du lieu\b|\bcsdl\b"),
    _rule(
        "egov.reports_online",
        "%",
        r"\bche do bao cao\b|\bhe thong thong tin bao cao\b",
    ),
    _rule("egov.agencies_open_data", "%", r"\bmo du lieu\b|\bdu lieu mo\b"),
    # -- indices: ranks and points ----------------------------------------------------------
    _rule("index.pci_rank", "rank", r"\bpci\b|\bnang luc canh tranh\b"),
    _rule(
        "index.par_index_rank",
        "rank",
        r"\bpar ?in(?:d)?ex\b|\bchi so (?:cai cach hanh chinh|cchc)\b",
    ),
    _rule("index.papi_rank", "rank", r"\bpapi\b"),
    _rule("index.pci_score", "points", r"\bpci\b|\bnang luc canh tranh\b"),
    _rule(
        "index.par_index_score",
        "points",
        r"\bpar ?in(?:d)?ex\b|\bchi so (?:cai cach hanh chinh|cchc)\b",
    ),
    _rule("index.papi_score", "points", r"\bpapi\b"),
)


def _rules(unit: str) -> list[Rule]:
    return [rule for rule in RULES if rule.unit == unit]


def indicator_for(
    folded: str,
    *,
    unit: str,
    number: tuple[int, int],
    window: tuple[int, int],
    sentence: tuple[int, int],
) -> str | None:
    """The code the words around ``number`` name (offsets into ``folded``), or None.

    Words after the number inside ``window`` first (nearest wins), then words before it inside
    ``window`` (nearest wins), then anywhere in ``sentence`` (first wins)."""
    rules = _rules(unit)
    best: tuple[int, int, str] | None = None
    for order, rule in enumerate(rules):
        match = rule.pattern.search(folded, number[1], window[1])
        if match and (best is None or (match.start(), order) < best[:2]):
            best = (match.start(), order, rule.code)
    if best:
        return best[2]
    nearest: tuple[int, int, str] | None = None
    for order, rule in enumerate(rules):
        last = None
        for match in rule.pattern.finditer(folded, window[0], number[0]):
            last = match
        if last and (nearest is None or (-last.end(), order) < nearest[:2]):
            nearest = (-last.end(), order, rule.code)
    if nearest:
        return nearest[2]
    for order, rule in enumerate(rules):
        match = rule.pattern.search(folded, sentence[0], sentence[1])
        if match and (best is None or (match.start(), order) < best[:2]):
            best = (match.start(), order, rule.code)
    return best[2] if best else None
