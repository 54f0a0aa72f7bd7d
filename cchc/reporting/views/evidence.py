"""One piece of evidence: its file, downloaded by whoever may see the report, and its
removal by the agency's focal point while the report can change."""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cchc.accounts import permissions
from cchc.accounts.permissions import AnyUser
from cchc.reporting.actions import ReportError
from cchc.reporting.evidence_actions import remove_evidence
from cchc.reporting.models import Evidence
from cchc.reporting.views import common


def visible_evidence(user: AnyUser, pk: int) -> Evidence:
    """The evidence, if the user may see its report; else 404, so that guessing an address
    tells nothing."""
    evidence = Evidence.objects.select_related("report__obligation").filter(pk=pk).first()
    if evidence is None or not permissions.can_see_agency(
        user, evidence.report.obligation.agency_id
    ):
        permissions.deny(user, "evidence", hide=True, message=_("No such evidence."))
    return evidence


def file_response(evidence: Evidence) -> FileResponse:
    """The evidence's file as a download under its original name (404 without one)."""
    if not evidence.file:
        raise Http404
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=PurePath(evidence.original_name or evidence.file.name or "file").name,
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private"
    return response


@login_required
@require_GET
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    return file_response(visible_evidence(request.user, pk))


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = visible_evidence(request.user, pk)
    obligation_id = evidence.report.obligation.pk
    if not permissions.can_file_for(request.user, evidence.report.obligation.agency_id):
        permissions.deny(request.user, "remove evidence")
    try:
        remove_evidence(evidence=evidence, user=common.actor(request))
    except ReportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Evidence removed."))
    return redirect(reverse("reporting:obligation", args=[obligation_id]))
