"""The work lists' bodies ("my reports", the review list, the status grid) drawn once and
kept by the process, under the data they are drawn from.

A list's body (its filters, counts, rows and pagination: everything under the navigation)
depends only on the data, the day, the language, the address with its query string and
what the page asks of the user (their agencies, their rights): the key holds each of those.
The data is the version of the lists (``cchc.core.versions.LISTS_KEY``: every report step,
and every obligation, agency, plan or activity saved or deleted through the ORM, bumps it
after its commit; ``cchc.reporting.apps``), of every plan (import, obligation generation,
approval and reopening, which write rows in bulk) and of the schedule (the working days
counted overdue), read in one query per page. Entries live at most
``CCHC_PAGE_CACHE_SECONDS`` (a change made around the ORM shows by then). Before the first
bump (a new or flushed database) nothing is cached.

A page's CSRF token is the request's own: the body is drawn with a marker in its place,
filled in on each request (as ``cchc.core.templatetags.layout`` does for the navigation); the
body is kept as bytes cut at the marker (``cchc.core.pages.KeptBody``).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Hashable
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language

from cchc.core.pages import KeptBody, page_response
from cchc.core.templatetags.layout import CSRF_MARK
from cchc.core.versions import LISTS_KEY, PLAN_PREFIX, SCHEDULE_KEY, ProcessCache
from cchc.reporting.views import common
from cchc.scheduling.workdays import WorkCalendar


class BodyCache(ProcessCache):
    # A body is 25–50 KB: at most ~10 MB a process.
    MAX_ENTRIES = 200


BODIES = BodyCache()

_VERSIONS_SQL = (
    "SELECT key, value FROM core_cacheversion WHERE key IN (%s, %s) OR key LIKE %s ORDER BY key"
)


def data_version() -> tuple[int, int]:
    """One number for the lists', the plans' and the schedule's versions (0 before the
    lists' first bump), and the schedule's (for the page's ``WorkCalendar``): one query."""
    with connection.cursor() as cursor:
        cursor.execute(_VERSIONS_SQL, [LISTS_KEY, SCHEDULE_KEY, f"{PLAN_PREFIX}%"])
        rows = cursor.fetchall()
    found = dict(rows)
    schedule = int(found.get(SCHEDULE_KEY) or 0)
    if not found.get(LISTS_KEY):
        return 0, schedule
    digest = hashlib.blake2b(repr(rows).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") or 1, schedule


def cached_page(
    request: HttpRequest,
    template: str,
    parts: tuple[Hashable, ...],
    build: Callable[[WorkCalendar], dict[str, Any]],
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """``template`` (``{{ body }}`` in its content block) with the body ``_<template>`` drawn
    from ``build(calendar)``'s context (a calendar under the schedule version read here), or
    found kept under the same data and ``parts`` (what the body shows of the user).
    ``extra``: what the page around the body needs (the navigation's work queues)."""
    head, _sep, name = template.rpartition("/")
    body_template = f"{head}/_{name}"
    bucket = int(time.time() // settings.CCHC_PAGE_CACHE_SECONDS)
    key = (request.path, request.GET.urlencode(), get_language(), common.today(), bucket, *parts)
    context: dict[str, Any] = {}
    version, schedule = data_version()

    def draw() -> KeptBody:
        context.update(build(WorkCalendar(version=schedule)))
        html = render_to_string(body_template, {**context, "csrf_token": CSRF_MARK}, request)
        return KeptBody.of(html)

    body = BODIES.get(version, key, draw)
    # Kept as bytes, copied once into the response (cchc.core.pages).
    return page_response(request, template, {**context, **(extra or {})}, body)
