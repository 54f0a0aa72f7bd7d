"""Forms of the report pages: the report itself, an evidence row, a contribution, the
secretariat's review and bulk approval; the minimum content of a report (the admin's)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.agencies.models import Agency, AgencyLevel
from cchc.core.forms import TextField
from cchc.reporting.grid import SORTS as GRID_SORTS
from cchc.reporting.grid import GridFilters
from cchc.reporting.models import Report, SubmissionRule, TextLimit, WorkStatus
from cchc.reporting.widgets import QuickSelect

_TEXT = {"class": "form-control", "rows": 3}
_INPUT = {"class": "form-control"}
_SELECT = {"class": "form-select"}


class ReportForm(forms.Form):
    """What the agency writes. ``version`` is the version the page was opened on."""

    work_status = forms.ChoiceField(
        label=_("Status of the work"),
        choices=WorkStatus.choices,
        widget=forms.Select({"class": "form-select"}),
    )
    percent = forms.IntegerField(
        label=_("Completion (%)"),
        min_value=0,
        max_value=100,
        widget=forms.NumberInput({"class": "form-control", "min": 0, "max": 100}),
    )
    narrative = TextField(
        label=_("What was done"),
        required=False,
        max_length=TextLimit.NARRATIVE,
        widget=forms.Textarea(_TEXT),
    )
    difficulties = TextField(
        label=_("Difficulties"),
        required=False,
        max_length=TextLimit.NOTE,
        widget=forms.Textarea(_TEXT),
    )
    proposals = TextField(
        label=_("Proposals"),
        required=False,
        max_length=TextLimit.NOTE,
        widget=forms.Textarea(_TEXT),
    )
    explanation = TextField(
        label=_("Explanation"),
        required=False,
        max_length=TextLimit.NOTE,
        widget=forms.Textarea(_TEXT),
    )
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    @classmethod
    def for_report(cls, report: Report | None, **kwargs: Any) -> ReportForm:
        if report is None:
            return cls(
                initial={"work_status": WorkStatus.NOT_STARTED, "percent": 0, "version": 1},
                **kwargs,
            )
        initial = {
            "work_status": report.work_status,
            "percent": report.percent,
            "narrative": report.narrative,
            "difficulties": report.difficulties,
            "proposals": report.proposals,
            "explanation": report.explanation,
            "version": report.version,
        }
        return cls(initial=initial, **kwargs)

    def fields_to_save(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "work_status": data["work_status"],
            "percent": data["percent"],
            "narrative": data["narrative"].strip(),
            "difficulties": data["difficulties"].strip(),
            "proposals": data["proposals"].strip(),
            "explanation": data["explanation"].strip(),
        }


class EvidenceForm(forms.Form):
    description = TextField(
        label=_("Output delivered"),
        max_length=TextLimit.DESCRIPTION,
        widget=forms.Textarea({"class": "form-control", "rows": 2}),
    )
    document_number = TextField(
        label=_("Document number"),
        max_length=TextLimit.DOCUMENT_NUMBER,
        required=False,
        widget=forms.TextInput(_INPUT),
    )
    document_date = forms.DateField(
        label=_("Document date"),
        required=False,
        widget=forms.DateInput({"class": "form-control", "type": "date"}, format="%Y-%m-%d"),
    )
    issuer = TextField(
        label=_("Issuing body"),
        max_length=TextLimit.ISSUER,
        required=False,
        widget=forms.TextInput(_INPUT),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, DOCX, XLSX or an image."),
        widget=forms.ClearableFileInput({"class": "form-control"}),
    )


class WithdrawForm(forms.Form):
    """Taking a submitted report back: the version the page showed, and why (optional)."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Why (optional)"), required=False, max_length=2000)


class ContributionForm(forms.Form):
    text = TextField(
        label=_("Contribution"),
        max_length=TextLimit.NOTE,
        widget=forms.Textarea({"class": "form-control", "rows": 5}),
    )


class ReviewForm(forms.Form):
    RETURN, APPROVE, REOPEN = "return", "approve", "reopen"

    action = forms.ChoiceField(
        choices=[(RETURN, _("Return")), (APPROVE, _("Approve")), (REOPEN, _("Reopen"))]
    )
    comment = TextField(
        label=_("Comment"),
        required=False,
        max_length=TextLimit.COMMENT,
        widget=forms.Textarea(_TEXT),
    )


