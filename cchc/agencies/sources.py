"""Legal sources of registry rows: reading them from the registry file and citing them.

A source is a legal document: kind ("Nghị quyết"), number ("202/2025/QH15"), date, issuer
("Quốc hội") and, optionally, a link to the document itself. News reports and other pages go
to ``links``, shown apart as further reading; they are never the source.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from django.utils.translation import get_language
from django.utils.translation import gettext as _

BASIS_KEYS = ("type", "number", "date", "issuer", "url")


class SourceError(ValueError):
    """A basis or link of the registry file is malformed; the message names the field."""


def _day(value: dt.date) -> str:
    return f"{value.day}/{value.month}/{value.year}"


def citation(*, kind: str, number: str, date: dt.date | None, issuer: str) -> str:
    """ "Nghị quyết 202/2025/QH15 ngày 12/6/2025 của Quốc hội"; the parts that are known.

    The document's kind, number and issuer are Vietnamese names; under another interface
    language the joining words are translated ("… of 12/6/2025 by Quốc hội")."""
    if not kind and not number:
        return ""
    head = " ".join(part for part in (kind, number) if part)
    if (get_language() or "").startswith("vi"):
        dated = f" ngày {_day(date)}" if date else ""
        by = f" của {issuer}" if issuer else ""
        return f"{head}{dated}{by}"
    dated = _(" of %(date)s") % {"date": _day(date)} if date else ""
    by = _(" by %(issuer)s") % {"issuer": issuer} if issuer else ""
    return f"{head}{dated}{by}"


def is_web_link(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


def read_basis(entry: dict[str, Any], where: str) -> dict[str, Any]:
    """The model fields of an entry's ``basis`` table and ``links`` list, checked."""
    basis = entry.get("basis") or {}
    if not isinstance(basis, dict):
        raise SourceError(_("%(where)s: basis must be a table.") % {"where": where})
    unknown = set(basis) - set(BASIS_KEYS)
    if unknown:
        raise SourceError(
            _("%(where)s: basis has unknown fields: %(fields)s.")
            % {"where": where, "fields": ", ".join(sorted(unknown))}
        )
    for key in ("type", "number", "issuer", "url"):
        if not isinstance(basis.get(key, ""), str):
            raise SourceError(
                _("%(where)s: basis.%(field)s must be text.") % {"where": where, "field": key}
            )
    if basis and not (basis.get("type", "").strip() and basis.get("issuer", "").strip()):
        raise SourceError(
            _("%(where)s: basis needs the kind of document (type) and its issuer.")
            % {"where": where}
        )
    date = basis.get("date")
    if date is not None and not isinstance(date, dt.date):
        try:
            date = dt.date.fromisoformat(str(date))
        except ValueError as exc:
            raise SourceError(
                _("%(where)s: basis.date=%(value)r is not a date (YYYY-MM-DD).")
                % {"where": where, "value": date}
            ) from exc
    url = basis.get("url", "").strip()
    if url and not is_web_link(url):
        raise SourceError(
            _("%(where)s: basis.url %(value)r is not a web address.")
            % {"where": where, "value": url}
        )
    links = entry.get("links", [])
    if not isinstance(links, list) or not all(
        isinstance(link, str) and is_web_link(link) for link in links
    ):
        raise SourceError(
            _("%(where)s: links must be a list of web addresses (http or https).")
            % {"where": where}
        )
    return {
        "basis_type": basis.get("type", "").strip(),
        "basis_number": basis.get("number", "").strip(),
        "basis_date": date,
        "basis_issuer": basis.get("issuer", "").strip(),
        "basis_url": url,
        "links": list(links),
    }
