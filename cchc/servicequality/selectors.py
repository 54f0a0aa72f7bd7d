"""Reads: the scoring rules in force, the indicators of any date range (computed on the engine),
and the figures of a period from the rollups (what the pages show)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Sum

from cchc.servicequality import formulas
from cchc.servicequality.models import Rollup, ScoringRule
from cchc.servicequality.periods import Span, parse
from cchc.servicequality.scoring import GROUP_MAX


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    group: int
    max_points: float
    threshold: float
    confirmed: bool


def rules_on(day: dt.date) -> dict[str, Rule]:
    """The scoring rule of each indicator in force on ``day`` (the latest ``valid_from``)."""
    found: dict[str, Rule] = {}
    for r in ScoringRule.objects.in_force(day):
        if r.code not in found:
            found[r.code] = Rule(
                r.code, r.name, r.group, float(r.max_points), float(r.threshold), r.confirmed
            )
    return found


def figure(
    formula: formulas.Formula, numerator: int, denominator: int, rule: Rule | None
) -> dict[str, Any]:
    value = formulas.rate(numerator, denominator, percent=formula.percent)
    pts = None
    if rule is not None and formula.percent:
        pts = formulas.points(value, max_points=rule.max_points, threshold=rule.threshold)
    return {
        "code": formula.code,
        # 766.2.2 counts seconds; it is shown as days (the rate is the average in days).
        "numerator": numerator if formula.percent else round(numerator / formulas.DAY, 2),
        "denominator": denominator,
        "rate": value,
        "points": pts,
    }


def indicator_report(
    *,
    start: dt.date,
    end: dt.date,
    agency: str | None = None,
    level: str | None = None,
    engine: str | None = None,
) -> dict[str, Any]:
    """What ``cchc dossiers indicators`` prints (and ``/api/v1/service-quality/indicators``
    answers): every indicator for the province (agency null) and per agency (or for one
    agency), and the Biểu 06 table of the same scope; ``level`` keeps the dossiers of one
    administrative level (``Dossier.level``: province / commune)."""
    from cchc.servicequality import actions

    if end < start:
        raise ValueError("--to is before --from.")
    span = Span(start, end, "range", "range", "calendar", end.year, 1)
    if level:
        rows = actions.compute([span], ("agency_code", "level"), agency=agency, engine=engine)
        rows = [row for row in rows if row["level"] == level]
    else:
        rows = actions.compute([span], ("agency_code",), agency=agency, engine=engine)
    rules = rules_on(end)
    total: dict[str, int] = defaultdict(int)
    indicators: list[dict[str, Any]] = []
    for row in rows:
        for name in formulas.MEASURES:
            total[name] += row[name]
    scopes: list[tuple[str | None, dict[str, int]]] = []
    if agency is None:
        scopes.append((None, total))
    scopes += [(row["agency_code"] or "", row) for row in rows]
    for code, values in scopes:
        for f in formulas.INDICATORS:
            item = figure(
                f, values.get(f.numerator, 0), values.get(f.denominator, 0), rules.get(f.code)
            )
            indicators.append(
                {
                    "code": item["code"],
                    "agency": code,
                    **{k: item[k] for k in ("numerator", "denominator", "rate", "points")},
                }
            )
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "indicators": indicators,
        "bieu06": {name: total[name] for name in formulas.BIEU06},
    }


# --- from the rollups -------------------------------------------------------------------------


@dataclass
class Scorecard:
    """An agency's (or the province's, ``agency`` "") figures for one period."""

    agency: str
    figures: list[dict[str, Any]] = field(default_factory=list)
    groups: dict[int, float] = field(default_factory=dict)
    score: float | None = None
    bieu06: dict[str, int] = field(default_factory=dict)


def rollup_periods() -> list[str]:
    """The periods the rollups hold, newest key first (the page's choice of periods)."""
    return sorted(Rollup.objects.values_list("period", flat=True).distinct(), reverse=True)


def latest_month(available: list[str]) -> str | None:
    """The newest calendar month among ``available`` (else its first key), the page's default."""
    if not available:
        return None
    months = [k for k in available if k[4:6] == "-M"]
    return max(months) if months else available[0]


def scorecards(period: str, *, agency: str | None = None) -> tuple[Span, list[Scorecard]]:
    """The province (first) and each agency, from the rollups of ``period`` — one query."""
    span = parse(period)
    rules = rules_on(span.end)
    qs = Rollup.objects.filter(period=span.key)
    if agency is not None:
        qs = qs.filter(agency_code=agency)
    values: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    province: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in qs.values("agency_code", "measure").annotate(
        n=Sum("numerator"), d=Sum("denominator")
    ):
        values[row["agency_code"]][row["measure"]] = (row["n"] or 0, row["d"] or 0)
        province[row["measure"]][0] += row["n"] or 0
        province[row["measure"]][1] += row["d"] or 0
    cards = [_card("", {k: (v[0], v[1]) for k, v in province.items()}, rules)]
    cards += [_card(code, measures, rules) for code, measures in sorted(values.items())]
    return span, cards


def _card(agency: str, measures: dict[str, tuple[int, int]], rules: dict[str, Rule]) -> Scorecard:
    card = Scorecard(agency)
    groups: dict[int, float] = defaultdict(float)
    scored = False
    for f in formulas.INDICATORS:
        n, d = measures.get(f.code, (0, 0))
        rule = rules.get(f.code)
        item = figure(f, n, d, rule)
        item["name"] = rule.name if rule else f.code
        item["confirmed"] = rule.confirmed if rule else False
        card.figures.append(item)
        if rule is not None and item["points"] is not None:
            groups[rule.group] += item["points"]
            scored = True
    card.groups = {g: round(groups.get(g, 0.0), 2) for g in sorted(GROUP_MAX) if g in groups}
    card.score = round(sum(groups.values()), 2) if scored else None
    card.bieu06 = {name: measures.get(f"bieu06.{name}", (0, 0))[0] for name in formulas.BIEU06}
    return card


def trend(*, year: int, agency: str | None = None) -> list[dict[str, Any]]:
    """Each calendar month of ``year``: the rate of every indicator (province or agency)."""
    qs = Rollup.objects.filter(kind="month", period__startswith=f"{year}-M")
    if agency is not None:
        qs = qs.filter(agency_code=agency)
    sums: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    for row in qs.values("period", "measure").annotate(n=Sum("numerator"), d=Sum("denominator")):
        sums[row["period"]][row["measure"]] = (row["n"] or 0, row["d"] or 0)
    out = []
    for month in range(1, 13):
        key = f"{year}-M{month:02d}"
        measures = sums.get(key, {})
        out.append(
            {
                "period": key,
                "month": month,
                "rates": {
                    f.code: formulas.rate(*measures.get(f.code, (0, 0)), percent=f.percent)
                    for f in formulas.INDICATORS
                },
            }
        )
    return out
