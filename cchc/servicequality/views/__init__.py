"""The service-quality pages: the province's 766 score per period, agencies ranked, trends by
month, Biểu 06 (all from the rollups); an agency's procedures (computed for the period)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from cchc.accounts import permissions
from cchc.agencies.models import Agency
from cchc.servicequality import actions, formulas, selectors
from cchc.servicequality.models import Rollup
from cchc.servicequality.periods import Span, parse, span

# Which dossiers stand behind each figure: the state filter of /dossiers/.
STATE_OF = {
    "766.2.1": "on_time",
    "resolved_late": "late",
    "resolved_on_time": "on_time",
    "resolved_early": "on_time",
    "pending": "open",
    "pending_in_time": "open",
    "pending_overdue": "late",
}


BIEU06_LABELS = {
    "total": _("Dossiers to resolve: total"),
    "received_online": _("Newly received online"),
    "received_in_person": _("Newly received in person or by post"),
    "carried_over": _("Carried over from the previous period"),
    "resolved": _("Resolved: total"),
    "resolved_early": _("Resolved early"),
    "resolved_on_time": _("Resolved on time"),
    "resolved_late": _("Resolved late"),
    "pending": _("Being resolved: total"),
    "pending_in_time": _("Being resolved, in time"),
    "pending_overdue": _("Being resolved, overdue"),
}


def dossiers_url(s: Span, *, agency: str = "", procedure: str = "", state: str = "") -> str:
    try:
        base = reverse("dossiers:list")
    except NoReverseMatch:
        base = "/dossiers/"
    query = {"from": s.start.isoformat(), "to": s.end.isoformat()}
    if agency:
        query["agency"] = agency
    if procedure:
        query["procedure"] = procedure
    if state:
        query["state"] = state
    return f"{base}?{urlencode(query)}"


def _period(request: HttpRequest, available: list[str]) -> Span:
    key = request.GET.get("period", "")
    if key:
        try:
            return parse(key)
        except ValueError:
            pass
    if available:
        months = [k for k in available if k[4:6] == "-M"]
        return parse(max(months) if months else available[0])
    today = timezone.localdate()
    return span("month", today.year, today.month)


def _own_codes(request: HttpRequest) -> dict[str, int] | None:
    """The agency codes the user may see (None: every agency)."""
    if permissions.sees_everything(request.user):
        return None
    ids = permissions.agencies_of(request.user)
    return dict(Agency.objects.filter(pk__in=ids).values_list("code", "pk"))


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    if not permissions.can_see_service_quality(request.user):
        permissions.deny(request.user, "service quality")
    available = sorted(Rollup.objects.values_list("period", flat=True).distinct(), reverse=True)
    current = _period(request, available)
    own = _own_codes(request)
    _span, cards = selectors.scorecards(current.key)
    province, agencies = cards[0], cards[1:]
    if own is not None:
        agencies = [c for c in agencies if c.agency in own]
    names = dict(
        Agency.objects.filter(code__in=[c.agency for c in agencies]).values_list("code", "name")
    )
    ranked = sorted(agencies, key=lambda c: (c.score is None, -(c.score or 0), c.agency))
    trend = selectors.trend(year=current.end.year, agency=None)
    if own is not None:
        trend = []
    context: dict[str, Any] = {
        "period": current,
        "periods": available,
        "province": province if own is None else None,
        "ranked": [(c, names.get(c.agency, c.agency)) for c in ranked],
        "trend": trend,
        "chart": {
            "months": [t["month"] for t in trend],
            "series": [
                {"code": f.code, "values": [t["rates"][f.code] for t in trend]}
                for f in formulas.INDICATORS
                if f.percent
            ],
        },
        "codes": [f.code for f in formulas.INDICATORS],
        "bieu06": _bieu06_rows(province.bieu06, current) if own is None else [],
        "dossiers_all": dossiers_url(current),
    }
    for card in [province, *agencies]:
        for item in card.figures:
            item["url"] = dossiers_url(
                current, agency=card.agency, state=STATE_OF.get(item["code"], "")
            )
    return render(request, "servicequality/overview.html", context)


def _bieu06_rows(values: dict[str, int], s: Span, agency: str = "") -> list[dict[str, Any]]:
    return [
        {
            "name": name,
            "label": BIEU06_LABELS[name],
            "value": values.get(name, 0),
            "url": dossiers_url(s, agency=agency, state=STATE_OF.get(name, "")),
        }
        for name in formulas.BIEU06
    ]


@login_required
@require_GET
def agency_detail(request: HttpRequest, code: str) -> HttpResponse:
    agency = Agency.objects.filter(code=code).first()
    if not permissions.can_see_service_quality_of(request.user, agency.pk if agency else None):
        permissions.deny(request.user, "service quality of an agency", hide=True)
    current = _period(request, [])
    rows = actions.compute([current], ("procedure_code",), agency=code)
    rules = selectors.rules_on(current.end)
    procedures = []
    total: dict[str, int] = dict.fromkeys(formulas.MEASURES, 0)
    for row in rows:
        for name in formulas.MEASURES:
            total[name] += row[name]
        figures = [
            selectors.figure(f, row[f.numerator], row[f.denominator], rules.get(f.code))
            for f in formulas.INDICATORS
        ]
        procedures.append(
            {
                "code": row["procedure_code"],
                "figures": figures,
                "total": row["total"],
                "url": dossiers_url(current, agency=code, procedure=row["procedure_code"]),
                "late_url": dossiers_url(
                    current, agency=code, procedure=row["procedure_code"], state="late"
                ),
                "late": row["resolved_late"] + row["pending_overdue"],
            }
        )
    procedures.sort(key=lambda p: (-p["late"], p["code"]))
    return render(
        request,
        "servicequality/agency.html",
        {
            "agency": agency,
            "code": code,
            "period": current,
            "procedures": procedures,
            "codes": [f.code for f in formulas.INDICATORS],
            "bieu06": _bieu06_rows(total, current, code),
        },
    )
