"""Input of the indicator pages: the secretariat's decisions on a target, the value import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.indicators.models import Comparator, Indicator, TextLimit, Unit


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=TextLimit.REASON,
        widget=forms.TextInput(attrs={"maxlength": TextLimit.REASON}),
    )


class TargetEditForm(forms.Form):
    """A target corrected by the secretariat (then confirmed)."""

    indicator = forms.ModelChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.order_by("code"), to_field_name="code"
    )
    comparator = forms.ChoiceField(label=_("Comparator"), choices=Comparator.choices)
    value = forms.FloatField(label=_("Value"), min_value=0)
    value_max = forms.FloatField(label=_("Upper value"), required=False, min_value=0)
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    year = forms.IntegerField(label=_("Year due"), required=False, min_value=2000, max_value=2100)
    scope = forms.CharField(
        label=_("Scope"),
        required=False,
        max_length=TextLimit.SCOPE,
        help_text=_("Empty, or level:province, level:district, level:commune, field:dat-dai …"),
    )
    baseline = forms.FloatField(label=_("Baseline"), required=False, min_value=0)
    baseline_year = forms.IntegerField(
        label=_("Baseline year"), required=False, min_value=2000, max_value=2100
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=TextLimit.REASON)

    def changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("reason", None)
        data["scope"] = (data.get("scope") or "").strip()
        return data


class MeasurementImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (XLSX or CSV)"),
        help_text=_("Use the template of the indicator's page: one value per row."),
    )
    skip_bad_rows = forms.BooleanField(
        label=_("Store the good rows and skip the rows with errors"), required=False
    )
