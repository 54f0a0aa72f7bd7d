"""Views of the dashboards (see the package's docstring)."""

from __future__ import annotations

import functools
import hashlib
import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from cchc.accounts import permissions
from cchc.agencies.models import Agency
from cchc.core.exports import export_format
from cchc.core.validation import query_int
from cchc.dashboards import cache, exports, selectors
from cchc.dashboards.figures import PlanFigures
from cchc.plans.models import NodeKind, Plan
from cchc.reporting.views import common
from cchc.scheduling import selectors as due
from cchc.scheduling.periods import Period


def _filters(request: HttpRequest, plans: list[Plan]) -> dict[str, Any]:
    """The plan (asked for, else the latest issued), the year and the reporting period."""
    on = common.today()
    asked = query_int(request.GET.get("plan"))
    plan = next((p for p in plans if p.pk == asked), plans[0] if plans else None)
    first = min((p.issued_on.year for p in plans if p.issued_on), default=on.year)
    years = list(range(max(first, on.year - 10), on.year + 2))
    year, periods, period = selectors.choose_period(
        year=query_int(request.GET.get("year")),
        key=request.GET.get("period", ""),
        years=years,
        on=on,
    )
    key_of = {id(p): due.period_key(p) for p in periods}
    return {
        "on": on,
        "now": timezone.now(),
        "plans": plans,
        "plan": plan,
        "years": years,
        "year": year,
        "periods": periods,
        "period": period,
        "period_key": key_of[id(period)] if period is not None else "",
        "key_of": key_of,
        "period_options": [(key_of[id(p)], p.label) for p in periods],
    }


# A plan's fields the pages read, with its data version (``cache.with_versions``).
PLAN_FIELDS = ("pk", "number", "title", "issued_on", "created_at")
# Stands for the plan's id while its query is compiled (``_plan``).
_PK = -7_340_001


@functools.cache
def _compiled(name: str) -> tuple[str, tuple[Any, ...]]:
    """The SQL of the pages' own queries, compiled once by the process (the ORM's compiling
    of the data-version subqueries costs more than running them)."""
    if name == "plans":
        plans = Plan.objects.order_by("-issued_on", "title", "pk").only(*PLAN_FIELDS)
        sql, params = cache.with_versions(plans).query.sql_with_params()
    elif name == "plan":
        one = Plan.objects.filter(pk=_PK).only(*PLAN_FIELDS).order_by()
        sql, params = cache.with_versions(one).query.sql_with_params()
    else:
        sql, params = (
            Agency.objects.filter(pk=_PK).values_list("pk", "name").query.sql_with_params()
        )
    return sql, tuple(params)


def _with_pk(name: str, pk: int) -> tuple[str, list[Any]]:
    sql, params = _compiled(name)
    return sql, [pk if p == _PK else p for p in params]


def _plans() -> list[Plan]:
    """Every plan, latest issued first, with its data version (one query)."""
    sql, params = _compiled("plans")
    return list(Plan.objects.raw(sql, params))


def _plan(pk: int) -> Plan | None:
    """The plan ``pk`` with its data version (one query)."""
    return next(iter(Plan.objects.raw(*_with_pk("plan", pk))), None)


def _agency(pk: int) -> tuple[int, str] | None:
    """The agency ``pk``'s id and name (one query)."""
    with connection.cursor() as cursor:
        cursor.execute(*_with_pk("agency", pk))
        row = cursor.fetchone()
    return (row[0], row[1]) if row is not None else None


def _body_key(
    request: HttpRequest, context: dict[str, Any], figures: PlanFigures, *extra: object
) -> str:
    """What a page's body is drawn from: the figures served (which, and whether they are
    being computed again), the filters and the query string, the plans offered, the
    language, the address and ``extra``."""
    plan: Plan = context["plan"]
    updating = not figures.current(cache.data_version(plan), context["on"])
    plans = "|".join(f"{p.pk}/{p.number}/{p.title}/{p.issued_on}" for p in context["plans"])
    # The export links keep the request's query string.
    query = request.GET.urlencode()
    parts = (
        plan.pk,
        figures.key,
        updating,
        context["year"],
        context["period_key"],
        plans,
        get_language(),
        query,
        *extra,
    )
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()
    return f"{request.path}:{digest}"


def _figures(context: dict[str, Any]) -> PlanFigures:
    return cache.plan_figures(
        plan=context["plan"], periods=context["periods"], on=context["on"], now=context["now"]
    )


