"""Pages whose body is kept drawn (the plan and activity pages, the work lists): the body is
kept as UTF-8 bytes, cut where the request's CSRF token goes, and only the page around it
(``base.html``, the navigation) is drawn per request.

A kept body is 25-150 KB. Kept as text, every request scanned it for the token's marker,
copied it to fill the token in, copied it twice more joining the templates' parts and encoded
it to UTF-8 (~0.4 ms for the plan page's 156 KB); kept as bytes it is copied once, into the
response. The page around it is drawn with ``BODY_MARK`` in the body's place and cut there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from cchc.core.templatetags.layout import CSRF_MARK

# No translation, name or address holds a NUL: the marker cannot be met by chance.
BODY_MARK = "\x00body\x00"


@dataclass(frozen=True, slots=True)
class KeptBody:
    """A drawn body as UTF-8 bytes, cut at each place of the CSRF token (``CSRF_MARK``)."""

    parts: tuple[bytes, ...]

    @classmethod
    def of(cls, html: str) -> KeptBody:
        return cls(tuple(part.encode() for part in html.split(CSRF_MARK)))

    def chunks(self, request: HttpRequest) -> list[bytes]:
        """The body's bytes with the request's CSRF token in place (asked for only when the
        body holds a form)."""
        if len(self.parts) == 1:
            return [self.parts[0]]
        token = escape(get_token(request)).encode()
        chunks = [self.parts[0]]
        for part in self.parts[1:]:
            chunks += (token, part)
        return chunks


def page_response(
    request: HttpRequest, template: str, context: Mapping[str, Any], body: KeptBody
) -> HttpResponse:
    """``template`` drawn with ``context``, ``{{ body }}`` being ``body``: what ``render``
    answers, the body copied once as bytes."""
    page = render_to_string(template, {**context, "body": mark_safe(BODY_MARK)}, request)
    before, found, after = page.partition(BODY_MARK)
    if not found:
        raise ValueError(f"{template} does not show {{{{ body }}}}")
    return HttpResponse(b"".join([before.encode(), *body.chunks(request), after.encode()]))


def body_response(request: HttpRequest, body: KeptBody) -> HttpResponse:
    """The body alone (an htmx request)."""
    return HttpResponse(b"".join(body.chunks(request)))
