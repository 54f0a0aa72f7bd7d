"""Resolving the free text of a plan's lead/partner cells to agencies and groups.

``Resolver.load()`` reads the registry once (names, variants, group phrases, successions);
``resolve(text, on=date)`` then asks the database only for a group's members on a date it has
not seen yet, so an import resolves every cell of a plan from one snapshot. Each match carries
the reason it was made; what does not resolve is returned verbatim in ``unresolved``.

Steps for one cell: group phrases are found first (they contain commas: "Các Sở, ngành",
"UBND huyện, thành phố"); the rest is split at ";", ",", new lines (not inside parentheses);
a piece that is not a name is split again at "và" and where a type word, printed with a
capital and its diacritics ("Sở", not "số"), starts a new name ("Sở Tư pháp Sở Nội vụ") — only
when a part is a known name or every part is a type word and more, so that a title stays
whole ("Chủ tịch Hội đồng thành viên", "Thủ trưởng các cơ quan ngang Bộ"); "Các Bộ: Quốc
phòng, Xây dựng" and "Sở Tư pháp, Nội vụ" lend their type word to the items after them (not
to a piece in lower case, nor after a name to one of another kind); names match by their
compact key (spaces, punctuation, case and diacritics ignored), then by a close spelling
(not a known name with a level word after it, "… công xã": a commune's body, another one).
What does not resolve is reported as printed between the separators. On a date after an
agency ended, its successors valid on that date are named, following the succession chain.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from django.utils.translation import gettext as _

from cchc.agencies.models import (
    Agency,
    AgencyAlias,
    AgencyGroup,
    AgencyRename,
    AliasKind,
    Succession,
)
from cchc.agencies.names import (
    TYPE_WORDS,
    compact_key,
    name_variants,
    phrase_key,
    starts_with_type_word,
)
from cchc.core.text import fold


class _Dated(Protocol):
    def is_valid_on(self, on: dt.date) -> bool: ...


D = TypeVar("D", bound=_Dated)


def follow_successors(
    successors: Mapping[int, Sequence[tuple[int, dt.date]]],
    agencies: Mapping[int, D],
    agency_id: int,
    on: dt.date,
) -> list[D]:
    """The agencies carrying an agency's work on a date: its successors (agency id and the
    date the succession starts) that exist on that date, and for those that have ended
    since, their own successors, breadth first, each agency once."""
    found: list[D] = []
    seen = {agency_id}
    frontier = [agency_id]
    while frontier:
        current = frontier.pop(0)
        for successor_id, starts in successors.get(current, []):
            if successor_id in seen or starts > on:
                continue
            seen.add(successor_id)
            successor = agencies[successor_id]
            if successor.is_valid_on(on):
                found.append(successor)
            else:
                frontier.append(successor_id)
    return found


_CHUNK_RE = re.compile(r"\s*[;\n]\s*")
_TOKEN_RE = re.compile(r"(\s*,\s*|\s+(?:và|Và|VÀ)\s+)")
_AND_RE = re.compile(r"\s+va\s+")
_ELLIPSIS_RE = re.compile(r"^(?:[Cc]ác\s+)?(?P<type>[^:]{2,25}?)\s*:\s*(?P<rest>.+)$")
_TYPE_START_RE = re.compile(
    r"\s(?=(?:" + "|".join(sorted(TYPE_WORDS, key=len, reverse=True)) + r")\s)"
)


def _tokens(chunk: str) -> tuple[list[str], list[str]]:
    """The chunk cut at commas and "và", and the separator after each token (the last one
    ""); a separator inside parentheses is part of an aside, not the end of a name."""
    tokens: list[str] = []
    seps: list[str] = []
    last = 0
    for found in _TOKEN_RE.finditer(chunk):
        before = chunk[: found.start()]
        if before.count("(") > before.count(")"):
            continue
        tokens.append(chunk[last : found.start()])
        seps.append(found.group())
        last = found.end()
    tokens.append(chunk[last:])
    seps.append("")
    return tokens, seps


def _fold_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index it came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = fold(char) if not char.isspace() else " "
        for piece in folded or "":
            out.append(piece)
            origin.append(index)
    return "".join(out), origin


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase key as a pattern over folded text: any spacing around commas, the long forms
    of contracted words."""
    parts = []
    for word in re.split(r"(\s*,\s*|\s+)", phrase):
        if not word.strip():
            parts.append(r"\s+" if word and word.strip(" ") != "" else r"\s*")
        elif word.strip() == ",":
            parts.append(r"\s*,\s*")
        else:
            parts.append(_LONG_FORMS.get(word, re.escape(word)))
    body = "".join(parts)
    return re.compile(r"(?:^|(?<=[\s,;(]))" + body + r"(?=$|[\s,;.)])")


