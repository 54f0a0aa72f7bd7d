"""Input of the secretariat's open-data pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cchc.opendata.models import Subject

PERIODS = [
    ("quarter-1", pgettext_lazy("open data", "Quarter I")),
    ("half-1", pgettext_lazy("open data", "First six months")),
    ("nine_months-1", _("Nine months")),
    ("year", pgettext_lazy("open data", "Whole year")),
    ("quarter-2", pgettext_lazy("open data", "Quarter II")),
    ("quarter-3", pgettext_lazy("open data", "Quarter III")),
    ("quarter-4", pgettext_lazy("open data", "Quarter IV")),
    ("half-2", pgettext_lazy("open data", "Second six months")),
]


class BuildForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Period"), choices=PERIODS, widget=forms.Select(attrs={"class": "form-select"})
    )
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    changelog = forms.CharField(
        label=pgettext_lazy("open data", "What changed"),
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        required=False,
        max_length=5000,
    )


class PublicationForm(forms.Form):
    subject = forms.ChoiceField(choices=Subject.choices)
    object_id = forms.IntegerField(min_value=1)
    public = forms.BooleanField(required=False)
    reason = forms.CharField(required=False, max_length=2000)


class ApproveForm(forms.Form):
    changelog = forms.CharField(
        label=pgettext_lazy("open data", "What changed"),
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        required=False,
        max_length=5000,
    )
