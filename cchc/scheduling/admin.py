"""Admin for period rules and the province's calendar days; every save goes through the actions
in ``cchc.scheduling.actions``, which validate and write the history shown inline."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cchc.scheduling.actions import (
    CALENDAR_BASIS_FIELDS,
    DEADLINE_FIELDS,
    RULE_FIELDS,
    correct_rule,
    create_rule,
    remove_calendar_day,
    save_deadline_rule,
    set_calendar_day,
)
from cchc.scheduling.models import (
    CalendarDay,
    CalendarDayChange,
    DeadlineRule,
    GenerationRun,
    PeriodRule,
    PeriodRuleChange,
)


class ReasonForm(forms.ModelForm[Any]):
    reason = forms.CharField(
        label=_("reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why, e.g. the number of the new circular; kept in the history."),
    )


class PeriodRuleForm(ReasonForm):
    class Meta:
        model = PeriodRule
        fields = list(RULE_FIELDS)


class PeriodRuleChangeInline(admin.TabularInline[PeriodRuleChange, PeriodRule]):
    model = PeriodRuleChange
    extra = 0
    can_delete = False
    fields = ("at", "action", "actor", "changes", "reason")
    readonly_fields = fields
    ordering = ("-at",)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _user(request: HttpRequest) -> Any:
    return request.user if request.user.is_authenticated else None


@admin.register(PeriodRule)
class PeriodRuleAdmin(admin.ModelAdmin[PeriodRule]):
    """Rules are dated: to change a rule from a date, end it (valid until) and add a new one,
    so earlier periods keep their deadlines. Rules are ended, not deleted."""

    form = PeriodRuleForm
    list_display = (
        "report",
        "period_kind",
        "window",
        "deadline_rule",
        "deadline_day",
        "deadline_working_days",
        "valid_from",
        "valid_until",
        "confirmed",
    )
    list_filter = ("report", "period_kind", "window", "confirmed")
    search_fields = ("report", "report_name", "legal_basis", "notes")
    fieldsets = (
        (None, {"fields": ("report", "report_name", "period_kind", "window")}),
        (
            _("Deadline"),
            {
                "fields": (
                    "deadline_rule",
                    "deadline_day",
                    "deadline_working_days",
                    "replaced_by_longer",
                )
            },
        ),
        (_("Validity"), {"fields": ("valid_from", "valid_until")}),
        (_("Source"), {"fields": ("legal_basis", "confirmed", "notes")}),
        (_("Change"), {"fields": ("reason",)}),
    )
    inlines = (PeriodRuleChangeInline,)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: PeriodRule, form: Any, change: bool) -> None:
        reason = form.cleaned_data.get("reason", "")
        if change:
            stored = PeriodRule.objects.get(pk=obj.pk)
            changes = {name: form.cleaned_data[name] for name in form.changed_data}
            changes.pop("reason", None)
            correct_rule(rule=stored, changes=changes, user=_user(request), reason=reason)
            return
        fields = {name: getattr(obj, name) for name in RULE_FIELDS}
        created = create_rule(user=_user(request), reason=reason, **fields)
        obj.pk = created.pk


class CalendarDayForm(ReasonForm):
    class Meta:
        model = CalendarDay
        fields = ("date", "kind", "name", "scope", *CALENDAR_BASIS_FIELDS, "source")


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin[CalendarDay]):
    """Calendar entries: the national days off and swaps as announced, and the province's own
    exceptions, each with its legal basis; they override the ``holidays`` package."""

    form = CalendarDayForm
    list_display = ("date", "kind", "name", "scope", "basis_number", "confirmed")
    list_filter = ("kind", "scope", "confirmed")
    search_fields = ("name", "source", "basis_number")
    date_hierarchy = "date"

    def save_model(self, request: HttpRequest, obj: CalendarDay, form: Any, change: bool) -> None:
        reason = form.cleaned_data.get("reason", "")
        if change and "date" in form.changed_data:
            old = CalendarDay.objects.get(pk=obj.pk)
            remove_calendar_day(day=old.date, user=_user(request), reason=reason)
        row = set_calendar_day(
            day=obj.date,
            kind=obj.kind,
            name=obj.name,
            scope=obj.scope,
            source=obj.source,
            basis_number=obj.basis_number,
            basis_date=obj.basis_date,
            basis_issuer=obj.basis_issuer,
            basis_url=obj.basis_url,
            confirmed=obj.confirmed,
            missing=obj.missing,
            user=_user(request),
            reason=reason,
        )
        obj.pk = row.pk

    def delete_model(self, request: HttpRequest, obj: CalendarDay) -> None:
        remove_calendar_day(day=obj.date, user=_user(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarDay]) -> None:
        for row in queryset:
            remove_calendar_day(day=row.date, user=_user(request))


@admin.register(CalendarDayChange)
class CalendarDayChangeAdmin(admin.ModelAdmin[CalendarDayChange]):
    list_display = ("at", "date", "action", "actor", "reason")
    list_filter = ("action",)
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(GenerationRun)
class GenerationRunAdmin(admin.ModelAdmin[GenerationRun]):
    """The generator's history: read only (runs are written by ``generate_obligations``)."""

    list_display = ("at", "plan", "report", "since", "until", "created", "removed", "actor")
    list_filter = ("report",)
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: GenerationRun | None = None) -> bool:
        return False


class DeadlineRuleAdminForm(ReasonForm):
    class Meta:
        model = DeadlineRule
        fields = [name for name in DEADLINE_FIELDS if name != "report"]


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin[DeadlineRule]):
    """The agencies' and the province's deadlines; saved through the action (history, and the
    obligations' due dates regenerated)."""

    form = DeadlineRuleAdminForm
    list_display = ("audience", "report", "period_kind", "method", "day", "valid_from", "confirmed")
    list_filter = ("audience", "confirmed")

    def save_model(self, request: HttpRequest, obj: DeadlineRule, form: Any, change: bool) -> None:
        changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
        existing = DeadlineRule.objects.get(pk=obj.pk) if change else None
        row, _results = save_deadline_rule(
            rule=existing,
            changes=changes,
            user=_user(request),
            reason=form.cleaned_data.get("reason", ""),
        )
        obj.pk = row.pk

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
