"""The Decision 766 service figures: ``indicators`` computed from the dossiers for any date
range by the function ``cchc dossiers indicators`` prints (``selectors.indicator_report``: the
same JSON, the formulas written once), and ``scores``, the province's score per group and the
agencies ranked, from the rollups the page ``/service-quality/`` reads
(``selectors.scorecards``).

Who reads them: whoever may open ``/service-quality/`` (``permissions.can_see_service_quality``):
the secretariat, leaders and administrators every agency and the province; an agency's members
their own agency only (another agency's figures do not exist for them: 404). The session login
only: an ingest token opens nothing here (401). Input that means nothing (a date that is not
one, an unknown agency, a range ending before it starts, an unknown period) is a 400 naming the
field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from cchc.accounts import permissions
from cchc.agencies.models import Agency
from cchc.api.errors import FieldProblems, answers_with_fields
from cchc.api.schemas import (
    Bieu06Out,
    ServiceFigureOut,
    ServiceGroupOut,
    ServiceIndicatorOut,
    ServiceIndicatorsOut,
    ServiceIndicatorsQuery,
    ServicePeriodOut,
    ServiceScoreOut,
    ServiceScoresOut,
    ServiceScoresQuery,
)
from cchc.dossiers.models import Dossier
from cchc.servicequality import selectors
from cchc.servicequality.periods import Span, parse, span
from cchc.servicequality.scoring import GROUP_MAX

router = Router(tags=["service quality"])

# The years a date may fall in (the engines count in epoch seconds of these).
FIRST_YEAR, LAST_YEAR = 1901, 2199


def _check_reader(request: HttpRequest) -> None:
    if not permissions.can_see_service_quality(request.user):
        permissions.deny(
            request.user,
            "service quality",
            message=_(
                "Only the secretariat, leaders, administrators and agencies' members read this."
            ),
        )


def _date(text: str) -> dt.date | None:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            day = dt.datetime.strptime(text.strip(), fmt).date()  # noqa: DTZ007 (a calendar day)
        except ValueError:
            continue
        return day if FIRST_YEAR <= day.year <= LAST_YEAR else None
    return None


def _span(key: str) -> Span | None:
    try:
        found = parse(key.strip())
    except ValueError:
        return None
    return found if FIRST_YEAR <= found.year <= LAST_YEAR else None


def _range(query: ServiceIndicatorsQuery) -> tuple[dt.date, dt.date]:
    """The first and last day asked: ``from`` and ``to``, or ``period``."""
    problems: dict[str, str] = {}
    if query.period:
        if query.start or query.end:
            problems["period"] = _("Give either a period or from and to, not both.")
        found = _span(query.period)
        if found is None:
            problems.setdefault(
                "period",
                _("Not a period: use a key like 2026-M01, 2026-Q1, 2026-Y or ND09-2026-Q1."),
            )
        if problems or found is None:
            raise FieldProblems(problems)
        return found.start, found.end
    days: dict[str, dt.date] = {}
    for name, text in (("from", query.start), ("to", query.end)):
        if not text:
            problems[name] = _("Give the first and the last day (from, to) or a period.")
            continue
        day = _date(text)
        if day is None:
            problems[name] = _("Not a date: use YYYY-MM-DD or dd/mm/yyyy (years 1901–2199).")
        else:
            days[name] = day
    if not problems and days["to"] < days["from"]:
        problems["to"] = _("The last day is before the first.")
    if problems:
        raise FieldProblems(problems)
    return days["from"], days["to"]


def _own_codes(request: HttpRequest) -> list[str]:
    ids = permissions.agencies_of(request.user)
    return sorted(Agency.objects.filter(pk__in=ids).values_list("code", flat=True))


def _agency(request: HttpRequest, code: str | None) -> str | None:
    """The agency asked for, checked (None: the province and every agency)."""
    if not code:
        if permissions.sees_everything(request.user):
            return None
        own = _own_codes(request)
        if len(own) != 1:
            raise FieldProblems({"agency": _("Choose one of your agencies.")})
        return own[0]
    code = code.strip()
    agency = Agency.objects.filter(code=code).first()
    if agency is None and not Dossier.objects.filter(agency_code=code).exists():
        raise FieldProblems({"agency": _("No agency has this code.")})
    if not permissions.can_see_service_quality_of(request.user, agency.pk if agency else None):
        permissions.deny(
            request.user, "service quality of an agency", hide=True, message=_("Not found.")
        )
    return code


@router.get(
    "/indicators",
    response=answers_with_fields({200: ServiceIndicatorsOut}, 403),
    by_alias=True,
    summary="The 766 indicators and Biểu 06 of a date range",
)
def indicators(request: HttpRequest, query: Query[ServiceIndicatorsQuery]) -> ServiceIndicatorsOut:
    """Every indicator (numerator, denominator, rate with 2 decimals, points) for the province
    (``agency`` null) and each agency, or for one agency, and the Biểu 06 table, computed from
    the dossiers as ``cchc dossiers indicators --json`` prints them; ``level`` keeps one
    administrative level's dossiers. The indicators are paged (``count`` in all)."""
    _check_reader(request)
    start, end = _range(query)
    agency = _agency(request, query.agency)
    report = selectors.indicator_report(start=start, end=end, agency=agency, level=query.level)
    items = report["indicators"]
    page = items[query.offset : query.offset + query.limit]
    return ServiceIndicatorsOut(
        start=start,
        end=end,
        indicators=[ServiceIndicatorOut(**item) for item in page],
        bieu06=Bieu06Out(**report["bieu06"]),
        count=len(items),
        limit=query.limit,
        offset=query.offset,
    )


