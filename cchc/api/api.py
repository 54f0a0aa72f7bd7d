"""The versioned REST API (``/api/v1/``): the same login, the same permission helpers and the
same actions as the web pages; the OpenAPI schema at ``/api/v1/openapi.json``.

The contract: not logged in → 401; logged in, an unsafe method without the CSRF token →
403; input that does not match the schema (unknown fields, wrong types, text too long or
holding a NUL) → 422 naming the fields; every refusal is JSON (``errors.py``) and every
status an operation can answer is in the schema."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import APIKeyCookie
from ninja.utils import check_csrf

from cchc.api.dossiers import router as dossiers_router
from cchc.api.errors import CsrfRefused, FieldProblems, unauthenticated_body, validation_body
from cchc.api.evidence import router as evidence_router
from cchc.api.indicators import router as indicators_router
from cchc.api.notifications import router as notifications_router
from cchc.api.obligations import router as obligations_router
from cchc.api.progress import router as progress_router
from cchc.api.reports import router as reports_router
from cchc.api.servicequality import router as servicequality_router
from cchc.api.signoff import router as signoff_router
from cchc.api.status import router as status_router
from cchc.indicators.actions import IndicatorError
from cchc.reporting.actions import ReportError, VersionConflict


class SessionAuth(APIKeyCookie):
    """The site's login session. Who is asking is checked before the CSRF token, so that
    an anonymous caller hears 401 (log in) and not 403 (CSRF)."""

    param_name: str = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if not request.user.is_authenticated:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise CsrfRefused
        return request.user


api = NinjaAPI(
    version="1",
    urls_namespace="api-v1",
    title="CCHC API",
    description=(
        "Obligations, progress reports and their review workflow; the Decision 766 service "
        "indicators and scores."
    ),
    auth=SessionAuth(),
    docs_decorator=login_required,
)
api.add_router("/obligations/", obligations_router)
api.add_router("/reports/", reports_router)
api.add_router("/sign-off/", signoff_router)
api.add_router("/status/", status_router)
api.add_router("/plans/", progress_router)
api.add_router("/evidence/", evidence_router)
api.add_router("/notifications/", notifications_router)
api.add_router("/", indicators_router)
api.add_router("/dossiers/", dossiers_router)
api.add_router("/service-quality/", servicequality_router)


def _error(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return api.create_response(request, {"detail": message}, status=status)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, unauthenticated_body(), status=401)


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, validation_body(exc), status=422)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """ninja's own refusals; a body that could not be parsed (ninja raises its 400 from the
    parser's exception) is input that does not match the schema: a documented 422 naming it."""
    if exc.status_code == 400 and exc.__cause__ is not None:
        body = {
            "detail": _("The request body is not valid JSON."),
            "errors": [
                {
                    "location": "body",
                    "field": "body",
                    "message": _("The request body is not valid JSON."),
                }
            ],
        }
        return api.create_response(request, body, status=422)
    return _error(request, str(exc), exc.status_code)


@api.exception_handler(FieldProblems)
def field_problems(request: HttpRequest, exc: FieldProblems) -> HttpResponse:
    return api.create_response(request, exc.body(), status=400)


@api.exception_handler(ReportError)
def report_error(request: HttpRequest, exc: ReportError) -> HttpResponse:
    return _error(request, str(exc), 400)


@api.exception_handler(IndicatorError)
def indicator_error(request: HttpRequest, exc: IndicatorError) -> HttpResponse:
    return _error(request, str(exc), 400)


@api.exception_handler(VersionConflict)
def version_conflict(request: HttpRequest, exc: VersionConflict) -> HttpResponse:
    return _error(request, str(exc), 409)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, str(exc) or _("You may not do this."), 403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, str(exc) or _("Not found."), 404)
