"""The indicator catalogue in the admin: dated, editable data. Every save goes through
``actions.create_indicator`` / ``change_indicator``, which write the history (shown below
each indicator). Indicators are ended (valid until), never deleted: targets and values keep
them.

Targets and values are only read here (search, filters, a target's history): the secretariat
decides targets on "Duyệt chỉ tiêu đề xuất" (``confirm_target`` / ``edit_target`` /
``reject_target``, a history row each), and values are entered in reports, imported or posted
through the API, never edited in the admin."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cchc.indicators.actions import INDICATOR_FIELDS, change_indicator, create_indicator
from cchc.indicators.models import (
    Indicator,
    IndicatorChange,
    Measurement,
    Target,
    TargetChange,
    TextLimit,
)


class IndicatorForm(forms.ModelForm[Indicator]):
    source_url = forms.URLField(
        label=_("source link"), required=False, max_length=500, assume_scheme="https"
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=TextLimit.REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Indicator
        fields = ("code", *INDICATOR_FIELDS)


class IndicatorChangeInline(admin.TabularInline[IndicatorChange, Indicator]):
    model = IndicatorChange
    extra = 0
    can_delete = False
    fields = ("at", "action", "actor", "changes", "reason")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _user(request: HttpRequest) -> Any:
    return request.user if request.user.is_authenticated else None


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin[Indicator]):
    form = IndicatorForm
    list_display = ("code", "name", "unit", "direction", "tolerance", "valid_from", "valid_until")
    list_filter = ("unit", "direction", "data_source")
    search_fields = ("code", "name", "definition", "legal_source")
    inlines = (IndicatorChangeInline,)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("code",) if obj is not None else ()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Indicator, form: Any, change: bool) -> None:
        reason = form.cleaned_data.get("reason", "")
        if change:
            stored = Indicator.objects.get(pk=obj.pk)
            changes = {
                name: form.cleaned_data[name]
                for name in form.changed_data
                if name in INDICATOR_FIELDS
            }
            change_indicator(indicator=stored, user=_user(request), reason=reason, **changes)
            return
        fields = {name: form.cleaned_data[name] for name in INDICATOR_FIELDS}
        created = create_indicator(
            code=form.cleaned_data["code"], user=_user(request), reason=reason, **fields
        )
        obj.pk = created.pk


class _ReadOnly:
    """Rows read in the admin, changed only through their actions."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class TargetChangeInline(_ReadOnly, admin.TabularInline[TargetChange, Target]):
    model = TargetChange
    extra = 0
    can_delete = False
    fields = ("at", "action", "actor", "changes", "reason")
    readonly_fields = fields


@admin.register(Target)
class TargetAdmin(_ReadOnly, admin.ModelAdmin[Target]):
    list_display = (
        "pk",
        "indicator",
        "comparator",
        "value",
        "value_max",
        "unit",
        "year",
        "scope",
        "state",
        "node",
    )
    list_filter = ("state", "comparator", "year", "indicator")
    search_fields = ("phrase", "indicator__code", "node__title", "scope")
    list_select_related = ("indicator", "node")
    readonly_fields = [f.name for f in Target._meta.fields]
    inlines = (TargetChangeInline,)


@admin.register(Measurement)
class MeasurementAdmin(_ReadOnly, admin.ModelAdmin[Measurement]):
    list_display = (
        "indicator",
        "scope",
        "period_label",
        "value",
        "numerator",
        "denominator",
        "no_data_reason",
        "source",
        "agency",
        "locked",
        "entered_by",
        "entered_at",
    )
    list_filter = ("source", "locked", "period_kind", "indicator")
    search_fields = ("indicator__code", "scope", "period_label", "note", "no_data_reason")
    list_select_related = ("indicator", "agency", "entered_by")
    readonly_fields = [f.name for f in Measurement._meta.fields]
    date_hierarchy = "period_end"
