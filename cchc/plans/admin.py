"""Admin for corrections of imported plans. Imports themselves go through the import page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cchc.core.text import fold
from cchc.plans.models import Node, NodeKind, Plan, PlanImport


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


@admin.register(Node)
class NodeAdmin(admin.ModelAdmin[Node]):
    list_display = ("plan", "number", "short_title", "kind", "lead", "timeframe", "source_line")
    list_display_links = ("number", "short_title")
    list_filter = ("plan", "kind", AreaFilter)
    list_select_related = ("plan",)
    search_fields = ("title", "number", "lead")
    autocomplete_fields = ("parent", "area")
    readonly_fields = ("key", "position", "depth", "source_line")
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
        (_("Source"), {"fields": ("key", "position", "depth", "source_line")}),
    )
    ordering = ("plan", "position")

    @admin.display(description=_("title"), ordering="title")
    def short_title(self, obj: Node) -> str:
        return obj.title if len(obj.title) <= 120 else obj.title[:119] + "…"

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
        # Keep the search key in step with a corrected text (the import action fills it too).
        ancestors = []
        parent = obj.parent
        while parent is not None:
            ancestors.append(parent)
            parent = parent.parent
        parts = [obj.number, obj.title, obj.outputs, obj.lead, obj.partners, obj.timeframe]
        parts += [f"{a.number} {a.title}" for a in ancestors]
        obj.search_text = fold(" ".join(p for p in parts if p))
        super().save_model(request, obj, form, change)


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
