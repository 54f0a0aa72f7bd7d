"""Nothing unpublished is reachable anonymously: every URL pattern of the project (a walk of
the resolver), filled with every object of the fixture, called as an anonymous visitor.
Only the public pages (and the login and password-reset pages) answer 200, and none of them
shows a title of an unpublished plan, target or indicator."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

from cchc.accounts.models import Membership
from cchc.indicators.models import Indicator, Measurement, Target
from cchc.opendata.actions import approve_release, build_release, publish_release
from cchc.opendata.models import Publication, Release
from cchc.opendata.tests.conftest import (
    HIDDEN_INDICATOR,
    HIDDEN_PLAN,
    HIDDEN_TARGET,
    World,
)
from cchc.plans.models import Node, Plan

pytestmark = pytest.mark.django_db

SECRETS = (HIDDEN_PLAN, HIDDEN_TARGET, HIDDEN_INDICATOR, "od.hidden")
# The pages an anonymous visitor may open: the public ones, and logging in.
PUBLIC = {
    "opendata:public_index",
    "opendata:public_plan",
    "opendata:public_indicator",
    "opendata:releases",
    "opendata:catalog",
    "opendata:release_detail",
    "opendata:release_file",
    "opendata:ckan_package_list",
    "opendata:ckan_package_show",
    "opendata:ckan_package_search",
}
LOGIN_PAGES = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_complete",
    "password_reset_confirm",
    # Monitoring's health check: "ok" or "unavailable", nothing else.
    "healthz",
}


def _walk(
    resolver: URLResolver, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, list[Any]]]:
    """(name, [pattern parts]) of every URL pattern, nested includes included."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            yield from ((name, [entry.pattern, *parts]) for name, parts in _walk(entry, prefix, ns))
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else str(entry.pattern)
            yield name, [entry.pattern]


def _fill(parts: list[Any], values: dict[str, list[str]]) -> Iterator[str]:
    """Every address the pattern makes with the candidate values of its parameters."""
    pieces: list[list[str]] = []
    for part in parts:
        if isinstance(part, RoutePattern):
            route = str(part)
            chunks = re.split(r"<(?:(\w+):)?(\w+)>", route)
            # chunks: text, converter, name, text, converter, name, …
            options: list[list[str]] = []
            for i in range(0, len(chunks), 3):
                options.append([chunks[i]])
                if i + 2 < len(chunks):
                    converter = chunks[i + 1] or "str"
                    options.append(values["int" if converter == "int" else "str"])
            pieces.extend(options)
        elif isinstance(part, RegexPattern):
            regex = part.regex.pattern.lstrip("^").rstrip("$").rstrip("\\Z")
            if "(" in regex:
                # A catch-all (the API's, the admin's): one made-up path of each kind.
                text = re.sub(r"\(\?P<\w+>[^)]*\)\)?", "x", regex).replace("\\", "")
                pieces.append(list({text.replace("x", v, 1) for v in values["str"][:3]}))
            else:
                pieces.append([regex.replace("\\", "")])
    for combo in itertools.product(*pieces):
        yield "/" + "".join(combo)


@pytest.fixture
def objects(world: World) -> dict[str, list[str]]:
    """Every id and key of the fixture, published and not: the candidate parameters."""
    published = build_release(period_key="quarter-1", year=2024, user=world.builder)
    published = approve_release(release=published, user=world.approver)
    publish_release(release=published, user=world.approver)
    draft = build_release(period_key="half-1", year=2024, user=world.builder)
    ids: set[int] = set()
    for model in (Plan, Node, Indicator, Target, Measurement, Release, Publication, Membership):
        ids |= set(model.objects.values_list("pk", flat=True))
    ids.add(world.builder.pk)
    strings = [
        "od.public",
        "od.hidden",
        published.slug,
        draft.slug,
        *(f["path"] for f in draft.files),
        str(world.hidden_plan.pk),
    ]
    return {"int": [str(i) for i in sorted(ids)], "str": strings}


def test_anonymous_reaches_only_public_pages_and_no_unpublished_data(
    client: Client, world: World, objects: dict[str, list[str]]
) -> None:
    seen_public: set[str] = set()
    calls = 0
    for name, parts in _walk(get_resolver()):
        if name.startswith(("admin:", "admin/")):
            # The admin: a few addresses are enough (all redirect to log in).
            values = {"int": objects["int"][:2], "str": objects["str"][:2]}
        else:
            values = objects
        addresses = list(_fill(parts, values))
        if name in ("opendata:ckan_package_show", "opendata:ckan_package_search"):
            # Their parameters are in the query string.
            key = "id" if name.endswith("show") else "q"
            addresses += [f"{addresses[0]}?{key}={v}" for v in values["str"]]
        for address in addresses:
            calls += 1
            response = client.get(address)
            status = response.status_code
            if status != 200:
                assert status in (301, 302, 400, 401, 403, 404, 405, 409), (name, address, status)
                if status in (301, 302):
                    # The login's "next" repeats the address asked for: not a leak.
                    hidden = [s for s in SECRETS if s not in address]
                    assert not any(s in response["Location"] for s in hidden)
                continue
            assert name in PUBLIC | LOGIN_PAGES, f"{address} ({name}) answers 200 anonymously"
            seen_public.add(name)
            body = b"".join(response) if response.streaming else response.content
            # A page may repeat its own address (the language form's "next"): not a leak.
            text = body.decode("utf-8", "replace").replace(address, "")
            for secret in SECRETS:
                assert secret not in text, (address, secret)
    assert calls > 100
    # Every public page was reached with published objects.
    assert seen_public >= PUBLIC, PUBLIC - seen_public
