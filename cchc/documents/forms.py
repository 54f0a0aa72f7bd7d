"""Input of the official-report pages: the opened period, the section texts, issuing."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.core.forms import TextField
from cchc.documents.actions import MAX_SECTION_CHARS
from cchc.documents.content import PERIOD_KEYS
from cchc.documents.models import ReportSection
from cchc.plans.models import Plan


class OpenForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=Plan.objects.all())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    key = forms.ChoiceField(label=_("Period"), choices=[(k, k) for k in PERIOD_KEYS])


class SectionsForm(forms.Form):
    """One text per section, named ``section-<key>``."""

    def __init__(self, *args: object, sections: Sequence[ReportSection], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for section in sections:
            self.fields[f"section-{section.key}"] = TextField(
                label=section.title,
                required=False,
                max_length=MAX_SECTION_CHARS,
                initial=section.text,
                strip=True,
                widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_SECTION_CHARS}),
            )

    def texts(self) -> dict[str, str]:
        return {
            name.removeprefix("section-"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("section-")
        }


class IssueForm(forms.Form):
    document_number = forms.RegexField(
        label=_("Document number"),
        regex=r"^[0-9A-Za-z.\-]{0,20}$",
        required=False,
        max_length=20,
        help_text=_(
            "The number the clerk gives, e.g. 125 (“Số: 125/BC-UBND”); empty leaves it blank."
        ),
        error_messages={"invalid": _("The number alone: digits or letters, at most 20.")},
    )
