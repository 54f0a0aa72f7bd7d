"""``/healthz`` answers without a login and says only ok/unavailable; a request that fails
because the database is away gets 503 with Retry-After, not the 500 page."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.test import Client, RequestFactory

from cchc.core.views import server_error


@pytest.mark.django_db
def test_healthz_answers_ok_without_a_login(client: Client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_says_unavailable_when_the_database_fails(client: Client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def gone(self: object, sql: str, params: object = None) -> None:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(CursorWrapper, "execute", gone)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}  # no error text leaks
    assert response["Retry-After"] == "5"


def test_healthz_refuses_other_methods(client: Client):
    assert client.post("/healthz").status_code == 405


def test_a_request_failing_on_the_database_gets_503():
    factory = RequestFactory()
    try:
        raise OperationalError("the database system is shutting down")
    except OperationalError:
        page = server_error(factory.get("/plans/"))
        api = server_error(factory.get("/api/v1/obligations/"))
    assert page.status_code == 503 and page["Retry-After"] == "5"
    assert "Tạm thời" in page.content.decode() or "unavailable" in page.content.decode()
    assert api.status_code == 503 and api["Content-Type"] == "application/json"


def test_other_errors_stay_500():
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(RequestFactory().get("/plans/"))
    assert response.status_code == 500
