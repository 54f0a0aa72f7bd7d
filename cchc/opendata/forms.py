"""Input of the secretariat's open-data pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.opendata.models import Subject

PERIODS = [
    ("quarter-1", _("Quarter I")),
    ("half-1", _("First six months")),
    ("nine_months-1", _("Nine months")),
    ("year", _("Whole year")),
    ("quarter-2", _("Quarter II")),
    ("quarter-3", _("Quarter III")),
    ("quarter-4", _("Quarter IV")),
    ("half-2", _("Second six months")),
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
        label=_("What changed"),
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
        label=_("What changed"),
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        required=False,
        max_length=5000,
    )