class BulkApproveForm(forms.Form):
    reports = forms.ModelMultipleChoiceField(
        queryset=Report.objects.none(), label=_("Reports"), widget=forms.CheckboxSelectMultiple
    )
    comment = TextField(
        label=_("Comment"),
        required=False,
        max_length=TextLimit.COMMENT,
        widget=forms.Textarea(_TEXT),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reports"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Report.objects.all()


class SignOffForm(forms.Form):
    """The head's decision on a report awaiting sign-off."""

    SIGN, RETURN = "sign", "return"

    action = forms.ChoiceField(choices=[(SIGN, _("Sign off")), (RETURN, _("Return"))])
    comment = TextField(
        label=_("Comment"),
        required=False,
        max_length=TextLimit.COMMENT,
        widget=forms.Textarea(_TEXT),
    )
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class SignOffSettingForm(forms.Form):
    """Whether an agency's reports need its head's sign-off."""

    agency = forms.IntegerField(widget=forms.HiddenInput)
    required = forms.BooleanField(
        label=_("The head signs off the agency's reports before they reach the secretariat"),
        required=False,
        widget=forms.CheckboxInput({"class": "form-check-input"}),
    )
    reason = TextField(
        label=_("Reason"),
        required=False,
        max_length=TextLimit.REASON,
        widget=forms.TextInput(_INPUT),
    )


class GridFilterForm(forms.Form):
    """The status grid's period, filters and order. An invalid value is dropped rather than
    refused."""

    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None, widget=QuickSelect(_SELECT)
    )
    period = forms.ChoiceField(
        label=_("Reporting period"), required=False, widget=QuickSelect(_SELECT)
    )
    plan = forms.TypedChoiceField(
        label=_("Plan"), required=False, coerce=int, empty_value=None, widget=QuickSelect(_SELECT)
    )
    area = forms.TypedChoiceField(
        label=_("Reform area"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=QuickSelect(_SELECT),
    )
    level = forms.ChoiceField(
        label=_("Kind of agency"), required=False, widget=QuickSelect(_SELECT)
    )
    overdue = forms.BooleanField(
        label=_("Only agencies with overdue reports"),
        required=False,
        widget=forms.CheckboxInput({"class": "form-check-input"}),
    )
    sort = forms.ChoiceField(
        required=False, choices=[(s, s) for s in GRID_SORTS], widget=forms.HiddenInput
    )

    def __init__(
        self,
        *args: Any,
        years: list[int],
        periods: list[tuple[str, str]],
        plans: list[tuple[int, str]],
        areas: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        everything = ("", _("All"))
        self.fields["year"].choices = [(y, str(y)) for y in years]  # type: ignore[attr-defined]
        self.fields["period"].choices = periods  # type: ignore[attr-defined]
        self.fields["plan"].choices = [everything, *plans]  # type: ignore[attr-defined]
        self.fields["area"].choices = [everything, *areas]  # type: ignore[attr-defined]
        self.fields["level"].choices = [everything, *AgencyLevel.choices]  # type: ignore[attr-defined]

    def cleaned(self, name: str) -> Any:
        """A field's value, or None when the form is unbound or the value is invalid."""
        if not self.is_bound:
            return None
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get(name)

    def filters(self) -> GridFilters:
        return GridFilters(
            plan=self.cleaned("plan"),
            area=self.cleaned("area"),
            level=self.cleaned("level") or "",
            overdue_only=bool(self.cleaned("overdue")),
            sort=self.cleaned("sort") or "-overdue",
        )


class GridRemindForm(forms.Form):
    """The agencies chosen on the grid, and the period the grid showed."""

    agencies = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.all(),
        error_messages={"required": _("Choose the agencies to remind.")},
    )
    year = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    period = TextField(max_length=30, widget=forms.HiddenInput)


class SubmissionRuleForm(forms.ModelForm[SubmissionRule]):
    """A new minimum content of a report (the admin's add page): the reason within its limit,
    checked here and told to the browser before the database's check."""

    reason = TextField(
        label=_("Reason"),
        required=False,
        max_length=TextLimit.REASON,
        widget=forms.Textarea({**_TEXT, "cols": 60}),
    )

    class Meta:
        model = SubmissionRule
        fields = ("require_narrative", "require_evidence_when_done", "reason")
