"""Forms of the plans pages: search and filters, plan upload, import confirmation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from cchc.core.forms import TextField
from cchc.plans.selectors import ActivityFilters, FilterChoices

ACCEPTED_EXTENSIONS = ".md,.txt,.html,.htm,.docx,.xlsx,.xlsm,.csv,.tsv"


class ActivitySearchForm(forms.Form):
    q = TextField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("e.g. so noi vu, chuyển đổi số")}
        ),
    )
    area = forms.TypedChoiceField(
        label=_("Area"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=(),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    lead = forms.ChoiceField(
        label=_("Lead agency"),
        required=False,
        choices=(),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    timeframe = forms.ChoiceField(
        label=_("Timeframe"),
        required=False,
        choices=(),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args: Any, choices: FilterChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = ("", _("All"))
        self.fields["area"].choices = [everything, *choices.areas]  # type: ignore[attr-defined]
        self.fields["lead"].choices = [  # type: ignore[attr-defined]
            everything,
            *((v, v) for v in choices.leads),
        ]
        self.fields["timeframe"].choices = [  # type: ignore[attr-defined]
            everything,
            *((v, v) for v in choices.timeframes),
        ]

    def filters(self) -> ActivityFilters:
        """The filters to apply; invalid values are dropped rather than refused."""
        if not self.is_bound:
            return ActivityFilters()
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return ActivityFilters(
            q=data.get("q") or "",
            area=data.get("area"),
            lead=data.get("lead") or "",
            timeframe=data.get("timeframe") or "",
        )


class PlanUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Plan document"),
        help_text=_("Markdown, HTML, Word (.docx), Excel (.xlsx) or CSV."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_EXTENSIONS}),
    )

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        limit: int = settings.CCHC_MAX_IMPORT_BYTES
        if upload.size is not None and upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s MB; plan documents larger than %(limit)s MB are refused."),
                code="too_large",
                params={
                    "size": round(upload.size / 1024 / 1024, 1),
                    "limit": round(limit / 1024 / 1024, 1),
                },
            )
        return upload


class ImportConfirmForm(forms.Form):
    token = forms.RegexField(regex=r"^[A-Za-z0-9_-]{20,64}$", widget=forms.HiddenInput)
