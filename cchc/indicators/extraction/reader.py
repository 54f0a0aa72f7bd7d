"""The rule-based reader behind ``extract_targets``.

It works clause by clause (";", a new line, a full stop, "Trong đó" / "trong số đó") on the
folded text (``text.fold_aligned``) and finds *groups*: one share ("tối thiểu 50%"), a list of
shares ("30%, 20%, 15%"), a range ("25-35%"), a rank ("nằm trong nhóm 15 tỉnh … dẫn đầu") or
index points ("đạt 85 điểm", only with an index's name). Each group gets its comparator from the
words around it, its year (``years``), its scope (``scopes``) and its indicator (``mapping``).
A trajectory ("mỗi năm tăng tối thiểu 20% … cho đến khi đạt tỷ lệ 100%") is expanded from the
group before it into one target per year and scope. Only those shapes are ever read, so document
numbers, dates, budgets, numbering ("Mục tiêu 3") and bare years are never proposed.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import re
import unicodedata
from dataclasses import dataclass, field, replace

from cchc.indicators.extraction import Comparator, ProposedTarget
from cchc.indicators.extraction.mapping import indicator_for
from cchc.indicators.extraction.scopes import (
    FILLER_RE,
    field_scope,
    level_scopes,
    subject_scope,
)
from cchc.indicators.extraction.text import Span, clauses, fold_aligned, sentences, trim
from cchc.indicators.extraction.years import find_years

MAX_PHRASE = 300
# A cell states a handful of targets; past this many values (trajectory rows included) the
# rest of a text is not read, so a hostile file cannot make the import preview slow (every step
# below is bounded or linear).
MAX_GROUPS = 300
# How far around a number its scope and (as a last resort) its indicator are looked for.
NEAR = 300
# A trajectory grows at most this many scopes over at most this many years.
MAX_TRAJECTORY_SCOPES, MAX_TRAJECTORY_YEARS = 10, 30
_DIGIT_RE = re.compile(r"\d")
_NUM = r"(\d{1,3}(?:[.,]\d{1,2})?)"
_START = r"(?<![\d.,/])"
_PERCENT_RE = re.compile(_START + _NUM + r"\s*%")
_RANGE_RE = re.compile(_START + _NUM + r"\s*%?\s*(?:-|\bden\b)\s*" + _NUM + r"\s*%")
# A rank is a whole number from 1 ("nhóm 10", not "nhóm 10,5" or "thứ 0").
_RANK = r"([1-9]\d{0,2})(?![\d]|[.,]\d)"
_TOP_RE = re.compile(r"\b(?:nhom|top)\s+" + _RANK)
_LEADING_RE = re.compile(r"\b(?:dan dau|dung dau|hang dau|cao nhat|tot nhat)\b")
# "nhóm 15 tỉnh, thành phố dẫn đầu": the group ranks places or units, not "đối tượng".
_RANKED_RE = re.compile(r"\s*(?:tinh|thanh pho|dia phuong|don vi|co quan|bo|nganh|huyen|so)\b")
_PLACE_RE = re.compile(r"\b(?:xep|dung)\s+(?:thu|hang|vi tri thu)\s+" + _RANK)
_POINTS_RE = re.compile(_START + _NUM + r"\s*diem\b")
_LIST_JOIN_RE = re.compile(r"\s*(?:,\s*(?:va\s+)?|\bva\b\s*)")
_STEP_RE = re.compile(
    r"\b(?:moi nam|hang nam|binh quan (?:moi|hang) nam)\s+tang\s+(?:them\s+)?"
    r"(?:(?:toi thieu|it nhat)\s+)?" + _START + _NUM + r"\s*%"
)
_CAP_RE = re.compile(r"\bden khi dat\s+(?:(?:ty le|muc)\s+)?" + _START + _NUM + r"\s*%")
_QUALIFIER_RE = re.compile(
    r"\b(toi thieu|it nhat|khong duoi|khong thap hon|khong it hon|tren|toi da|khong qua"
    r"|khong vuot qua|khong cao hon|duoi|xuong con|giam con|bang)\b"
)
_QUALIFIERS: dict[str, Comparator] = {
    "toi thieu": ">=",
    "it nhat": ">=",
    "khong duoi": ">=",
    "khong thap hon": ">=",
    "khong it hon": ">=",
    "tren": ">=",
    "toi da": "<=",
    "khong qua": "<=",
    "khong vuot qua": "<=",
    "khong cao hon": "<=",
    "duoi": "<=",
    "xuong con": "<=",
    "giam con": "<=",
    "bang": "=",
}
_AFTER_RE = re.compile(r"\s*(tro len|tro xuong)\b")
# Clauses whose percentages share money out, not promise results.
_NOT_TARGET_RE = re.compile(r"\bphan chia\b|\bty le dieu tiet\b")


def _number(raw: str) -> float:
    return float(raw.replace(",", "."))


@dataclass(slots=True)
class _Group:
    start: int  # first character of the first number
    end: int  # after the last "%" / the rank word
    unit: str
    values: list[float]
    comparator: Comparator | None = None  # fixed by the shape ("range", "top", "<=" rank)
    value_max: float | None = None
    qualifier_start: int = -1
    numbers: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class _Trajectory:
    start: int
    end: int
    step: float
    cap: float
    cap_written: bool  # "cho đến khi đạt tỷ lệ 100%" (else 100, unwritten)


class _Reader:
    def __init__(self, text: str, *, line: int | None, default_year: int | None) -> None:
        self.text = unicodedata.normalize("NFC", text)
        self.folded = fold_aligned(self.text)
        self.line = line
        self.default_year = default_year
        self.years = find_years(self.folded)
        self.year_starts = [y.start for y in self.years]
        self.year_ends = [y.end for y in self.years]
        self.sentences = sentences(self.folded)
        self.sentence_starts = [s.start for s in self.sentences]
        self.budget = MAX_GROUPS
        # 1 where a number was read already: a shape never reads another's number again
        self.covered = bytearray(len(self.folded))
        self.out: list[ProposedTarget] = []
        self.last_group: list[ProposedTarget] = []

    def _free(self, start: int, end: int) -> bool:
        return not any(self.covered[start:end])

    def _take(self, start: int, end: int) -> None:
        self.covered[start:end] = b"\x01" * (end - start)

    # -- finding groups ----------------------------------------------------------------------

    def _groups(self, clause: Span) -> list[_Group]:
        folded = self.folded
        groups: list[_Group] = []
        free = self._free
        ranges = 0

        for m in _RANGE_RE.finditer(folded, clause.start, clause.end):
            if ranges > MAX_GROUPS:
                break
            low, high = _number(m.group(1)), _number(m.group(2))
            if free(*m.span()) and low < high <= 100:
                groups.append(
                    _Group(m.start(), m.end(), "%", [low], "range", high, numbers=[m.span()])
                )
                self._take(*m.span())
                ranges += 1
        singles = [
            m
            for m in _PERCENT_RE.finditer(folded, clause.start, clause.end)
            if free(*m.span()) and _number(m.group(1)) <= 100
        ]
        for m in singles:
            self._take(*m.span())
        index = 0
        while index < len(singles):
            run = [singles[index]]
            while index + 1 < len(singles) and _LIST_JOIN_RE.fullmatch(
                folded, run[-1].end(), singles[index + 1].start()
            ):
                index += 1
                run.append(singles[index])
            groups.append(
                _Group(
                    run[0].start(),
                    run[-1].end(),
                    "%",
                    [_number(m.group(1)) for m in run],
                    numbers=[m.span() for m in run],
                )
            )
            index += 1
        for m in _TOP_RE.finditer(folded, clause.start, clause.end):
            leading = _LEADING_RE.search(folded, m.end(), min(clause.end, m.end() + 60))
            ranked = leading and _RANKED_RE.match(folded, m.end(), leading.start())
            if (ranked or m.group(0).startswith("top")) and free(*m.span()):
                self._take(*m.span())
                groups.append(
                    _Group(
                        m.start(), m.end(), "rank", [float(m.group(1))], "top", numbers=[m.span(1)]
                    )
                )
        for m in _PLACE_RE.finditer(folded, clause.start, clause.end):
            if free(*m.span()):
                self._take(*m.span())
                groups.append(
                    _Group(
                        m.start(), m.end(), "rank", [float(m.group(1))], "<=", numbers=[m.span(1)]
                    )
                )
        for m in _POINTS_RE.finditer(folded, clause.start, clause.end):
            if free(*m.span()):
                groups.append(
                    _Group(m.start(), m.end(), "points", [_number(m.group(1))], numbers=[m.span(1)])
                )
        groups.sort(key=lambda g: g.start)
        kept: list[_Group] = []
        for group in groups:
            if len(group.values) > self.budget:
                break
            self.budget -= len(group.values)
            kept.append(group)
        groups = kept
        for group in groups:
            self._qualify(group, clause)
        return groups

    def _qualify(self, group: _Group, clause: Span) -> None:
        """The comparator from the words before ("tối thiểu", "không quá") or after ("trở
        lên") the group; plain "đạt 90%" and a bare "90%" are floors (">=")."""
        group.qualifier_start = group.start
        after = _AFTER_RE.match(self.folded, group.end, clause.end)
        if after:
            group.end = after.end()
        if group.comparator is not None:
            return
        found: Comparator | None = None
        for m in _QUALIFIER_RE.finditer(
            self.folded, max(clause.start, group.start - 60), group.start
        ):
            if FILLER_RE.fullmatch(self.folded, m.end(), group.start):
                found = _QUALIFIERS[m.group(1)]
                group.qualifier_start = m.start()
                break
        if after:
            found = ">=" if after.group(1) == "tro len" else "<="
        group.comparator = found or ">="

    # -- one clause ----------------------------------------------------------------------------

    def _trajectory(self, clause: Span) -> _Trajectory | None:
        step = _STEP_RE.search(self.folded, clause.start, clause.end)
        if step is None:
            return None
        # the level to reach follows the step closely; a share between them stays a target
        cap = _CAP_RE.search(self.folded, step.end(), min(clause.end, step.end() + 160))
        end = cap.end() if cap else step.end()
        self._take(*step.span())
        if cap:
            self._take(*cap.span())
        size = _number(step.group(1))
        if size <= 0:
            return None
        top = min(100.0, _number(cap.group(1))) if cap else 100.0
        return _Trajectory(step.start(), end, size, top, cap_written=cap is not None)

    def read(self) -> list[ProposedTarget]:
        if not _DIGIT_RE.search(self.folded):
            return []
        for clause in clauses(self.folded):
            if self.budget <= 0:
                break
            if _NOT_TARGET_RE.search(self.folded, clause.start, clause.end):
                continue
            trajectory = self._trajectory(clause)
            groups = self._groups(clause)
            bounds = self._segments(clause, groups) if groups else []
            for group, (seg_start, seg_end) in zip(groups, bounds, strict=True):
                if trajectory is not None and group.start > trajectory.start:
                    # grow from what was written before the step, not from what follows it
                    self._expand(clause, trajectory)
                    trajectory = None
                self._emit(clause, group, seg_start, seg_end)
            if trajectory is not None:
                self._expand(clause, trajectory)
        return self.out

    def _segments(self, clause: Span, groups: list[_Group]) -> list[tuple[int, int]]:
        """Each group's own words: the clause cut at the last "," or "và" between groups."""
        cuts = [clause.start]
        for before, after in itertools.pairwise(groups):
            cut = after.qualifier_start
            for m in re.finditer(r",|\bva\b", self.folded[before.end : after.qualifier_start]):
                cut = before.end + m.start()
            cuts.append(max(cut, before.end))
        cuts.append(clause.end)
        return list(itertools.pairwise(cuts))

    def _sentence(self, position: int) -> Span:
        index = bisect.bisect_right(self.sentence_starts, position) - 1
        return self.sentences[index] if index >= 0 else Span(0, len(self.folded))

    def _year(self, segment: tuple[int, int], start: int, end: int) -> int | None:
        """The nearest year before the target in its own words, else the first after it there,
        else the last one earlier in the text, else the default ("Đến năm 2025, A đạt 50% và
        B đạt 60%": both 2025; "80% (năm 2025), 90% (năm 2030)": one each)."""
        seg_start, seg_end = segment
        years = self.years
        # mentions are sorted and do not overlap: their starts and ends are both sorted
        before = bisect.bisect_right(self.year_ends, start) - 1
        if before >= 0 and years[before].start >= seg_start:
            return years[before].year
        after = bisect.bisect_left(self.year_starts, end)
        if after < len(years) and years[after].end <= seg_end:
            return years[after].year
        if before >= 0:
            return years[before].year
        return self.default_year

    def _phrase(self, seg_start: int, seg_end: int, group_start: int, group_end: int) -> str:
        start, end = trim(self.folded, seg_start, seg_end)
        if end - start > MAX_PHRASE:
            # Keep whole words around the number, as much before it as after.
            half = max(0, (MAX_PHRASE - (group_end - group_start)) // 2)
            low, high = max(start, group_start - half), min(end, group_end + half)
            if low > start:
                space = self.folded.find(" ", low, group_start)
                low = space + 1 if space >= 0 else low
            if high < end:
                space = self.folded.rfind(" ", group_end, high)
                high = space if space >= 0 else high
            start, end = trim(self.folded, low, high)
        return self.text[start:end]

    def _emit(self, clause: Span, group: _Group, seg_start: int, seg_end: int) -> None:
        sentence = self._sentence(group.start)
        first_number = group.numbers[0]
        indicator = indicator_for(
            self.folded,
            unit=group.unit,
            number=(first_number[0], group.end),
            window=(seg_start, seg_end),
            sentence=(
                max(sentence.start, first_number[0] - NEAR),
                min(sentence.end, group.end + NEAR),
            ),
        )
        if group.unit == "points" and indicator is None:
            return  # "điểm" without an index's name is a place, not a score
        levels = level_scopes(
            self.folded,
            max(clause.start, group.qualifier_start - NEAR),
            group.qualifier_start,
            count=len(group.values),
        )
        scope = None
        if not levels:
            scope = field_scope(self.folded, seg_start, seg_end)
        if not levels and scope is None and group.unit == "%":
            scope = subject_scope(self.folded, group.end, clause.end)
        year = self._year((seg_start, seg_end), group.start, group.end)
        phrase = self._phrase(seg_start, seg_end, group.start, group.end)
        emitted = [
            ProposedTarget(
                indicator=indicator,
                comparator=group.comparator or ">=",
                value=value,
                value_max=group.value_max,
                unit=group.unit,
                year=year,
                scope=levels[i] if levels else scope,
                phrase=phrase,
                line=self.line,
            )
            for i, value in enumerate(group.values)
        ]
        self.out.extend(emitted)
        if group.unit == "%":
            self.last_group = emitted

    # -- trajectories --------------------------------------------------------------------------

    def _period(self, clause: Span, base_year: int | None) -> tuple[int, int] | None:
        low = bisect.bisect_left(self.year_starts, clause.start)
        high = bisect.bisect_right(self.year_ends, clause.end)
        spans = self.years[low:high]
        for mention in spans:
            if mention.first is not None:
                return mention.first, mention.year
        if spans and base_year is not None and spans[0].year > base_year:
            return base_year + 1, spans[0].year
        return None

    def _bounded_period(self, clause: Span, base_year: int | None) -> tuple[int, int] | None:
        period = self._period(clause, base_year)
        if period is None or period[1] - period[0] >= MAX_TRAJECTORY_YEARS:
            return None
        return period

    def _expand(self, clause: Span, trajectory: _Trajectory) -> None:
        base = [t for t in self.last_group if t.comparator == ">=" and t.year is not None]
        if len(base) > MAX_TRAJECTORY_SCOPES:
            base = []
        phrase = self._phrase(clause.start, clause.end, trajectory.start, trajectory.end)
        base_year = base[0].year if base else None
        period = self._bounded_period(clause, base_year)
        if not base or period is None:
            # No starting point to grow from: only a level to reach written out is a target.
            if not trajectory.cap_written or self.budget < 1:
                return
            self.budget -= 1
            mention = self._year((clause.start, clause.end), trajectory.start, trajectory.end)
            self.out.append(
                ProposedTarget(
                    indicator=base[0].indicator if base else None,
                    comparator=">=",
                    value=trajectory.cap,
                    value_max=None,
                    unit="%",
                    year=period[1] if period else mention,
                    scope=None,
                    phrase=phrase,
                    line=self.line,
                )
            )
            return
        first, last = period
        rows = (last - first + 1) * len(base)
        if rows > self.budget:
            return
        self.budget -= rows
        start_year = base_year if base_year is not None and base_year < first else first - 1
        ident = (
            "traj-"
            + hashlib.sha1(
                "\n".join([base[0].phrase, phrase]).encode(), usedforsecurity=False
            ).hexdigest()[:12]
        )
        # The starting rows belong to the trajectory too.
        replaced = {id(t): replace(t, trajectory=ident) for t in base}
        self.out = [replaced.get(id(t), t) for t in self.out]
        for year in range(first, last + 1):
            for start in base:
                value = min(trajectory.cap, start.value + trajectory.step * (year - start_year))
                self.out.append(
                    ProposedTarget(
                        indicator=start.indicator,
                        comparator=">=",
                        value=value,
                        value_max=None,
                        unit="%",
                        year=year,
                        scope=start.scope,
                        phrase=phrase,
                        line=self.line,
                        baseline=start.value,
                        trajectory=ident,
                    )
                )
        self.last_group = []


def read_targets(
    text: str, *, line: int | None = None, default_year: int | None = None
) -> list[ProposedTarget]:
    return _Reader(text, line=line, default_year=default_year).read()