def _scores_span(query: ServiceScoresQuery) -> Span:
    if query.period:
        key = query.period.strip()
        if query.year is not None and _span(key) is None:
            style, _sep, rest = key.rpartition("-") if key.startswith("ND09-") else ("", "", key)
            key = f"{style}-{query.year}-{rest}" if style else f"{query.year}-{rest}"
        found = _span(key)
        if found is None or (query.year is not None and found.year != query.year):
            raise FieldProblems(
                {
                    "period": _(
                        "Not a period: use a key like 2026-M01, 2026-Q1, 2026-Y or ND09-2026-Q1."
                    )
                }
            )
        return found
    if query.year is not None:
        return span("year", query.year, 1)
    latest = selectors.latest_month(selectors.rollup_periods())
    if latest is not None:
        return parse(latest)
    today = timezone.localdate()
    return span("month", today.year, today.month)


def _score_out(
    card: selectors.Scorecard, name: str, rank: int | None, agency: str | None
) -> ServiceScoreOut:
    return ServiceScoreOut(
        agency=agency,
        name=name,
        rank=rank,
        score=card.score,
        groups=[
            ServiceGroupOut(group=g, points=p, max_points=GROUP_MAX[g])
            for g, p in card.groups.items()
        ],
        figures=[
            ServiceFigureOut(**{k: item[k] for k in ServiceFigureOut.model_fields})
            for item in card.figures
        ],
        bieu06=Bieu06Out(**card.bieu06),
    )


@router.get(
    "/scores",
    response=answers_with_fields({200: ServiceScoresOut}, 403),
    summary="The province's 766 score per group and the agencies ranked",
)
def scores(request: HttpRequest, query: Query[ServiceScoresQuery]) -> ServiceScoresOut:
    """From the rollups, as the page ``/service-quality/`` shows them: the province's score and
    each group's points (null for those who see only their own agency), and the agencies
    ranked by score (best first; those without a score last), paged (``count`` in all)."""
    _check_reader(request)
    current = _scores_span(query)
    _current, cards = selectors.scorecards(current.key)
    province, agencies = cards[0], cards[1:]
    everything = permissions.sees_everything(request.user)
    if not everything:
        own = set(_own_codes(request))
        agencies = [c for c in agencies if c.agency in own]
    ranked = sorted(agencies, key=lambda c: (c.score is None, -(c.score or 0), c.agency))
    page = ranked[query.offset : query.offset + query.limit]
    names = dict(
        Agency.objects.filter(code__in=[c.agency for c in page]).values_list("code", "name")
    )
    out: dict[str, Any] = {
        "period": ServicePeriodOut(
            key=current.key, label=str(current.label), start=current.start, end=current.end
        ),
        "province": _score_out(province, _("The province"), None, None) if everything else None,
        "agencies": [
            _score_out(card, names.get(card.agency, card.agency), query.offset + i, card.agency)
            for i, card in enumerate(page, start=1)
        ],
        "count": len(ranked),
        "limit": query.limit,
        "offset": query.offset,
    }
    return ServiceScoresOut(**out)