_LONG_FORMS = {
    "ubnd": r"(?:ubnd|uy\s+ban\s+nhan\s+dan)",
    "hdnd": r"(?:hdnd|hoi\s+dong\s+nhan\s+dan)",
    "tp": r"(?:tp|thanh\s+pho)",
    "vp": r"(?:vp|van\s+phong)",
}


def _cut(piece: str, splitter: re.Pattern[str], *, capital: bool = False) -> list[str]:
    """Split an original piece where the splitter matches its folded form; with ``capital``,
    only where the text after the match starts with a type word as printed, with a capital
    (a name's first word; not the second half of a word pair, "Thủ trưởng", "Ủy ban", nor a
    word that folds alike, "Chuyển đổi số")."""
    folded, origin = _fold_with_map(piece)
    cuts: list[str] = []
    last = 0
    for found in splitter.finditer(folded):
        start, end = found.span()
        if start == 0 or end >= len(folded):
            continue
        after = piece[origin[end] :]
        if capital and not (after[:1].isupper() and starts_with_type_word(after)):
            continue
        cuts.append(piece[last : origin[start]].strip())
        last = origin[end - 1] + 1 if end > start else origin[start]
    cuts.append(piece[last:].strip())
    return [c for c in cuts if c]


_NOISE = {"", "cac", "va", "cac co quan", "lien quan", "co lien quan", "khac"}
# Level words that, printed after a known name, name another body of that kind ("Trung tâm
# Phục vụ hành chính công xã", "Phòng Tư pháp huyện"): no typo of the name (compact keys).
_LEVEL_SUFFIXES = (
    "xa",
    "phuong",
    "thitran",
    "dackhu",
    "huyen",
    "thixa",
    "quan",
    "capxa",
    "caphuyen",
)


def _another_level(key: str, close: str) -> bool:
    """Whether ``key`` is the known name ``close`` with a level word after it (another body,
    not a close spelling of it)."""
    return key.startswith(close) and key[len(close) :] in _LEVEL_SUFFIXES


@dataclass(slots=True)
class AgencyMatch:
    agency: Agency
    fragment: str
    reason: str
    # Set when the agency named no longer exists on the date asked: who carries its work.
    successors: list[Agency] = field(default_factory=list)
    ended: bool = False

    def as_dict(self) -> dict[str, Any]:
        data = agency_dict(self.agency)
        data.update({"fragment": self.fragment, "reason": self.reason, "ended": self.ended})
        if self.ended:
            data["successors"] = [agency_dict(a) for a in self.successors]
        return data


@dataclass(slots=True)
class GroupMatch:
    group: AgencyGroup
    fragment: str
    reason: str
    members: list[Agency] = field(default_factory=list)
    open: bool = False
    # Set when the group's level no longer exists on the date (the district level after
    # 30/6/2025): its last day; ``members`` then are the successors of its last members.
    ended_on: dt.date | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.group.name,
            "code": self.group.code,
            "fragment": self.fragment,
            "reason": self.reason,
            "open": self.open,
            "ended_on": self.ended_on.isoformat() if self.ended_on else None,
            "members": [agency_dict(a) for a in self.members],
        }


@dataclass(slots=True)
class Resolution:
    text: str
    on: dt.date
    agencies: list[AgencyMatch] = field(default_factory=list)
    groups: list[GroupMatch] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "on": self.on.isoformat(),
            "agencies": [m.as_dict() for m in self.agencies],
            "groups": [g.as_dict() for g in self.groups],
            "unresolved": list(self.unresolved),
        }

    def names(self) -> list[dict[str, Any]]:
        """The short form the import preview shows: agencies, then groups, by name."""
        out: list[dict[str, Any]] = [m.as_dict() for m in self.agencies]
        out += [
            {
                "name": g.group.name,
                "code": g.group.code,
                "group": True,
                "members": len(g.members),
                "open": g.open,
            }
            for g in self.groups
        ]
        return out


