"""The project's own middleware: the chosen language, and the security headers Django does
not set.

Language: Vietnamese unless the user chose English with the language switcher.

Django's LocaleMiddleware follows the browser's Accept-Language first, so a secretariat
computer with an English browser would get English pages. Here only the language cookie set
by the switcher (django.views.i18n.set_language) counts; otherwise LANGUAGE_CODE ("vi").
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class SecurityHeadersMiddleware:
    """What Django's SecurityMiddleware does not set, on every response the application makes
    (static files are served before this by WhiteNoise and keep their long cache):

    - ``Cache-Control: private, no-store`` (Django's never-cache headers) on every response to
      a logged-in user, or to a request carrying a session cookie, and on every API response:
      no shared cache or browser history keeps a page meant for one person;
    - ``Permissions-Policy`` (``settings.PERMISSIONS_POLICY``): browser features no page uses
      are switched off.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.permissions_policy: str = settings.PERMISSIONS_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path_info.startswith(API_PREFIX) or _personal(request):
            add_never_cache_headers(response)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return response


API_PREFIX = "/api/"


def _personal(request: HttpRequest) -> bool:
    """Whether the response may hold what only this user should see. Asks no database when
    there is no session cookie (an anonymous user's session is empty)."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)
