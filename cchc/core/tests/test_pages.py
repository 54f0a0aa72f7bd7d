"""Kept bodies sent as bytes (``cchc.core.pages``): the request's CSRF token in every form,
the page around the body drawn per request, the same HTML as ``render`` draws."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.test import RequestFactory
from django.utils.safestring import mark_safe

from cchc.core.pages import KeptBody, body_response, page_response
from cchc.core.templatetags.layout import CSRF_MARK

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'(?<=value=")[A-Za-z0-9]{64}(?=")')

BODY = (
    f'<form method="post"><input name="csrfmiddlewaretoken" value="{CSRF_MARK}"></form>'
    f'<p>Kế hoạch cải cách hành chính</p><form><input value="{CSRF_MARK}"></form>'
)


def _request(user: User) -> HttpRequest:
    request = RequestFactory().get("/plans/1/")
    request.user = user
    request.session = {}  # type: ignore[assignment]
    return request


def test_the_page_is_what_render_draws_with_the_requests_token(reader: User):
    request = _request(reader)
    body = KeptBody.of(BODY)
    assert len(body.parts) == 3
    response = page_response(request, "plans/plan_detail.html", {"title": "KH 1"}, body)
    expected = render(
        request,
        "plans/plan_detail.html",
        {"title": "KH 1", "body": mark_safe(BODY.replace(CSRF_MARK, get_token(request)))},
    )
    assert response.status_code == 200 and response["Content-Type"] == expected["Content-Type"]
    html = response.content.decode()
    # The same page but for the tokens (masked anew at each get_token).
    assert TOKEN.sub("T", html) == TOKEN.sub("T", expected.content.decode())
    assert len(TOKEN.findall(html)) >= 3 and CSRF_MARK not in html  # the body's two, logout
    assert "Kế hoạch cải cách hành chính" in html


def test_each_request_gets_its_own_token(reader: User):
    body = KeptBody.of(BODY)
    first, second = _request(reader), _request(reader)
    one = body_response(first, body).content.decode()
    two = body_response(second, body).content.decode()
    ones, twos = set(TOKEN.findall(one)), set(TOKEN.findall(two))
    assert len(ones) == len(twos) == 1 and ones != twos
    assert (
        TOKEN.sub("T", one) == TOKEN.sub("T", two) == TOKEN.sub("T", BODY.replace(CSRF_MARK, "T"))
    )
    assert first.META["CSRF_COOKIE"] != second.META["CSRF_COOKIE"]


def test_a_body_without_a_form_asks_for_no_token(reader: User):
    request = _request(reader)
    body = KeptBody.of("<p>Không có biểu mẫu</p>")
    assert body_response(request, body).content.decode() == "<p>Không có biểu mẫu</p>"
    assert "CSRF_COOKIE" not in request.META


def test_a_template_without_the_body_is_refused(reader: User):
    with pytest.raises(ValueError, match="body"):
        page_response(_request(reader), "_pagination.html", {}, KeptBody.of(BODY))
