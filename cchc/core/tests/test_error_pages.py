"""The error pages are the product's: base.html with its navigation, in the user's language
(Vietnamese unless the language cookie says English); under /api/ they stay JSON; the 500
page asks nothing of the database."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import path

from cchc import urls as product_urls
from cchc.core.views import server_error


def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


def _suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("odd input")


def _refused_with_reason(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("Only the secretariat reviews reports.")


# The product's URLs and error handlers, plus views that fail.
urlpatterns = [
    path("boom/", _boom),
    path("api/v1/boom/", _boom),
    path("suspicious/", _suspicious),
    path("refused/", _refused_with_reason),
    *product_urls.urlpatterns,
]
handler400 = product_urls.handler400
handler403 = product_urls.handler403
handler404 = product_urls.handler404
handler500 = product_urls.handler500


@pytest.fixture
def failing_urls(settings: Any) -> None:
    settings.ROOT_URLCONF = __name__


def _english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def _is_product_page(html: str, status: int) -> bool:
    return (
        'id="error-page"' in html
        and f'data-status="{status}"' in html
        and 'class="navbar' in html  # base.html's navigation
        and "/static/cchc/cchc.css" in html
    )


def test_a_missing_page_is_the_products_page_in_vietnamese(client: Client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert _is_product_page(html, 404)
    assert '<html lang="vi">' in html
    assert "Not Found" not in html and "The requested resource" not in html


def test_a_missing_page_in_english_when_chosen(client: Client):
    response = _english(client).get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404 and _is_product_page(html, 404)
    assert '<html lang="en">' in html and "Page not found" in html


def test_a_refused_page_keeps_the_navigation_of_the_logged_in_user(reader_client: Client):
    response = _english(reader_client).get("/reports/review/")
    html = response.content.decode()
    assert response.status_code == 403 and _is_product_page(html, 403)
    assert "Access denied" in html
    assert 'href="/reports/"' in html  # "My reports" in the navigation
    assert "reader" in html  # the user's name beside "Log out"


def test_a_reason_given_with_the_refusal_is_shown(reader_client: Client, failing_urls: None):
    response = reader_client.get("/refused/")
    assert response.status_code == 403
    assert "Only the secretariat reviews reports." in response.content.decode()


def test_a_bad_request_is_the_products_page(client: Client, failing_urls: None):
    response = _english(client).get("/suspicious/")
    html = response.content.decode()
    assert response.status_code == 400 and _is_product_page(html, 400)
    assert "Bad request" in html


def test_a_request_for_another_host_gets_the_400_page(client: Client):
    response = client.get("/plans/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert _is_product_page(response.content.decode(), 400)


def test_a_server_error_is_the_products_page(reader: User, failing_urls: None):
    client = Client(raise_request_exception=False)
    client.force_login(reader)
    response = _english(client).get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500 and _is_product_page(html, 500)
    assert "Something went wrong" in html and "a bug" not in html
    assert '<html lang="en">' in html


def test_the_500_page_asks_nothing_of_the_database(django_assert_num_queries: Any, db: None):
    request = RequestFactory().get("/plans/", HTTP_COOKIE="sessionid=abc; django_language=en")
    with django_assert_num_queries(0):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500 and _is_product_page(html, 500)
    assert 'action="/i18n/setlang/"' not in html  # no CSRF token without the request


def test_a_refused_csrf_token_is_the_products_page(reader: User):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    response = client.post("/accounts/logout/")
    html = response.content.decode()
    assert response.status_code == 403 and _is_product_page(html, 403)
    assert '<html lang="vi">' in html and "CSRF" not in html
    english = _english(client).post("/accounts/logout/").content.decode()
    assert "The form has expired" in english


@pytest.mark.parametrize(
    ("url", "status"),
    [("/api/v1/no-such-endpoint/", 404), ("/api/v1/boom/", 500)],
)
def test_api_errors_stay_json(reader: User, failing_urls: None, url: str, status: int):
    client = Client(raise_request_exception=False)
    client.force_login(reader)
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert set(response.json()) == {"detail"}


def test_the_500_page_falls_back_to_text_when_it_cannot_render(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    """Say, the static files were not collected: the manifest storage fails in base.html."""
    from django.template import loader

    def broken(*args: Any, **kwargs: Any) -> str:
        raise ValueError("Missing staticfiles manifest entry")

    monkeypatch.setattr(loader, "render_to_string", broken)
    request = RequestFactory().get("/plans/", HTTP_COOKIE="django_language=en")
    response = server_error(request)
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in response.content.decode()
    assert "The 500 page could not be rendered" in caplog.text


def test_the_error_pages_come_from_one_factory(reader: User):
    """400, 403, 404 and the CSRF failure are ``error_view``s: a page of the site, or JSON
    under the API, with the reason shown only where asked for."""
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext_lazy

    from cchc.core import views

    teapot = views.error_view(
        status=418,
        api_detail="I'm a teapot",
        title=gettext_lazy("Page not found"),
        message=gettext_lazy("Your account may not see or do this."),
    )
    request = RequestFactory().get("/plans/", HTTP_COOKIE="django_language=en")
    request.user = reader
    response = teapot(request, PermissionDenied("Lý do riêng"))
    html = response.content.decode()
    assert response.status_code == 418 and _is_product_page(html, 418)
    assert "Lý do riêng" not in html
    shown = views.permission_denied(request, PermissionDenied("Lý do riêng"))
    assert "Lý do riêng" in shown.content.decode()
    api = teapot(RequestFactory().get("/api/v1/x/"), None)
    assert api.status_code == 418 and json.loads(api.content) == {"detail": "I'm a teapot"}
    assert views.csrf_failure(request, reason="no token").status_code == 403
