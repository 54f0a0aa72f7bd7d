"""Admin for progress reports, their history and the partners' contributions: for looking
things up, not for changing them; and the minimum content of a report, which the secretariat
sets here (each change a new row).

Reports change only through ``cchc.reporting.actions`` (the report pages and the API), which
check the workflow, lock the row and write the history; the admin therefore shows reports,
their evidence and history read-only, and adds and deletes nothing. Nobody changes a report's
``state``, ``version``, ``submitted_at`` or ``approved_at`` here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from cchc.reporting.forms import SubmissionRuleForm
from cchc.reporting.models import (
    Contribution,
    Evidence,
    Report,
    ReportTransition,
    SubmissionRule,
)
from cchc.reporting.rules import set_submission_rule

# What the workflow alone sets.
WORKFLOW_FIELDS = ("state", "version", "submitted_at", "approved_at")


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    """Rows shown, never added, changed or deleted here."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline[Any, Report]):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EvidenceInline(ReadOnlyInline):
    model = Evidence
    fields = (
        "description",
        "document_number",
        "document_date",
        "issuer",
        "download",
        "size",
        "content_type",
        "added_by",
        "created_at",
    )
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Evidence]:
        return super().get_queryset(request).select_related("added_by")

    @admin.display(description=_("file"))
    def download(self, obj: Evidence) -> SafeString | str:
        """The file through the permission-checked download, never a storage address."""
        if not obj.file:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("reporting:evidence_file", args=[obj.pk]),
            obj.original_name or obj.file.name,
        )


class HistoryInline(ReadOnlyInline):
    model = ReportTransition
    fields = ("at", "actor", "from_state", "to_state", "changes", "comment")
    readonly_fields = fields
    ordering = ("at", "pk")

    def get_queryset(self, request: HttpRequest) -> QuerySet[ReportTransition]:
        return super().get_queryset(request).select_related("actor")


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = (
        "obligation",
        "agency",
        "period",
        "state",
        "work_status",
        "percent",
        "submitted_at",
        "approved_at",
    )
    list_filter = ("state", "work_status", "obligation__period_kind", "obligation__report")
    list_select_related = ("obligation__agency", "obligation__activity")
    search_fields = (
        "obligation__activity__number",
        "obligation__activity__title",
        "obligation__agency__name",
        "obligation__period_label",
        "narrative",
    )
    date_hierarchy = "submitted_at"
    fields = (
        "obligation",
        *WORKFLOW_FIELDS,
        "work_status",
        "percent",
        "narrative",
        "difficulties",
        "proposals",
        "explanation",
        "created_at",
        "updated_at",
    )
    readonly_fields = fields
    inlines = (EvidenceInline, HistoryInline)

    @admin.display(description=_("agency"), ordering="obligation__agency__name")
    def agency(self, obj: Report) -> str:
        return str(obj.obligation.agency)

    @admin.display(description=_("period"), ordering="obligation__period_end")
    def period(self, obj: Report) -> str:
        return obj.obligation.period_label


@admin.register(ReportTransition)
class ReportTransitionAdmin(ReadOnlyAdmin):
    list_display = ("at", "report", "actor", "from_state", "to_state", "changes", "comment")
    list_filter = ("to_state",)
    list_select_related = ("report__obligation__agency", "report__obligation__activity", "actor")
    search_fields = ("report__obligation__agency__name", "actor__username", "comment")
    date_hierarchy = "at"
    fields = ("report", "at", "actor", "from_state", "to_state", "changes", "comment")
    readonly_fields = fields


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyAdmin):
    """A coordinating agency's note; written and sent by its focal point on the report
    pages (``save_contribution``), shown here."""

    list_display = ("obligation", "state", "author", "submitted_at", "updated_at")
    list_filter = ("state", "obligation__period_kind")
    list_select_related = ("obligation__agency", "obligation__activity", "author")
    search_fields = ("obligation__agency__name", "obligation__activity__number", "text")
    fields = ("obligation", "state", "text", "author", "submitted_at", "created_at", "updated_at")
    readonly_fields = fields


@admin.register(SubmissionRule)
class SubmissionRuleAdmin(admin.ModelAdmin[SubmissionRule]):
    """The minimum content of a report: a change is a new row (``set_submission_rule``), the
    latest holds; earlier rows are the history, shown read-only and never deleted."""

    list_display = (
        "changed_at",
        "require_narrative",
        "require_evidence_when_done",
        "changed_by",
        "reason",
    )
    form = SubmissionRuleForm
    fields = ("require_narrative", "require_evidence_when_done", "reason")
    readonly_fields = ("changed_by", "changed_at")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The list and each row are shown; a change is made by adding a row.
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None:
            return (*self.fields, *self.readonly_fields)
        return self.fields

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        current = SubmissionRule.objects.current()
        return {
            "require_narrative": current.require_narrative,
            "require_evidence_when_done": current.require_evidence_when_done,
        }

    def save_model(
        self, request: HttpRequest, obj: SubmissionRule, form: Any, change: bool
    ) -> None:
        saved = set_submission_rule(
            require_narrative=obj.require_narrative,
            require_evidence_when_done=obj.require_evidence_when_done,
            by=request.user if request.user.is_authenticated else None,
            reason=obj.reason,
        )
        obj.pk = saved.pk
        obj.changed_at = saved.changed_at
