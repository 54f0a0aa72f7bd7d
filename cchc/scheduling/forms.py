"""Forms of the scheduling pages: the period and filters of "what is due", generating the
obligations of a plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.agencies.models import Role
from cchc.plans.models import Plan
from cchc.scheduling.models import (
    CalendarDayKind,
    CalendarScope,
    DeadlineRule,
    ObligationStatus,
)
from cchc.scheduling.selectors import SORTS, DueFilters

_SELECT = {"class": "form-select"}
# The longest range one click may generate: a ten-year plan and a margin.
MAX_GENERATE_DAYS = 11 * 366


def _everything() -> tuple[str, Any]:
    return ("", _("All"))


class DueFilterForm(forms.Form):
    """Filters of an agency's page; the secretariat's page adds the period and the agency."""

    status = forms.ChoiceField(label=_("Status"), required=False, widget=forms.Select(_SELECT))
    role = forms.ChoiceField(label=_("Role"), required=False, widget=forms.Select(_SELECT))
    plan = forms.TypedChoiceField(
        label=_("Plan"), required=False, coerce=int, empty_value=None, widget=forms.Select(_SELECT)
    )

    def __init__(self, *args: Any, plans: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choose("status", ObligationStatus.choices)
        self._choose("role", Role.choices)
        self._choose("plan", plans)

    def _choose(self, name: str, choices: list[tuple[Any, Any]]) -> None:
        self.fields[name].choices = [_everything(), *choices]  # type: ignore[attr-defined]

    def cleaned(self, name: str) -> Any:
        """A field's value, or None when the form is unbound or the value is invalid (an
        invalid filter is dropped rather than refused)."""
        if not self.is_bound:
            return None
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get(name)

    def filters(self) -> DueFilters:
        return DueFilters(
            agency=self.cleaned("agency"),
            status=self.cleaned("status") or "",
            role=self.cleaned("role") or "",
            plan=self.cleaned("plan"),
        )


class PeriodDueForm(DueFilterForm):
    """The secretariat's page: a year, one of its periods, the filters, the agencies' order."""

    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None, widget=forms.Select(_SELECT)
    )
    period = forms.ChoiceField(
        label=_("Reporting period"), required=False, widget=forms.Select(_SELECT)
    )
    agency = forms.TypedChoiceField(
        label=_("Agency"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.Select(_SELECT),
    )
    sort = forms.ChoiceField(
        required=False, choices=[(s, s) for s in SORTS], widget=forms.HiddenInput
    )

    field_order = ["year", "period", "agency", "status", "role", "plan", "sort"]

    def __init__(
        self,
        *args: Any,
        years: list[int],
        periods: list[tuple[str, str]],
        agencies: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]  # type: ignore[attr-defined]
        self.fields["period"].choices = periods  # type: ignore[attr-defined]
        self._choose("agency", agencies)


class GenerateForm(forms.Form):
    """Which plan, and the cut-off days of the periods to generate obligations for."""

    plan = forms.ModelChoiceField(
        label=_("Plan"),
        queryset=Plan.objects.order_by("-issued_on", "title", "pk"),
        widget=forms.Select(_SELECT),
    )
    since = forms.DateField(
        label=_("Periods ending from"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )
    until = forms.DateField(
        label=_("to"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since: dt.date | None = data.get("since")
        until: dt.date | None = data.get("until")
        if since and until:
            if until < since:
                self.add_error("until", _("The end of the range comes before its start."))
            elif (until - since).days > MAX_GENERATE_DAYS:
                self.add_error("until", _("Generate at most eleven years at once."))
        return data


class CalendarDayEditForm(forms.Form):
    """One calendar entry set by the secretariat, with its legal basis and a reason."""

    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("Kind of day"), choices=CalendarDayKind.choices)
    name = forms.CharField(label=_("Name of the day"), max_length=255)
    scope = forms.ChoiceField(
        label=_("Scope"), choices=CalendarScope.choices, initial=CalendarScope.PROVINCE
    )
    basis_number = forms.CharField(label=_("Legal basis: number"), max_length=100, required=False)
    basis_date = forms.DateField(
        label=_("Legal basis: date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    basis_issuer = forms.CharField(label=_("Legal basis: issuer"), max_length=255, required=False)
    basis_url = forms.URLField(
        label=_("Legal basis: link"), max_length=500, required=False, assume_scheme="https"
    )
    confirmed = forms.BooleanField(label=_("Checked against the legal text"), required=False)
    missing = forms.CharField(label=_("What is missing"), max_length=500, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=1000, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("confirmed") and not (data.get("basis_number") or "").strip():
            self.add_error(
                "basis_number", _("A confirmed calendar day needs the number of its legal text.")
            )
        return data


class ConfirmBasisForm(forms.Form):
    """Confirm an unverified entry or rule with its legal basis."""

    basis_type = forms.CharField(
        label=_("Legal basis: kind of document"), max_length=50, required=False
    )
    basis_number = forms.CharField(label=_("Legal basis: number"), max_length=100)
    basis_date = forms.DateField(
        label=_("Legal basis: date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    basis_issuer = forms.CharField(label=_("Legal basis: issuer"), max_length=255)
    basis_url = forms.URLField(
        label=_("Legal basis: link"), max_length=500, required=False, assume_scheme="https"
    )
    reason = forms.CharField(label=_("Reason"), max_length=1000, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


def _style(form: forms.BaseForm) -> None:
    """Bootstrap classes on the fields of ``form``."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


class DeadlineRuleForm(forms.ModelForm[DeadlineRule]):
    """A deadline rule as the secretariat edits it; the reason goes to the history."""

    reason = forms.CharField(label=_("Reason"), max_length=1000, required=False)

    class Meta:
        model = DeadlineRule
        fields = [
            "audience",
            "period_kind",
            "method",
            "day",
            "working_days",
            "move_off_days",
            "move_basis",
            "valid_from",
            "valid_until",
            "basis_number",
            "basis_date",
            "basis_issuer",
            "basis_url",
            "confirmed",
            "missing",
        ]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}),
            "valid_until": forms.DateInput(attrs={"type": "date"}),
            "basis_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def _post_clean(self) -> None:
        """Validation is the action's (with the history and the regeneration)."""
