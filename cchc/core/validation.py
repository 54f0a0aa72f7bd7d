"""Input checks every form, API schema and query string shares.

- Text a user sends must be storable: PostgreSQL refuses a NUL character in text and no
  database takes a lone UTF-16 surrogate (JSON's ``"\\ud800"``), so both are refused with
  the field's name before anything reaches the database (``StorableTextValidator`` for
  Django forms, ``storable`` for pydantic schemas).
- Numbers in a query string are read by ``query_int``: ASCII digits only (``"²".isdigit()``
  is true, ``int("²")`` fails), within a range a database column can hold.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# The largest value of a 64-bit signed column (ids, offsets).
MAX_BIGINT = 2**63 - 1
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_DIGITS = re.compile(r"[0-9]{1,19}")


def unstorable(value: str) -> str | None:
    """Why ``value`` cannot be stored as text, or None when it can."""
    found = _UNSTORABLE.search(value)
    if found is None:
        return None
    if found.group() == "\x00":
        return str(_("it contains a NUL character (\\0), which text cannot hold"))
    return str(_("it contains an invalid character (a lone UTF-16 surrogate)"))


def storable(value: str) -> str:
    """``value`` unchanged, or ValueError saying why it cannot be stored (pydantic's
    ``AfterValidator``: the API's 422 names the field)."""
    reason = unstorable(value)
    if reason is not None:
        raise ValueError(reason)
    return value


@deconstructible
class StorableTextValidator:
    """A form field's check that its text can be stored (no NUL, no lone surrogate)."""

    code = "unstorable"

    def __call__(self, value: object) -> None:
        reason = unstorable(str(value))
        if reason is not None:
            raise ValidationError(
                _("This text cannot be saved: %(reason)s."),
                code=self.code,
                params={"reason": reason},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StorableTextValidator)

    def __hash__(self) -> int:
        return hash(self.code)


def query_int(raw: object, *, low: int = 1, high: int = MAX_BIGINT) -> int | None:
    """An integer from a query string or a form, or None when ``raw`` is not one: only ASCII
    digits, within ``low``..``high`` (by default a positive database id)."""
    if not isinstance(raw, str) or not _DIGITS.fullmatch(raw):
        return None
    number = int(raw)
    return number if low <= number <= high else None
