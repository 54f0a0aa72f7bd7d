"""Evidence over HTTP: its file, for whoever may see the report, and its removal by the
agency's focal point while the report can change (``remove_evidence``). Evidence is added
through ``POST /reports/{id}/evidence``."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from cchc.api import access
from cchc.api.errors import answers
from cchc.reporting.evidence_actions import remove_evidence
from cchc.reporting.files import KINDS
from cchc.reporting.views.evidence import file_response, visible_evidence

router = Router(tags=["evidence"])

_FILE = {
    "responses": {
        200: {
            "description": "The file, as an attachment under its original name.",
            "content": {
                content_type: {"schema": {"type": "string", "format": "binary"}}
                for content_type in sorted({kind[0] for kind in KINDS.values()})
            },
        }
    }
}


@router.get(
    "/{int:evidence_id}/file",
    response=answers({}),
    url_name="evidence_file",
    openapi_extra=_FILE,
)
def evidence_file(request: HttpRequest, evidence_id: int) -> FileResponse:
    """Download the evidence's file (404 when none is attached)."""
    evidence = visible_evidence(request.user, evidence_id)
    if not evidence.file:
        raise Http404(_("No file is attached to this evidence."))
    return file_response(evidence)


@router.delete(
    "/{int:evidence_id}",
    response=answers({204: None}, 400, 403),
    url_name="evidence_remove",
)
def delete_evidence(request: HttpRequest, evidence_id: int) -> Status[None]:
    """Remove a piece of evidence of a draft or returned report (the agency's focal point)."""
    evidence = visible_evidence(request.user, evidence_id)
    access.check_can_file(request, evidence.report.obligation)
    remove_evidence(evidence=evidence, user=access.actor(request))
    return Status(204, None)