def agency_dict(agency: Agency) -> dict[str, Any]:
    return {
        "name": agency.name,
        "code": agency.code,
        "short_name": agency.short_name,
        "level": agency.level,
        "valid_from": agency.valid_from.isoformat() if agency.valid_from else None,
        "valid_until": agency.valid_until.isoformat() if agency.valid_until else None,
        "confirmed": agency.confirmed,
    }


class Resolver:
    def __init__(self) -> None:
        self.agencies: dict[int, Agency] = {}
        self.by_key: dict[str, list[tuple[int, str]]] = {}  # compact key -> (agency, reason)
        self.phrases: list[tuple[str, AgencyGroup]] = []  # longest first
        self.successors: dict[int, list[tuple[int, dt.date]]] = {}
        self.type_of: dict[int, str] = {}
        self._member_cache: dict[tuple[int, dt.date], list[Agency]] = {}
        # Names with a date (renames): (key, agency) -> first day / last day the name is used.
        self.name_from: dict[tuple[str, int], dt.date] = {}
        self.name_until: dict[tuple[str, int], dt.date] = {}
        self._open_cache: dict[int, bool] = {}
        self._listed_type = ""

    @classmethod
    def load(cls) -> Resolver:
        resolver = cls()
        for agency in Agency.objects.all():
            resolver.agencies[agency.pk] = agency
            resolver._add(compact_key(agency.name), agency.pk, _("official name"))
            if agency.short_name:
                resolver._add(compact_key(agency.short_name), agency.pk, _("short name"))
            for variant in name_variants(agency.name) | name_variants(agency.short_name):
                resolver._add(variant, agency.pk, _("usual abbreviation of the name"))
            resolver.type_of[agency.pk] = phrase_key(agency.short_name or agency.name).split(" ")[0]
        for alias in AgencyAlias.objects.all():
            reason = (
                _("mapped by the secretariat")
                if alias.kind == AliasKind.MAPPED
                else _("known variant “%(text)s”") % {"text": alias.text}
            )
            resolver._add(compact_key(alias.text), alias.agency_id, reason, first=True)
        groups = {g.pk: g for g in AgencyGroup.objects.prefetch_related("phrases")}
        for group in groups.values():
            for phrase in group.phrases.all():
                resolver.phrases.append((phrase_key(phrase.text), group))
        resolver.phrases.sort(key=lambda p: len(p[0]), reverse=True)
        for s in Succession.objects.all():
            resolver.successors.setdefault(s.predecessor_id, []).append((s.successor_id, s.on))
        resolver._add_renames(list(AgencyRename.objects.order_by("on")))
        return resolver

    def _add_renames(self, renames: list[AgencyRename]) -> None:
        """A renamed agency answers to its new names from the rename's day and to its former
        names until the day before; both stay the same agency."""
        for rename in renames:
            agency_id = rename.agency_id
            old_keys = {
                k for k, entries in self.by_key.items() if any(a == agency_id for a, _r in entries)
            }
            texts = [rename.new_name, rename.new_short_name, *rename.aliases]
            new_keys = {compact_key(t) for t in texts if t} | name_variants(rename.new_name)
            reason = _("name from %(day)s (rename)") % {"day": f"{rename.on:%d/%m/%Y}"}
            for key in new_keys:
                self._add(key, agency_id, reason, first=True)
                self.name_from[(key, agency_id)] = rename.on
            for key in old_keys - new_keys:
                self.name_until[(key, agency_id)] = rename.on - dt.timedelta(days=1)

    def name_valid(self, key: str, agency_id: int, on: dt.date) -> bool:
        start = self.name_from.get((key, agency_id))
        end = self.name_until.get((key, agency_id))
        return (start is None or start <= on) and (end is None or on <= end)

    @classmethod
    def load_successions(cls) -> Resolver:
        """Only what ``successors_on`` needs, in one query: for pages that show who carries an
        ended agency's work, not for resolving text."""
        resolver = cls()
        for s in Succession.objects.select_related("successor"):
            resolver.agencies[s.successor_id] = s.successor
            resolver.successors.setdefault(s.predecessor_id, []).append((s.successor_id, s.on))
        return resolver

    def _add(self, key: str, agency_id: int, reason: str, *, first: bool = False) -> None:
        if not key:
            return
        entries = self.by_key.setdefault(key, [])
        if any(a == agency_id for a, _r in entries):
            return
        if first:
            entries.insert(0, (agency_id, reason))
        else:
            entries.append((agency_id, reason))

    # -- resolving ------------------------------------------------------------------------

    def resolve(self, text: str, *, on: dt.date) -> Resolution:
        result = Resolution(text=text, on=on)
        self._listed_type = ""  # the type word of a "Các Cục: …" list, while it lasts
        rest = self._take_groups(" ".join(text.split()), result, on)
        prefix = ""
        for chunk in _CHUNK_RE.split(rest):
            # Commas and "và" separate names, but names hold them too ("Sở Văn hóa, Thể thao
            # và Du lịch"): the longest run of tokens that is a name wins.
            tokens, seps = _tokens(chunk)
            i = 0
            while i < len(tokens):
                for j in range(min(len(tokens), i + 6), i + 1, -1):
                    joined = "".join(t + sep for t, sep in zip(tokens[i:j], seps[i:j], strict=True))
                    match = self._match(joined.strip(" ,"), on)
                    if match is not None:
                        self._keep(result, match)
                        prefix = self._type_word(match.agency, joined.strip()) or prefix
                        i = j
                        break
                else:
                    piece = tokens[i].strip(" .")
                    i += 1
                    if phrase_key(piece) in _NOISE:
                        continue
                    ellipsis = _ELLIPSIS_RE.match(piece)
                    if ellipsis and len(ellipsis.group("type").split()) <= 3:
                        prefix = self._listed_type = ellipsis.group("type").strip()
                        piece = ellipsis.group("rest").strip()
                    prefix = self._piece(piece, prefix, result, on)
        return result

    def _take_groups(self, text: str, result: Resolution, on: dt.date) -> str:
        """Find group phrases in the text; return the text with them cut out."""
        folded, origin = _fold_with_map(text)
        spans: list[tuple[int, int]] = []
        for phrase, group in self.phrases:
            for found in _phrase_pattern(phrase).finditer(folded):
                start, end = found.span()
                if any(start < e and s < end for s, e in spans):
                    continue
                spans.append((start, end))
                fragment = text[origin[start] : origin[end - 1] + 1]
                if any(g.group.pk == group.pk for g in result.groups):
                    continue
                result.groups.append(self._group_match(group, fragment, phrase, on))
        for start, end in sorted(spans, reverse=True):
            text = text[: origin[start]] + " ; " + text[origin[end - 1] + 1 :]
        return text

    def _group_match(
        self, group: AgencyGroup, fragment: str, phrase: str, on: dt.date
    ) -> GroupMatch:
        match = GroupMatch(
            group=group,
            fragment=fragment,
            reason=_("group phrase “%(phrase)s”") % {"phrase": phrase},
            members=self._members(group, on),
            open=self._is_open(group),
        )
        if match.members or not group.levels:
            return match
        # Nobody of the group's levels exists any more on that date (the district level
        # ended): its work went to the successors of the agencies it had on its last day.
        ended = [
            a.valid_until
            for a in self.agencies.values()
            if a.level in group.levels and a.valid_until and a.valid_until < on
        ]
        if not ended:
            return match
        match.ended_on = max(ended)
        successors: dict[int, Agency] = {}
        for member in self._members(group, match.ended_on):
            for successor in self.successors_on(member.pk, on):
                successors.setdefault(successor.pk, successor)
        match.members = sorted(successors.values(), key=lambda a: (a.level, a.name))
        match.reason = _(
            "%(reason)s; its level ended on %(day)s, so its members are the "
            "successors of its agencies"
        ) % {"reason": match.reason, "day": match.ended_on.isoformat()}
        return match

    def _members(self, group: AgencyGroup, day: dt.date) -> list[Agency]:
        """A group's members on a day, asked once per resolver."""
        key = (group.pk, day)
        if key not in self._member_cache:
            self._member_cache[key] = list(group.members_on(day))
        return self._member_cache[key]

    def _is_open(self, group: AgencyGroup) -> bool:
        if group.pk not in self._open_cache:
            self._open_cache[group.pk] = group.is_open()
        return self._open_cache[group.pk]

    def _piece(self, piece: str, prefix: str, result: Resolution, on: dt.date) -> str:
        """Resolve one piece; return the type word later pieces may inherit."""
        match = self._match(piece, on)
        if match is not None:
            self._keep(result, match)
            return self._type_word(match.agency, piece) or prefix
        if prefix and not phrase_key(piece).startswith(phrase_key(prefix) + " "):
            match = self._match(f"{prefix} {piece}", on)
            if match is not None:
                match.fragment = piece
                match.reason = _("%(reason)s, in a list after “%(prefix)s”") % {
                    "reason": match.reason,
                    "prefix": prefix,
                }
                self._keep(result, match)
                return prefix
        cuts = _cut(piece, _AND_RE)
        if len(cuts) < 2:
            cuts = _cut(piece, _TYPE_START_RE, capital=True)
            if not self._names_follow(cuts, on):
                cuts = []
        if len(cuts) > 1:
            for part in cuts:
                prefix = self._piece(part, prefix, result, on)
            return prefix
        expanded = piece
        # A piece after "Các Bộ:" names a ministry ("Bộ Quốc phòng"); after a name ("Sở Tư
        # pháp, …") one of the same kind, unless it is a name of its own kind ("Ban Quản lý
        # …"). A piece in lower case is no name ("các cơ quan liên quan").
        own_kind = prefix != self._listed_type and starts_with_type_word(piece)
        if (
            prefix
            and not piece[:1].islower()
            and not own_kind
            and not phrase_key(piece).startswith(phrase_key(prefix))
        ):
            expanded = f"{prefix} {piece}"
        if expanded not in result.unresolved:
            result.unresolved.append(expanded)
        return prefix

    def _names_follow(self, cuts: list[str], on: dt.date) -> bool:
        """Whether a piece cut where type words start is a run of names: one of the parts is
        a known name, or every part is a type word and more ("Sở A Sở B"). Otherwise the type
        word is part of one title ("Chủ tịch Hội đồng thành viên", "Văn phòng Ban Chỉ huy")
        and the piece stays whole."""
        if len(cuts) < 2:
            return False
        if any(self._match(part, on) is not None for part in cuts):
            return True
        return all(starts_with_type_word(part, and_more=True) for part in cuts)

    def _type_word(self, agency: Agency, piece: str) -> str:
        """The word that names the agency's kind as the text wrote it ("Sở", "Bộ")."""
        first = piece.split(" ", 1)[0]
        return first if phrase_key(first) == self.type_of.get(agency.pk) else ""

    def _keep(self, result: Resolution, match: AgencyMatch) -> None:
        if all(m.agency.pk != match.agency.pk for m in result.agencies):
            result.agencies.append(match)

    def _match(self, piece: str, on: dt.date) -> AgencyMatch | None:
        key = compact_key(piece)
        if len(key) < 3:
            return None
        entries = self.by_key.get(key)
        reason_prefix = ""
        if not entries:
            close = difflib.get_close_matches(key, self.by_key.keys(), n=1, cutoff=0.92)
            if not close or _another_level(key, close[0]):
                return None
            key = close[0]
            entries = self.by_key[key]
            reason_prefix = _("close spelling of a known name; ")
        candidates = [(self.agencies[a], r) for a, r in entries]
        valid = [(a, r) for a, r in candidates if a.is_valid_on(on)]
        # Names in use on the document's date first (a rename dates its names).
        valid.sort(key=lambda c: not self.name_valid(key, c[0].pk, on))
        if valid:
            agency, reason = valid[0]
            if not self.name_valid(key, agency.pk, on):
                reason += " — " + _("this name is not in use on that date")
            return AgencyMatch(agency=agency, fragment=piece, reason=reason_prefix + reason)
        # None of the agencies with this name exists on that date: the most recent one, and
        # who took over its work.
        agency, reason = max(candidates, key=lambda c: c[0].valid_until or dt.date.max)
        successors = self.successors_on(agency.pk, on)
        return AgencyMatch(
            agency=agency,
            fragment=piece,
            reason=reason_prefix + reason,
            successors=successors,
            ended=True,
        )

    def successors_on(self, agency_id: int, on: dt.date) -> list[Agency]:
        """The agencies carrying an agency's work on a date, following the chain."""
        return follow_successors(self.successors, self.agencies, agency_id, on)
