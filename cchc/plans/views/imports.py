"""Importing a plan through the browser: upload → preview (as the CLI prints it) → confirm.

The file is read in a child process with a time and memory limit (``parsing/isolated.py``),
never in the web server's own; the bounded result is interpreted and stored here.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cchc.accounts import permissions
from cchc.indicators.models import Target
from cchc.plans import actions
from cchc.plans.forms import ImportConfirmForm, PlanUploadForm
from cchc.plans.interpretation import interpret
from cchc.plans.parsing.columns import FIELD_LABELS
from cchc.plans.parsing.isolated import parse_isolated
from cchc.plans.parsing.result import ParsedPlan
from cchc.plans.readers.base import ReadError
from cchc.plans.readers.ocr import min_confidence
from cchc.plans.views import uploads
from cchc.plans.views.preview_warnings import group_warnings
from cchc.scheduling.obligations import generate_default_span

# How the preview names the fields a column was mapped to.

_import_permission = permissions.require_perm("plans.add_plan")


@login_required
@_import_permission
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "plans/import_upload.html", {"form": PlanUploadForm()})
    form = PlanUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "plans/import_upload.html", {"form": form}, status=400)
    upload = form.cleaned_data["file"]
    data = upload.read()
    name = upload.name or "plan"
    try:
        parsed = interpret(parse_isolated(data, name))
    except ReadError as exc:
        form.add_error("file", str(exc))
        return render(request, "plans/import_upload.html", {"form": form}, status=400)
    try:
        # What storing would change, computed and rolled back.
        outcome = actions.import_plan(
            parsed=parsed, source_sha256=hashlib.sha256(data).hexdigest(), dry_run=True
        )
    except ReadError as exc:
        form.add_error("file", str(exc))
        return render(request, "plans/import_upload.html", {"form": form}, status=400)
    pending = uploads.store(request.session, data=data, name=name)
    return render(request, "plans/import_preview.html", _preview_context(parsed, pending, outcome))


def _preview_targets(parsed: ParsedPlan) -> list[dict[str, Any]]:
    """The targets read from the rows' prose, one line each, worded as the review page does."""
    rows = []
    for item in parsed.items:
        for found in item.interpreted.get("targets", []):
            shape = Target(
                comparator=found["comparator"],
                value=found["value"],
                value_max=found["value_max"],
                unit=found["unit"],
                year=found["year"],
            )
            rows.append({"item": item, "target": found, "describe": shape.describe()})
    return rows


def _preview_context(
    parsed: ParsedPlan, pending: uploads.PendingUpload, outcome: actions.ImportResult
) -> dict[str, Any]:
    columns = [
        {"label": c.label, "field": c.field, "meaning": FIELD_LABELS.get(c.field, c.field)}
        for c in parsed.document.columns
    ]
    threshold = min_confidence()
    for item in parsed.items:
        # OCR confidences with the fields' names, for the preview only (not stored).
        scores = item.interpreted.get("confidence") or {}
        item.interpreted["ocr_cells"] = [
            {"label": FIELD_LABELS.get(name, name), "value": value, "low": value < threshold}
            for name, value in scores.items()
        ]
    return {
        "parsed": parsed,
        "document": parsed.document,
        "columns": columns,
        "has": {c.field for c in parsed.document.columns},
        "correctable_rows": correctable_rows(parsed),
        "items": parsed.items,
        "targets": _preview_targets(parsed),
        "warnings": parsed.warnings,
        "warning_groups": group_warnings(parsed),
        "existing": actions.find_target_plan(parsed),
        "outcome": outcome,
        "pending": pending,
        "form": ImportConfirmForm(initial={"token": pending.token}),
    }


