"""The product's error pages: 400, 403, 404, 500 and a refused CSRF token.

Each is a page of the site (``error.html``, extending ``base.html``, with its navigation) in
the user's language; under the API (``/api/``) the same errors stay JSON (``{"detail": …}``,
django-ninja's shape). The 500 page asks nothing of the database: it renders without the
request's context processors (no user, no permissions) and reads the language cookie itself.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import requires_csrf_token

from cchc.core.middleware import API_PREFIX

TEMPLATE = "error.html"
logger = logging.getLogger(__name__)


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def _api_error(status: int, detail: str) -> JsonResponse:
    # English, as the API's own errors: a program reads them, not a person.
    return JsonResponse({"detail": detail}, status=status)


def _page(
    request: HttpRequest, *, status: int, title: Promise, message: Promise, detail: str = ""
) -> HttpResponse:
    body = loader.render_to_string(
        TEMPLATE,
        {"status": status, "title": title, "message": message, "detail": detail},
        request,
    )
    return HttpResponse(body, status=status)


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _api_error(400, "Bad Request")
    return _page(
        request,
        status=400,
        title=_("Bad request"),
        message=_("The address or the form sent could not be understood."),
    )


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _api_error(403, "Forbidden")
    # A message given with PermissionDenied is the application's own (translated) text.
    reason = str(exception) if exception.args else ""
    return _page(
        request,
        status=403,
        title=_("Access denied"),
        message=_("Your account may not see or do this."),
        detail=reason,
    )


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _api_error(404, "Not Found")
    return _page(
        request,
        status=404,
        title=_("Page not found"),
        message=_("There is no page at this address. It may have been moved or removed."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return _api_error(500, "Internal Server Error")
    # No request context: the context processors would ask the database for the user and
    # the permissions, and the database may be what failed.
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    languages = {code for code, _name in settings.LANGUAGES}
    with translation.override(chosen if chosen in languages else settings.LANGUAGE_CODE):
        title = _("Something went wrong")
        message = _(
            "The server could not complete the request. The error has been logged; "
            "please try again in a moment."
        )
        body: str
        try:
            body = loader.render_to_string(
                TEMPLATE, {"status": 500, "title": title, "message": message}
            )
        except Exception:  # the page itself failed (a template, the static files): text
            logger.exception("The 500 page could not be rendered")
            body = (
                f"<!doctype html><title>{escape(title)}</title><h1>{escape(title)}</h1>"
                f"<p>{escape(message)}</p>"
            )
    return HttpResponse(body, status=500)


@requires_csrf_token
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: a form sent from an outdated page or without cookies."""
    if _is_api(request):
        return _api_error(403, "CSRF check Failed")
    return _page(
        request,
        status=403,
        title=_("The form has expired"),
        message=_(
            "For your security, the form could not be accepted: the page was open too long, "
            "you logged in or out in another tab, or your browser blocks cookies for this "
            "site. Go back, reload the page and send it again."
        ),
    )
