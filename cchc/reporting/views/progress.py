"""Downloading a plan's progress as the workbook ``progress_export`` writes."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from cchc.plans.export import XLSX_CONTENT_TYPE
from cchc.plans.models import Plan
from cchc.plans.views.export import export_filename
from cchc.reporting.progress_export import export_progress_xlsx
from cchc.reporting.views import common


@login_required
@require_GET
def plan_progress_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Every logged-in user reads the plan, and so its progress."""
    plan = get_object_or_404(Plan, pk=pk)
    response = HttpResponse(
        export_progress_xlsx(plan, on=common.today()), content_type=XLSX_CONTENT_TYPE
    )
    filename = export_filename(plan).replace("ke-hoach-", "tien-do-", 1)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    return response
