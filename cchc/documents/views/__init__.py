"""The official-report pages (/official-reports/): the periods of a year, a report's sections
(edited by the secretariat), its issued versions and their files. Thin: parse, ask
``cchc.accounts.permissions``, call a selector or an action."""

from __future__ import annotations

import datetime as dt
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cchc.accounts import permissions
from cchc.core.validation import query_int
from cchc.documents import selectors
from cchc.documents.actions import (
    DocumentError,
    build,
    current_sections,
    issue_report,
    open_report,
    save_sections,
)
from cchc.documents.content import PeriodError, build_snapshot, period_of, resolve_period
from cchc.documents.forms import IssueForm, OpenForm, SectionsForm
from cchc.documents.models import IssuedVersion, OfficialReport
from cchc.plans.models import Plan

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TYPES = {"docx": DOCX, "xlsx": XLSX, "pdf": "application/pdf", "json": "application/json"}


def _reader(request: HttpRequest) -> None:
    if not permissions.can_read_official_reports(request.user):
        permissions.deny(request.user, "official reports")


def _editor(request: HttpRequest) -> None:
    if not permissions.can_edit_official_reports(request.user):
        permissions.deny(request.user, "official report editing")


@login_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    _reader(request)
    plans = list(Plan.objects.order_by("-issued_on", "-pk").only("id", "number", "title"))
    plan_id = query_int(request.GET.get("plan"))
    plan = next((p for p in plans if p.pk == plan_id), plans[0] if plans else None)
    year = query_int(request.GET.get("year"), low=2000, high=2100) or timezone.localdate().year
    rows = selectors.period_rows(plan=plan, year=year) if plan else []
    return render(
        request,
        "documents/report_list.html",
        {
            "plans": plans,
            "plan": plan,
            "year": year,
            "years": range(year - 2, year + 2),
            "rows": rows,
            "can_edit": permissions.can_edit_official_reports(request.user),
        },
    )


@login_required
@require_POST
def report_open(request: HttpRequest) -> HttpResponse:
    _editor(request)
    form = OpenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a plan, a year and a period."))
        return redirect("documents:list")
    try:
        period = resolve_period(form.cleaned_data["year"], form.cleaned_data["key"])
    except PeriodError as error:
        messages.error(request, str(error))
        return redirect("documents:list")
    report = open_report(plan=form.cleaned_data["plan"], period=period, user=request.user)
    return redirect("documents:detail", pk=report.pk)


def _report(pk: int) -> OfficialReport:
    return get_object_or_404(OfficialReport.objects.select_related("plan"), pk=pk)


@login_required
@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _reader(request)
    report = _report(pk)
    sections = list(report.sections.order_by("position"))
    return _detail(request, report, SectionsForm(sections=sections), IssueForm())


def _detail(
    request: HttpRequest, report: OfficialReport, form: SectionsForm, issue_form: IssueForm
) -> HttpResponse:
    snapshot = build_snapshot(plan=report.plan, period=period_of(report))
    return render(
        request,
        "documents/report_detail.html",
        {
            "report": report,
            "form": form,
            "issue_form": issue_form,
            "snapshot": snapshot,
            "as_of": dt.date.fromisoformat(snapshot["made_on"]),
            "versions": selectors.versions_of(report),
            "history": selectors.history_of(report)[:20],
            "can_edit": permissions.can_edit_official_reports(request.user),
        },
    )


@login_required
@require_POST
def report_sections(request: HttpRequest, pk: int) -> HttpResponse:
    _editor(request)
    report = _report(pk)
    form = SectionsForm(request.POST, sections=list(report.sections.order_by("position")))
    if not form.is_valid():
        messages.error(request, _("The sections were not saved: see the messages below."))
        return _detail(request, report, form, IssueForm())
    try:
        changed = save_sections(report=report, texts=form.texts(), user=request.user)
    except DocumentError as error:
        messages.error(request, str(error))
        return _detail(request, report, form, IssueForm())
    if changed:
        messages.success(request, _("Sections saved."))
    else:
        messages.info(request, _("Nothing changed."))
    return redirect("documents:detail", pk=report.pk)


@login_required
@require_POST
def report_issue(request: HttpRequest, pk: int) -> HttpResponse:
    _editor(request)
    report = _report(pk)
    form = IssueForm(request.POST)
    if not form.is_valid():
        sections = list(report.sections.order_by("position"))
        return _detail(request, report, SectionsForm(sections=sections), form)
    try:
        version = issue_report(
            report=report, user=request.user, document_number=form.cleaned_data["document_number"]
        )
    except (DocumentError, RuntimeError) as error:
        messages.error(request, _("Not issued: %(error)s") % {"error": error})
        return redirect("documents:detail", pk=report.pk)
    messages.success(request, _("Version %(number)s issued.") % {"number": version.number})
    return redirect("documents:detail", pk=report.pk)


@login_required
@require_GET
def report_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft as DOCX (sections as they stand, numbers of today): nothing stored."""
    _reader(request)
    report = _report(pk)
    built = build(
        plan=report.plan, period=period_of(report), sections=current_sections(report), pdf=False
    )
    return _file(built.docx, "docx", f"du-thao-bao-cao-cchc-{report.pk}.docx")


@login_required
@require_GET
def version_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _reader(request)
    version = get_object_or_404(IssuedVersion, pk=pk)
    name = f"bao-cao-cchc-{version.official_report_id}-v{version.number}.{fmt}"
    if fmt == "json":
        data = json.dumps(version.snapshot, ensure_ascii=False, indent=2).encode()
        return _file(data, fmt, name)
    return _file(bytes(getattr(version, fmt)), fmt, name)


def _file(data: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
