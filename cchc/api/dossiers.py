"""``POST /api/v1/dossiers/events``: batches of dossier rows and status events from a
one-stop system, authenticated ONLY by ``Authorization: Bearer <token>`` of an active ingest
token (``cchc dossiers token create NAME``). The session login does not work here, and a
token works nowhere else: every other operation asks for the session.

The body: ``{"mode": "refuse"|"skip", "dossiers": [{CSV columns}], "events": [{"MaHoSo",
"kind", "at", "data"}]}``. The answer (200 stored, 400 refused): the counts and each error
with its part ("dossiers"/"events"), the item's number (from 1), its column and the reason."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from annotated_types import MaxLen
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import HttpBearer
from pydantic import Field

from cchc.api.schemas import ErrorOut, In, ValidationErrorOut
from cchc.dossiers.actions import authenticate_token, ingest_api_batch
from cchc.dossiers.models import IngestToken

# At most this many dossiers and events in one request (a bigger load: several requests, or
# the command line).
MAX_BATCH = 10_000

Scalar = str | int | float | bool | None


class IngestTokenAuth(HttpBearer):
    """An active ingest token in ``Authorization: Bearer …``; anything else is a 401 that
    says so (not the session's "log in")."""

    def __call__(self, request: HttpRequest) -> IngestToken:
        scheme, _sep, value = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise HttpError(401, _("Send the ingest token as Authorization: Bearer <token>."))
        token = self.authenticate(request, value)
        if token is None:
            raise HttpError(401, _("This ingest token is unknown or revoked."))
        return token

    def authenticate(self, request: HttpRequest, token: str) -> IngestToken | None:
        return authenticate_token(token)


router = Router(tags=["dossiers"], auth=IngestTokenAuth())


class BatchIn(In):
    mode: Literal["refuse", "skip"] = "refuse"
    dossiers: Annotated[list[dict[str, Scalar]], MaxLen(MAX_BATCH)] = Field(default_factory=list)
    events: Annotated[list[dict[str, Any]], MaxLen(MAX_BATCH)] = Field(default_factory=list)


class RowErrorOut(Schema):
    part: str = ""
    line: int
    column: str
    reason: str
    value: str = ""


class RowCountsOut(Schema):
    received: int
    created: int
    updated: int
    unchanged: int
    refused: int


class EventCountsOut(Schema):
    received: int
    created: int
    unchanged: int


class IngestOut(Schema):
    detail: str
    run: int | None
    mode: str
    outcome: str
    rows: RowCountsOut
    events: EventCountsOut
    error_count: int
    errors: list[RowErrorOut]
    warnings: list[str]


@router.post(
    "/events",
    response={
        200: IngestOut,
        400: IngestOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ValidationErrorOut,
    },
    summary="Store a batch of dossier rows and status events",
)
def post_events(request: HttpRequest, payload: BatchIn) -> Status[dict[str, Any]]:
    token = getattr(request, "auth", None)
    assert isinstance(token, IngestToken)
    result = ingest_api_batch(
        token=token, dossiers=[*payload.dossiers], events=[*payload.events], mode=payload.mode
    )
    body = result.as_dict()
    if result.ok:
        body["detail"] = _("Stored.")
        return Status(200, body)
    body["detail"] = _("Refused: %(count)s errors; nothing was stored.") % {
        "count": result.error_count
    }
    return Status(400, body)
