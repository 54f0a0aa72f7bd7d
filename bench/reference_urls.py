"""The product's URLs plus the reference of the pages benchmark.

``/__bench__/reference/<page>/`` runs the SQL the real page ran when the benchmark captured it
(``django.test.utils.CaptureQueriesContext`` around the real view; the statements are read
from the JSON file named by ``CCHC_BENCH_SQL``) with ``connection.cursor()``, fetches every
row, and answers a tiny ``HttpResponse``: the same database work and the same middleware as
the page, without the ORM, the view's Python and the template.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

from cchc.urls import urlpatterns as product_urlpatterns


@cache
def statements() -> dict[str, list[str]]:
    """Each page's SQL, in the order the page ran it."""
    source = os.environ.get("CCHC_BENCH_SQL", "")
    if not source:
        return {}
    data: dict[str, list[str]] = json.loads(Path(source).read_text(encoding="utf-8"))
    return data


def reference(request: HttpRequest, page: str) -> HttpResponse:
    sql = statements().get(page)
    if sql is None:
        raise Http404
    rows = 0
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)
            if cursor.description is not None:
                rows += len(cursor.fetchall())
    return HttpResponse(f"{len(sql)} statements, {rows} rows\n", content_type="text/plain")


def control(request: HttpRequest) -> HttpResponse:
    """The control: a fixed, cheap page through the same middleware (session, user), served
    in the same run. A cache removes the reference's queries too, so page ÷ reference alone
    would hide a gain from caching; page ÷ control shows it."""
    return HttpResponse("control\n", content_type="text/plain")


urlpatterns = [
    *product_urlpatterns,
    path("__bench__/reference/<str:page>/", reference, name="bench_reference"),
    path("__bench__/control/", control, name="bench_control"),
]