def _page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    key: str | None = None,
    body: str | None = None,
) -> HttpResponse:
    """The whole page, or its body for an HTMX filter change (not for htmx's history restore,
    which asks for the whole page). The body (``_<template>``) is drawn once per ``key``
    (``_body_key``) and kept with the figures; ``body`` when the caller found it there."""
    partial = request.headers.get("HX-Request") == "true" and (
        request.headers.get("HX-History-Restore-Request") != "true"
    )
    if body is None:
        body = render_to_string(template.replace("/", "/_", 1), {**context, "request": request})
        if key is not None:
            cache.BODIES.set(key, body)
    if partial:
        response = HttpResponse(body)
    else:
        response = render(request, template, {**context, "body": mark_safe(body)})
    patch_vary_headers(response, ("HX-Request",))
    return response


def _cached_body(key: str | None, request: HttpRequest) -> str | None:
    """The body drawn before under ``key``, unless the request asks for a file."""
    if key is None or export_format(request) is not None:
        return None
    found = cache.BODIES.get(key)
    return found if isinstance(found, str) else None


def _period_of(context: dict[str, Any]) -> Period | None:
    period: Period | None = context["period"]
    return period


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    if not permissions.can_see_dashboards(request.user):
        permissions.deny(request.user, "dashboards")
    context = _filters(request, _plans())
    plan = context["plan"]
    context["definitions"] = selectors.DEFINITIONS
    context["all_agencies"] = request.GET.get("agencies") == "all"
    figures = _figures(context) if plan is not None else None
    key = _body_key(request, context, figures) if figures is not None else None
    body = _cached_body(key, request)
    if plan is not None and body is None:
        context["data"] = data = selectors.overview(
            plan=plan,
            periods=context["periods"],
            period=_period_of(context),
            key_of=context["key_of"],
            on=context["on"],
            now=context["now"],
            figures=figures,
        )
        fmt = export_format(request)
        if fmt is not None:
            return exports.overview_table(data, table=request.GET.get("table", ""), fmt=fmt)
        context["agency_rows"] = rows = (
            data.agencies if context["all_agencies"] else selectors.attention(data)
        )
        context["charts_json"] = json.dumps(exports.overview_charts(data, agencies=rows))
    return _page(request, "dashboards/overview.html", context, key=key, body=body)


@login_required
@require_GET
def agency_scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_see_scorecard(request.user, pk):
        permissions.deny(request.user, "agency scorecard")
    agency = _agency(pk)
    if agency is None:
        raise Http404
    context = _filters(request, _plans())
    plan = context["plan"]
    context["agency_id"], context["agency_name"] = agency
    context["definitions"] = selectors.DEFINITIONS
    context["dashboards"] = permissions.can_see_dashboards(request.user)
    figures = _figures(context) if plan is not None else None
    key = (
        _body_key(request, context, figures, agency[1], context["dashboards"])
        if figures is not None
        else None
    )
    body = _cached_body(key, request)
    if plan is not None and body is None:
        context["card"] = card = selectors.scorecard(
            agency_id=agency[0],
            name=agency[1],
            plan=plan,
            periods=context["periods"],
            period=_period_of(context),
            key_of=context["key_of"],
            on=context["on"],
            now=context["now"],
            figures=figures,
        )
        fmt = export_format(request)
        if fmt is not None:
            return exports.scorecard_table(card, table=request.GET.get("table", ""), fmt=fmt)
    return _page(request, "dashboards/scorecard.html", context, key=key, body=body)


@login_required
@require_GET
def node_drill(request: HttpRequest, plan_pk: int, pk: int) -> HttpResponse:
    if not permissions.can_see_dashboards(request.user):
        permissions.deny(request.user, "dashboards")
    plan = _plan(plan_pk)
    if plan is None:
        raise Http404
    on, now = common.today(), timezone.now()
    _year, periods, _period = selectors.choose_period(year=None, key="", years=[], on=on)
    figures = cache.plan_figures(plan=plan, periods=periods, on=on, now=now)
    fmt = export_format(request)
    # The body of an area, objective or task is drawn once per figures; an activity's lists
    # its obligations' reports as they are now (a draft's percent changes no version).
    updating = not figures.current(cache.data_version(plan), on)
    key = f"drill:{plan.pk}:{pk}:{figures.key}:{updating}:{get_language()}"
    cached = cache.BODIES.get(key) if fmt is None else None
    if isinstance(cached, tuple):
        title, body = cached
    else:
        found = selectors.drill(
            plan=plan, node_id=pk, now=now, on=on, periods=periods, figures=figures
        )
        if found is None:
            raise Http404
        if fmt is not None:
            return exports.drill_table(found, fmt=fmt)
        context = {"drill": found, "definitions": selectors.DEFINITIONS}
        title = found.node.heading
        body = render_to_string("dashboards/_drill.html", context, request)
        if found.node.kind != NodeKind.ACTIVITY:
            cache.BODIES.set(key, (title, body))
    return render(request, "dashboards/drill.html", {"title": title, "body": mark_safe(body)})
