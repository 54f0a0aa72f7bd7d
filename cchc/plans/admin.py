"""Admin for corrections of imported plans: texts through ``correct_node``, history read-only.

Imports go through the import page or the command, never through the admin.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cchc.core.text import fold
from cchc.plans.actions import CORRECTABLE_FIELDS, correct_node
from cchc.plans.models import Node, NodeCorrection, NodeKind, Plan, PlanImport


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin[Plan]):
    list_display = ("number", "title", "issued_on", "issuer", "source_name", "updated_at")
    search_fields = ("number", "title", "issuer")
    date_hierarchy = "issued_on"
    readonly_fields = ("source_name", "source_format", "source_sha256", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("title", "number", "issued_on", "issuer")}),
        (
            _("Source"),
            {
                "fields": (
                    "source_name",
                    "source_format",
                    "source_sha256",
                    "columns",
                    "created_at",
                    "updated_at",
                ),
                "classes": ("collapse",),
            },
        ),
    )


class AreaFilter(admin.SimpleListFilter):
    """The top-level sections, of the plan chosen in the plan filter (or of every plan)."""

    title = _("area")
    parameter_name = "area"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[Any, str]]:
        areas = Node.objects.filter(kind=NodeKind.SECTION, parent__isnull=True)
        plan_id = request.GET.get("plan__id__exact")
        if plan_id and plan_id.isdigit():
            areas = areas.filter(plan_id=int(plan_id))
        return [
            (str(a.pk), f"{a.number} {a.title}".strip()[:80])
            for a in areas.order_by("plan_id", "position").only("id", "number", "title")
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(area_id=int(value))
        return queryset


class NodeCorrectionForm(forms.ModelForm[Node]):
    """The correctable fields of a node, and why they are corrected (kept in the history)."""

    reason = forms.CharField(
        label=_("reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why the imported text is corrected, e.g. a typo in the source document."),
    )

    class Meta:
        model = Node
        fields = list(CORRECTABLE_FIELDS)


class NodeCorrectionInline(admin.TabularInline[NodeCorrection, Node]):
    model = NodeCorrection
    extra = 0
    can_delete = False
    fields = ("corrected_at", "corrected_by", "changes", "reason")
    readonly_fields = fields
    ordering = ("-corrected_at",)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Node)
class NodeAdmin(admin.ModelAdmin[Node]):
    """Corrections of imported nodes. Nodes are created, moved and removed by importing the
    document again; here only their texts are corrected, through ``correct_node``, which keeps
    search in step and writes a NodeCorrection history row."""

    form = NodeCorrectionForm
    list_display = ("plan", "number", "short_title", "kind", "lead", "timeframe", "source_line")
    list_display_links = ("number", "short_title")
    list_filter = ("plan", "kind", AreaFilter)
    list_select_related = ("plan",)
    search_fields = ("title", "number", "lead")
    # The tree's structure comes from the document: shown, not edited (a re-import would undo
    # a hand-made move). The parent is a link, so no select of every node is ever rendered.
    readonly_fields = ("plan", "kind", "parent", "area", "key", "position", "depth", "source_line")
    fieldsets = (
        (None, {"fields": ("plan", "kind", "parent", "area", "number", "title")}),
        (
            _("Row of work"),
            {
                "fields": (
                    "outputs",
                    "lead",
                    "partners",
                    "timeframe",
                    "budget",
                    "submit_level",
                    "notes",
                    "extra",
                )
            },
        ),
        (_("Correction"), {"fields": ("reason",)}),
        (_("Source"), {"fields": ("key", "position", "depth", "source_line")}),
    )
    inlines = (NodeCorrectionInline,)
    ordering = ("plan", "position")

    @admin.display(description=_("title"), ordering="title")
    def short_title(self, obj: Node) -> str:
        return obj.title if len(obj.title) <= 120 else obj.title[:119] + "…"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Node], search_term: str
    ) -> tuple[QuerySet[Node], bool]:
        """Also match the diacritics-free search text, so "so noi vu" finds "Sở Nội vụ"."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        words = fold(search_term).split()
        if words:
            folded = queryset
            for word in words:
                folded = folded.filter(search_text__contains=word)
            results = results | folded
        return results, may_have_duplicates

    def save_model(self, request: HttpRequest, obj: Node, form: Any, change: bool) -> None:
        changes = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in CORRECTABLE_FIELDS
        }
        stored = Node.objects.get(pk=obj.pk)
        user = request.user if request.user.is_authenticated else None
        correct_node(
            node=stored, changes=changes, user=user, reason=form.cleaned_data.get("reason", "")
        )


@admin.register(NodeCorrection)
class NodeCorrectionAdmin(admin.ModelAdmin[NodeCorrection]):
    list_display = ("corrected_at", "plan", "node", "corrected_by", "reason")
    list_filter = ("plan",)
    list_select_related = ("plan", "node", "corrected_by")
    date_hierarchy = "corrected_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PlanImport)
class PlanImportAdmin(admin.ModelAdmin[PlanImport]):
    list_display = (
        "plan",
        "imported_at",
        "imported_by",
        "source_name",
        "created",
        "updated",
        "removed",
        "unchanged",
    )
    list_filter = ("plan",)
    list_select_related = ("plan", "imported_by")
    date_hierarchy = "imported_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: PlanImport | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: PlanImport | None = None) -> bool:
        return False
