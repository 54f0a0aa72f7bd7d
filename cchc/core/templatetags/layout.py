"""``{% navigation %}``: the navigation bar of every page (``_navigation.html``), drawn once
per language, user and counts and kept by the process.

The bar is ~30 links (a ``{% url %}`` each), ~25 translations, two forms and a language
list: ~1 ms of template work on each page, the same for a user from one page to the next.
What it shows depends only on the language, the user (name, staff flag, the three
permissions it asks), the work-queue counts (read on every page: a change shows at once) and
two values of the request (the CSRF token, the address the language form returns to), which
are written into a drawing made with markers in their place. Without a request or a user
(the 500 page) the bar is drawn as a plain include.
"""

from __future__ import annotations

from html import escape
from typing import Any

from django import template
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

TEMPLATE = "_navigation.html"
# The permissions the bar asks (``perms.…`` in ``_navigation.html``).
PERMISSIONS = ("scheduling.view_obligation", "scheduling.view_reminder", "plans.add_plan")
# No user name, translation or address holds a NUL: the markers cannot be met by chance.
CSRF_MARK = "\x00csrf\x00"
PATH_MARK = "\x00path\x00"
# Drawings kept; past this many the process starts again from none.
MAX_ENTRIES = 2048

_drawn: dict[tuple[Any, ...], str] = {}


class _MarkedRequest:
    """What the bar reads of the request, the address replaced by a marker."""

    def __bool__(self) -> bool:
        return True

    @staticmethod
    def get_full_path() -> str:
        return PATH_MARK


def _queues(value: Any) -> tuple[Any, ...]:
    if value is None:
        return ()
    return (value.review, value.sign_off, value.returned, value.unread)


@register.simple_tag(takes_context=True)
def navigation(context: template.Context) -> SafeString:
    request = context.get("request")
    user = context.get("user")
    nav = get_template(TEMPLATE)
    if request is None or user is None:
        flat: dict[str, Any] = {str(k): v for k, v in context.flatten().items()}
        return mark_safe(nav.render(flat).removesuffix("\n"))
    authenticated = bool(user.is_authenticated)
    queues = context.get("work_queues")
    key = (
        get_language(),
        authenticated,
        user.get_username() if authenticated else "",
        bool(getattr(user, "is_staff", False)),
        tuple(user.has_perm(p) for p in PERMISSIONS) if authenticated else (),
        _queues(queues) if authenticated else (),
    )
    drawn = _drawn.get(key)
    if drawn is None:
        drawn = nav.render(
            {
                "request": _MarkedRequest(),
                "user": user,
                "perms": context.get("perms"),
                "work_queues": queues,
                "csrf_token": CSRF_MARK,
            }
        ).removesuffix("\n")
        if len(_drawn) >= MAX_ENTRIES:
            _drawn.clear()
        _drawn[key] = drawn
    filled = drawn.replace(CSRF_MARK, escape(get_token(request))).replace(
        PATH_MARK, escape(request.get_full_path())
    )
    return mark_safe(filled)
