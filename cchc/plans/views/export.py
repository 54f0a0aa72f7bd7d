"""Downloading a plan as the workbook that ``export_plan_xlsx`` writes."""

from __future__ import annotations

import re
import unicodedata

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from cchc.plans.export import XLSX_CONTENT_TYPE, export_plan_xlsx
from cchc.plans.models import Plan

_UNSAFE_RE = re.compile(r"[^A-Za-z0-9]+")


def export_filename(plan: Plan) -> str:
    """``ke-hoach-402-KH-UBND.xlsx``: the document's number (or title) without diacritics."""
    base = plan.number or plan.title[:60]
    decomposed = unicodedata.normalize("NFD", base.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stem = _UNSAFE_RE.sub("-", plain).strip("-")
    if not plan.number:
        stem = stem.lower()
    return f"ke-hoach-{stem or plan.pk}.xlsx"


@login_required
@require_GET
def plan_export(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    response = HttpResponse(export_plan_xlsx(plan), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=export_filename(plan)
    )
    return response
