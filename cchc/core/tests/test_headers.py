"""The headers every response carries: the Content-Security-Policy, Permissions-Policy,
Referrer-Policy, Cross-Origin-Opener-Policy, and no-store for what is meant for one person."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from cchc.plans.models import Plan


def _policy(header: str) -> dict[str, list[str]]:
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


def test_pages_carry_a_strict_content_security_policy(reader_client: Client, small_plan: Plan):
    response = reader_client.get(reverse("plans:plan_detail", args=[small_plan.pk]))
    assert response.status_code == 200
    policy = _policy(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert not any("unsafe" in v for values in policy.values() for v in values)


def test_pages_switch_off_browser_features_and_referrers(client: Client):
    response = client.get(reverse("login"))
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in permissions
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Server" not in response  # the application adds no banner


def test_pages_for_a_logged_in_user_are_never_stored(reader_client: Client, small_plan: Plan):
    for url in (
        reverse("plans:plan_list"),
        reverse("plans:plan_detail", args=[small_plan.pk]),
        reverse("scheduling:due"),
        "/no-such-page/",
    ):
        cache = reader_client.get(url)["Cache-Control"]
        assert "no-store" in cache and "private" in cache, url


def test_the_response_that_logs_in_is_never_stored(client: Client, reader: User):
    from cchc.conftest import PASSWORD

    response = client.post(reverse("login"), {"username": "reader", "password": PASSWORD})
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]


def test_api_responses_are_never_stored(reader_client: Client):
    anonymous = Client().get("/api/v1/obligations/")
    assert anonymous.status_code in {401, 403}
    assert "no-store" in anonymous["Cache-Control"]
    mine = reader_client.get("/api/v1/obligations/")
    assert mine.status_code == 200
    assert "no-store" in mine["Cache-Control"] and "private" in mine["Cache-Control"]


def test_an_anonymous_public_page_keeps_its_caching(client: Client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "no-store" not in response.get("Cache-Control", "")


def test_static_files_keep_their_long_cache(reader: User, settings):
    """WhiteNoise answers before the headers middleware: a logged-in user's static files are
    cached like anyone's. (Tests have no collectstatic: WhiteNoise serves from the finders.)"""
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    settings.WHITENOISE_MAX_AGE = 3600
    client = Client()  # its middleware is built now, with these settings
    client.force_login(reader)
    response = client.get("/static/cchc/cchc.js")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    cache = response.get("Cache-Control", "")
    assert "max-age=3600" in cache and "no-store" not in cache
