"""The product's error pages: 400, 403, 404, 500 and a refused CSRF token.

Each is a page of the site (``error.html``, extending ``base.html``, with its navigation) in
the user's language; under the API (``/api/``) the same errors stay JSON (``{"detail": …}``,
django-ninja's shape). The 500 page asks nothing of the database: it renders without the
request's context processors (no user, no permissions) and reads the language cookie itself.
The others (400, 403, 404, CSRF) differ only in their words: one factory, ``error_view``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import requires_csrf_token

from cchc.core.health import RETRY_AFTER, database_unavailable
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


def error_view(
    *, status: int, api_detail: str, title: Promise, message: Promise, show_reason: bool = False
) -> Callable[..., HttpResponse]:
    """An error page: the product's page (``error.html``) with ``title`` and ``message``, or
    under the API the JSON ``{"detail": api_detail}``. Called as Django calls its error
    handlers (``request, exception``) and its CSRF failure view (``request, reason=…``).
    ``show_reason``: a message given with the exception is the application's own
    (translated) text, shown under the message."""

    @requires_csrf_token
    def view(
        request: HttpRequest, exception: Exception | None = None, reason: str = ""
    ) -> HttpResponse:
        if _is_api(request):
            return _api_error(status, api_detail)
        detail = str(exception) if show_reason and exception is not None and exception.args else ""
        return _page(request, status=status, title=title, message=message, detail=detail)

    return view


bad_request = error_view(
    status=400,
    api_detail="Bad Request",
    title=_("Bad request"),
    message=_("The address or the form sent could not be understood."),
)
permission_denied = error_view(
    status=403,
    api_detail="Forbidden",
    title=_("Access denied"),
    message=_("Your account may not see or do this."),
    show_reason=True,
)
page_not_found = error_view(
    status=404,
    api_detail="Not Found",
    title=_("Page not found"),
    message=_("There is no page at this address. It may have been moved or removed."),
)
# ``CSRF_FAILURE_VIEW``: a form sent from an outdated page or without cookies.
csrf_failure = error_view(
    status=403,
    api_detail="CSRF check Failed",
    title=_("The form has expired"),
    message=_(
        "For your security, the form could not be accepted: the page was open too long, "
        "you logged in or out in another tab, or your browser blocks cookies for this "
        "site. Go back, reload the page and send it again."
    ),
)


def server_error(request: HttpRequest) -> HttpResponse:
    if database_unavailable():
        return service_unavailable(request)
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


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """503 while the database is away (restarting): try again in a moment. Plain text, no
    template, no database (cchc.core.health)."""
    if _is_api(request):
        response: HttpResponse = _api_error(503, "Service Unavailable")
    else:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        languages = {code for code, _name in settings.LANGUAGES}
        with translation.override(chosen if chosen in languages else settings.LANGUAGE_CODE):
            title = _("Temporarily unavailable")
            message = _("The service is restarting. Please try again in a moment.")
            body = (
                f"<!doctype html><meta charset=utf-8><title>{escape(title)}</title>"
                f"<h1>{escape(title)}</h1><p>{escape(message)}</p>"
            )
        response = HttpResponse(body, status=503)
    response["Retry-After"] = RETRY_AFTER
    return response
