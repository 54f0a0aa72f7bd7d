"""The pages anyone may open, without logging in: what the secretariat marked public, the
published releases, their files, the DCAT catalogue and the CKAN read API. Nothing here
reads anything that is not public (``selectors.published``, published releases)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cchc.accounts import permissions
from cchc.indicators.models import Indicator
from cchc.opendata import catalog, selectors
from cchc.opendata.actions import directory_of
from cchc.opendata.models import Release
from cchc.plans.models import Plan


def today() -> dt.date:
    return timezone.localdate()


@require_GET
def public_index(request: HttpRequest) -> HttpResponse:
    pub = selectors.published()
    return render(
        request,
        "opendata/public_index.html",
        {
            "plans": selectors.public_plans(pub),
            "indicators": selectors.public_indicators(pub),
            "releases": list(selectors.published_releases()[:5]),
            "as_of": timezone.now(),
            "can_manage": permissions.can_manage_open_data(request.user),
        },
    )


@require_GET
def public_plan(request: HttpRequest, pk: int) -> HttpResponse:
    pub = selectors.published()
    if pk not in pub.plans:
        raise Http404
    plan = get_object_or_404(Plan, pk=pk)
    view = selectors.plan_view(plan, pub=pub, on=today())
    return render(request, "opendata/public_plan.html", {"view": view, "as_of": timezone.now()})


@require_GET
def public_indicator(request: HttpRequest, code: str) -> HttpResponse:
    pub = selectors.published()
    indicator = Indicator.objects.filter(code=code, pk__in=pub.indicators).first()
    if indicator is None:
        raise Http404
    values = list(selectors.approved_measurements({indicator.pk}))
    return render(
        request,
        "opendata/public_indicator.html",
        {"indicator": indicator, "values": values, "as_of": timezone.now()},
    )


@require_GET
def releases(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "opendata/releases.html",
        {"releases": list(selectors.published_releases())},
    )


def _published(slug: str) -> Release:
    release = catalog.by_slug(slug)
    if release is None:
        raise Http404
    return release


@require_GET
def release_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "opendata/release_detail.html", {"release": _published(slug)})


@require_GET
def release_file(request: HttpRequest, slug: str, filename: str) -> FileResponse:
    release = _published(slug)
    entry = next((f for f in release.files if f["path"] == filename), None)
    if entry is None:
        raise Http404
    path = directory_of(release) / entry["path"]
    if not path.is_file():
        raise Http404
    response = FileResponse(path.open("rb"), content_type=f"{entry['mediatype']}; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{entry["path"]}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _jsonld(data: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1),
        content_type="application/ld+json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def catalog_jsonld(request: HttpRequest) -> HttpResponse:
    found = list(selectors.published_releases())
    return _jsonld(catalog.catalogue(found, request.build_absolute_uri))


# CKAN's action API (read only): the envelope {"help", "success", "result"} or "error".


def _ckan(
    request: HttpRequest, action: str, result: Any = None, *, error: Any = None, status: int = 200
) -> JsonResponse:
    body: dict[str, Any] = {
        "help": request.build_absolute_uri(f"/api/3/action/help_show?name={action}"),
        "success": error is None,
    }
    if error is None:
        body["result"] = result
    else:
        body["error"] = error
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _int_param(request: HttpRequest, name: str, default: int, maximum: int) -> int | None:
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    if not raw.isdigit() or int(raw) > maximum:
        return None
    return int(raw)


@require_GET
def ckan_package_list(request: HttpRequest) -> JsonResponse:
    limit = _int_param(request, "limit", 1000, 1000)
    offset = _int_param(request, "offset", 0, 10**6)
    if limit is None or offset is None:
        return _ckan(
            request,
            "package_list",
            error={"__type": "Validation Error", "limit": ["Must be a natural number up to 1000"]},
            status=409,
        )
    names = [r.slug for r in selectors.published_releases()]
    return _ckan(request, "package_list", names[offset : offset + limit])


@require_GET
def ckan_package_show(request: HttpRequest) -> JsonResponse:
    ident = request.GET.get("id", "")
    if not ident:
        return _ckan(
            request,
            "package_show",
            error={"__type": "Validation Error", "id": ["Missing value"]},
            status=409,
        )
    release = catalog.by_slug(ident)
    if release is None:
        return _ckan(
            request,
            "package_show",
            error={"__type": "Not Found Error", "message": "Not found"},
            status=404,
        )
    return _ckan(request, "package_show", catalog.package(release, request.build_absolute_uri))


@require_GET
def ckan_package_search(request: HttpRequest) -> JsonResponse:
    rows = _int_param(request, "rows", 10, 1000)
    start = _int_param(request, "start", 0, 10**6)
    if rows is None or start is None:
        return _ckan(
            request,
            "package_search",
            error={"__type": "Validation Error", "rows": ["Must be a natural number up to 1000"]},
            status=409,
        )
    query = request.GET.get("q", "").strip()
    if query in ("*:*", "*"):
        query = ""
    found = [r for r in selectors.published_releases() if catalog.matches(r, query)]
    result = {
        "count": len(found),
        "sort": "metadata_modified desc",
        "facets": {},
        "search_facets": {},
        "results": [
            catalog.package(r, request.build_absolute_uri) for r in found[start : start + rows]
        ],
    }
    return _ckan(request, "package_search", result)
