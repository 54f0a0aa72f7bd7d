"""The API's refusals, the same shape everywhere (``{"detail": …}``; a 422 also lists the
fields), and the documented responses of every operation (``answers``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja.errors import AuthenticationError, HttpError, ValidationError

from cchc.api.schemas import ErrorOut, ValidationErrorOut

# Every operation may answer these: not logged in, no such address or object (ids that are
# not integers included), input that does not match the schema.
ALWAYS = (401, 404, 422)


def answers(ok: dict[int, Any], *codes: int) -> dict[int, Any]:
    """An operation's documented responses: ``ok`` and every refusal it can give (``ALWAYS``
    and ``codes``: 400 a workflow rule, 403 not allowed or no CSRF token, 409 a stale
    version)."""
    documented = dict(ok)
    for code in sorted({*ALWAYS, *codes}):
        documented[code] = ValidationErrorOut if code == 422 else ErrorOut
    return documented


class CsrfRefused(HttpError):
    """A logged-in user's unsafe request without the CSRF token (403)."""

    def __init__(self) -> None:
        super().__init__(
            403,
            _(
                "CSRF token missing or incorrect: send the csrftoken cookie's value in the "
                "X-CSRFToken header with every POST, PUT, PATCH or DELETE."
            ),
        )


class FieldProblems(Exception):
    """Input that matches the schema but means nothing (a date that is not one, an agency
    nobody knows, a range that ends before it starts): 400, each field named, in the shape of
    a 422 (``ValidationErrorOut``)."""

    def __init__(self, problems: dict[str, str], location: str = "query") -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems
        self.location = location

    def body(self) -> dict[str, Any]:
        errors = [
            {"location": self.location, "field": name, "message": message}
            for name, message in self.problems.items()
        ]
        return {"detail": str(self), "errors": errors}


def answers_with_fields(ok: dict[int, Any], *codes: int) -> dict[int, Any]:
    """``answers`` of an operation whose 400 names the fields (``FieldProblems``)."""
    return answers(ok, *codes) | {400: ValidationErrorOut}


def unauthenticated_body() -> dict[str, str]:
    return {"detail": _("Log in first: this API uses the site's login session.")}


def validation_body(exc: ValidationError) -> dict[str, Any]:
    """Each field that did not match the schema, named: ``narrative: String should have at
    most 20000 characters``."""
    errors = []
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ())]
        location = loc[0] if loc else ""
        # ninja puts the parameter's name after the location ("body", "payload", "narrative").
        names = loc[2:] if location == "body" and len(loc) > 2 else loc[1:]
        field = ".".join(names) or location
        errors.append({"location": location, "field": field, "message": str(error.get("msg"))})
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    return {"detail": detail or _("The input does not match the schema."), "errors": errors}


@csrf_exempt
def not_found_anywhere(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any address under /api/v1/ that no operation has (an id that is not a number, a
    path that does not exist): a JSON 404 like every other refusal of the API."""
    return JsonResponse({"detail": _("No such address in the API.")}, status=404)


__all__ = [
    "AuthenticationError",
    "CsrfRefused",
    "FieldProblems",
    "answers",
    "answers_with_fields",
    "not_found_anywhere",
]
