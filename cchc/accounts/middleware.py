"""Session limits and the log of refused requests.

``SessionLimitsMiddleware``: a logged-in session ends after ``CCHC_SESSION_IDLE_MINUTES``
without a request (sliding) and, whatever the activity, ``CCHC_SESSION_MAX_HOURS`` after the
login; the user is logged out with a message and the request goes on as not logged in (pages
send to the login page, the API answers 401). The login time is written at login
(``cchc.accounts.receivers``); the time of the last request is written at most once a minute,
so most requests do not save the session. A session that logged in with the password alone
ends when its user has since become an administrator or the secretariat.

``DeniedLogMiddleware``: every 403 answer is recorded in the security log.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from cchc.accounts import security_log
from cchc.accounts.models import SecurityEventKind
from cchc.accounts.two_factor import METHOD, requires_two_factor

LOGIN_AT = "cchc_login_at"
SEEN_AT = "cchc_seen_at"
# The last-request time is saved when it is older than this (seconds).
TOUCH_AFTER = 60


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


class SessionLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if SESSION_KEY in session:
            now = time.time()
            login_at = _number(session.get(LOGIN_AT))
            seen_at = _number(session.get(SEEN_AT))
            ended = ""
            if login_at is None or now - login_at > settings.CCHC_SESSION_MAX_HOURS * 3600:
                ended = "lifetime"
                message = _(
                    "You were logged out because %(hours)s hours have passed since you logged "
                    "in. Please log in again."
                ) % {"hours": settings.CCHC_SESSION_MAX_HOURS}
            elif seen_at is None or now - seen_at > settings.CCHC_SESSION_IDLE_MINUTES * 60:
                ended = "idle"
                message = _(
                    "You were logged out after %(minutes)s minutes without activity. Please "
                    "log in again."
                ) % {"minutes": settings.CCHC_SESSION_IDLE_MINUTES}
            elif session.get(METHOD) == "password" and requires_two_factor(request.user):
                # The user became an administrator or the secretariat after logging in with
                # the password alone: the next login asks for the code (or enrolment).
                ended = "two_factor_required"
                message = _("Your role now requires two-factor login. Please log in again.")
            if ended:
                security_log.record(
                    SecurityEventKind.SESSION_ENDED,
                    user=request.user,
                    request=request,
                    reason=ended,
                )
                logout(request)
                messages.info(request, message)
            elif seen_at is not None and now - seen_at >= TOUCH_AFTER:
                session[SEEN_AT] = now
        return self.get_response(request)


class DeniedLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 403:
            security_log.record(
                SecurityEventKind.DENIED,
                user=getattr(request, "user", None),
                request=request,
                method=request.method,
                status=response.status_code,
            )
        return response