@login_required
@_import_permission
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    form = ImportConfirmForm(request.POST)
    pending = uploads.get(request.session, form.data.get("token", "")) if form.is_valid() else None
    if pending is None:
        messages.error(
            request, _("This upload has expired or was already imported. Upload the file again.")
        )
        return redirect("plans:import_upload")
    if "cancel" in request.POST:
        uploads.discard(request.session, pending)
        messages.info(request, _("The import was cancelled; nothing was stored."))
        return redirect("plans:import_upload")
    try:
        parsed = interpret(
            apply_corrections(parse_isolated(pending.read(), pending.name), request.POST)
        )
    except ReadError as exc:
        uploads.discard(request.session, pending)
        return render(
            request, "plans/import_upload.html", {"form": _error_form(str(exc))}, status=400
        )
    user = request.user if request.user.is_authenticated else None
    try:
        result = actions.import_plan(parsed=parsed, source_sha256=pending.sha256, user=user)
    except ReadError as exc:
        uploads.discard(request.session, pending)
        return render(
            request, "plans/import_upload.html", {"form": _error_form(str(exc))}, status=400
        )
    uploads.discard(request.session, pending)
    generated, since, until = generate_default_span(
        plan=result.plan, on=timezone.localdate(), user=user
    )
    messages.success(
        request,
        _(
            "%(name)s imported: %(created)s created, %(updated)s updated, %(removed)s removed, "
            "%(unchanged)s unchanged."
        )
        % {
            "name": pending.name,
            "created": result.created,
            "updated": result.updated,
            "removed": result.removed,
            "unchanged": result.unchanged,
        },
    )
    messages.info(
        request,
        _(
            "Reports expected for periods ending from %(since)s to %(until)s: %(created)s "
            "created, %(updated)s updated, %(removed)s removed, %(unchanged)s unchanged."
        )
        % {
            "since": f"{since:%d/%m/%Y}",
            "until": f"{until:%d/%m/%Y}",
            "created": generated.created,
            "updated": generated.updated,
            "removed": generated.removed,
            "unchanged": generated.unchanged,
        },
    )
    return redirect(result.plan)


# The cells the secretariat may correct in the preview before storing (a misread OCR cell, a
# lead the document printed in a sentence). Corrections travel with the confirmation as
# ``fix-<row index>-<field>`` and are applied to the re-read plan before it is interpreted.
CORRECTABLE_FIELDS = ("number", "title", "lead", "partners", "timeframe")
_MAX_CORRECTION = 2000


def apply_corrections(parsed: ParsedPlan, data: Any) -> ParsedPlan:
    """The plan with the preview's corrections; a row index outside the plan is an error."""
    for key, value in data.items():
        if not key.startswith("fix-"):
            continue
        _prefix, index_text, name = [*key.split("-", 2), "", ""][:3]
        if name not in CORRECTABLE_FIELDS or not index_text.isdigit():
            continue
        index = int(index_text)
        if index >= len(parsed.items):
            raise ReadError(
                _("The correction of row %(row)s does not match the document; upload it again.")
                % {"row": index + 1}
            )
        text = " ".join(str(value).split())[:_MAX_CORRECTION]
        item = parsed.items[index]
        if text != " ".join((getattr(item, name) or "").split()):
            setattr(item, name, text)
            item.interpreted.setdefault("corrected", []).append(name)
    return parsed


_ALL_ROWS_UP_TO = 100
_MOST_CORRECTABLE = 150


def correctable_rows(parsed: ParsedPlan) -> set[int]:
    """The rows the preview offers to correct: all of a short plan; else those the reader was
    unsure of (a warning on their line, an OCR cell under the threshold, no lead or title),
    at most 150 so that the confirmation stays within the request's field limit."""
    if len(parsed.items) <= _ALL_ROWS_UP_TO:
        return set(range(len(parsed.items)))
    warned = {w.line for w in parsed.warnings if w.line is not None}
    threshold = min_confidence()
    rows = [
        index
        for index, item in enumerate(parsed.items)
        if item.line in warned
        or not item.lead
        or not item.title
        or any(v < threshold for v in item.interpreted.get("confidence", {}).values())
    ]
    return set(rows[:_MOST_CORRECTABLE])


def _error_form(message: str) -> PlanUploadForm:
    """An empty upload form showing ``message`` (an unbound form cannot take errors)."""
    form = PlanUploadForm(data={})
    form.is_valid()
    form.errors.clear()
    form.add_error(None, message)
    return form
