"""Forms of the agencies pages: registry filters, a succession, mapping an unresolved text."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.agencies.models import Agency, AgencyGroup, AgencyLevel, Contact, Succession
from cchc.agencies.selectors import AgencyFilters, Status, agencies_valid_on
from cchc.core.forms import TextField

_SELECT = {"class": "form-select"}
_DATE = {"class": "form-control", "type": "date"}
_INPUT = {"class": "form-control"}


class AgencyFilterForm(forms.Form):
    q = TextField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "class": "form-control", "placeholder": _("e.g. so noi vu")}
        ),
    )
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("All")), *AgencyLevel.choices],
        widget=forms.Select(attrs=_SELECT),
    )
    status = forms.ChoiceField(
        label=_("Validity"),
        required=False,
        choices=[
            ("", _("All")),
            (Status.ACTIVE, _("in operation on the date")),
            (Status.ENDED, _("dissolved before the date")),
        ],
        widget=forms.Select(attrs=_SELECT),
    )
    on = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs=_DATE, format="%Y-%m-%d")
    )

    def filters(self) -> AgencyFilters:
        """The filters to apply; invalid values are dropped rather than refused."""
        if not self.is_bound:
            return AgencyFilters()
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return AgencyFilters(
            q=data.get("q") or "",
            level=data.get("level") or "",
            status=data.get("status") or "",
            on=data.get("on"),
        )


def default_succession_day(agency: Agency, today: dt.date) -> dt.date:
    """The first day after the agency ended, else today."""
    if agency.valid_until is not None:
        return agency.valid_until + dt.timedelta(days=1)
    return today


class SuccessionForm(forms.Form):
    """Who takes over an agency's work from a date. The successors offered are the agencies
    valid on that date (the date posted, else the day after the agency ended)."""

    on = forms.DateField(
        label=_("From"),
        help_text=_("The first day the successors take over; the agency ends the day before."),
        widget=forms.DateInput(attrs=_DATE, format="%Y-%m-%d"),
    )
    successors = forms.ModelMultipleChoiceField(
        label=_("Successors"),
        queryset=Agency.objects.none(),
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": "10"}),
        error_messages={
            "invalid_choice": _("Agency %(value)s does not exist on the date chosen."),
            "invalid_pk_value": _("“%(pk)s” is not an agency."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Succession.Kind.choices, widget=forms.Select(attrs=_SELECT)
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
        help_text=_("e.g. Nghị quyết số …/NQ-HĐND of the Provincial People's Council."),
    )

    def __init__(
        self,
        *args: Any,
        predecessor: Agency,
        today: dt.date,
        day: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.predecessor = predecessor
        self.day = default_succession_day(predecessor, today)
        raw = self.data.get("on") if self.is_bound else day
        if raw:
            with contextlib.suppress(ValueError):
                self.day = dt.date.fromisoformat(str(raw))
        self.fields["on"].initial = self.day
        successors = self.fields["successors"]
        assert isinstance(successors, forms.ModelMultipleChoiceField)
        successors.queryset = agencies_valid_on(self.day).exclude(pk=predecessor.pk)


class MapTextForm(forms.Form):
    """What an unresolved fragment means: one agency or one group, as "agency:<id>" or
    "group:<id>"."""

    text = forms.CharField(max_length=255, widget=forms.HiddenInput)
    target = forms.ChoiceField(label=_("Means"), widget=forms.Select(attrs=_SELECT))

    def __init__(
        self,
        *args: Any,
        agencies: list[Agency],
        groups: list[AgencyGroup],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._agencies = {a.pk: a for a in agencies}
        self._groups = {g.pk: g for g in groups}
        by_level: dict[str, list[tuple[str, str]]] = {}
        for agency in agencies:
            by_level.setdefault(str(agency.get_level_display()), []).append(
                (f"agency:{agency.pk}", agency.name)
            )
        # (label, [(value, name), …]) for the template's <optgroup>s.
        self.option_groups: list[tuple[str, list[tuple[str, str]]]] = [
            (str(_("Groups")), [(f"group:{g.pk}", g.name) for g in groups]),
            *by_level.items(),
        ]
        self.fields["target"].choices = [  # type: ignore[attr-defined]
            ("", _("— choose an agency or a group —")),
            *self.option_groups,
        ]

    def chosen(self) -> tuple[Agency | None, AgencyGroup | None]:
        """The agency or the group chosen (after is_valid())."""
        kind, _sep, pk = self.cleaned_data["target"].partition(":")
        if kind == "agency":
            return self._agencies[int(pk)], None
        return None, self._groups[int(pk)]


class ContactForm(forms.Form):
    """A person reminders are written to (someone without an account in the application)."""

    name = forms.CharField(label=_("Name"), max_length=255, widget=forms.TextInput(_INPUT))
    email = forms.EmailField(label=_("E-mail"), max_length=254, widget=forms.EmailInput(_INPUT))
    role = forms.ChoiceField(
        label=_("Role"), choices=Contact.Role.choices, widget=forms.Select(attrs=_SELECT)
    )
