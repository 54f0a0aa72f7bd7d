"""Progress reports: one per lead obligation, the evidence of outputs delivered, the partners'
contributions, and the history of every workflow step.

State changes go through ``cchc.reporting.actions``, which keep the obligation's status in
step and write a ``ReportTransition`` row for each of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cchc.core.history import HistoryRow

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class TextLimit:
    """The most a person may write in each text field, in characters: the one place the
    forms (the browser's ``maxlength``), the API schemas (a 422 naming the field) and the
    database constraints (``*_length``) read them from."""

    NARRATIVE = 20_000  # what was done
    NOTE = 10_000  # difficulties, proposals, explanation; a contribution
    COMMENT = 5_000  # a review or sign-off comment, a reason for reopening
    DESCRIPTION = 2_000  # the output a piece of evidence delivers
    DOCUMENT_NUMBER = 100
    ISSUER = 255
    FILE_NAME = 255
    REASON = 500  # why the head's sign-off is asked or no longer asked


def at_most(field: str, limit: int, label: StrOrPromise) -> models.CheckConstraint:
    """The database's check that a text field holds at most ``limit`` characters."""
    return models.CheckConstraint(
        condition=LessThanOrEqual(Length(field), limit),
        name=f"%(app_label)s_%(class)s_{field}_length",
        violation_error_message=format_lazy(
            _("{field}: at most {limit} characters."), field=label, limit=f"{limit:,}"
        ),
    )


class WorkStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DONE_LATE = "done_late", _("Done late")
    BLOCKED = "blocked", _("Blocked")


# Work statuses that say the activity's outputs were delivered.
DONE_STATUSES = (WorkStatus.DONE, WorkStatus.DONE_LATE)
# Work statuses that need an explanation.
EXPLAINED_STATUSES = (WorkStatus.DONE_LATE, WorkStatus.BLOCKED)


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    # Sent by the focal point to the agency's head, where the agency asks for a sign-off.
    AWAITING_SIGN_OFF = "awaiting_sign_off", _("Awaiting the head's sign-off")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")


# States in which the agency may still change its report.
EDITABLE_STATES = (ReportState.DRAFT, ReportState.RETURNED)
# States in which the report has reached the secretariat.
SENT_STATES = (ReportState.SUBMITTED, ReportState.APPROVED)


class Report(models.Model):
    """The lead agency's report on one activity for one reporting period."""

    obligation = models.OneToOneField(
        "scheduling.Obligation",
        on_delete=models.CASCADE,
        related_name="progress_report",
        verbose_name=_("obligation"),
    )
    work_status = models.CharField(
        _("status of the work"),
        max_length=20,
        choices=WorkStatus.choices,
        default=WorkStatus.NOT_STARTED,
    )
    percent = models.PositiveSmallIntegerField(_("completion (%)"), default=0)
    narrative = models.TextField(_("what was done"), blank=True)
    difficulties = models.TextField(_("difficulties"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    explanation = models.TextField(
        _("explanation"),
        blank=True,
        help_text=_("Required when the work is late or blocked, or the report is late."),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT
    )
    # Bumped by every save: an edit made from an older version is refused, not merged.
    version = models.PositiveIntegerField(_("version"), default=1)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["obligation__deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__gte=0) & Q(percent__lte=100),
                name="reporting_report_percent_range",
                violation_error_message=_("Completion: a percentage from 0 to 100."),
            ),
            models.CheckConstraint(
                condition=Q(work_status__in=WorkStatus.values),
                name="reporting_report_work_status_valid",
                violation_error_message=_("Status of the work: unknown status."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=ReportState.values),
                name="reporting_report_state_valid",
                violation_error_message=_("State: unknown workflow state."),
            ),
            models.CheckConstraint(
                condition=~Q(state=ReportState.APPROVED) | Q(approved_at__isnull=False),
                name="reporting_report_approved_dated",
                violation_error_message=_("An approved report needs its approval time."),
            ),
            models.CheckConstraint(
                condition=Q(state=ReportState.DRAFT) | Q(submitted_at__isnull=False),
                name="reporting_report_submitted_dated",
                violation_error_message=_("A submitted report needs its submission time."),
            ),
            at_most("narrative", TextLimit.NARRATIVE, _("What was done")),
            at_most("difficulties", TextLimit.NOTE, _("Difficulties")),
            at_most("proposals", TextLimit.NOTE, _("Proposals")),
            at_most("explanation", TextLimit.NOTE, _("Explanation")),
        ]
        indexes = [
            models.Index(fields=["state", "updated_at"], name="reporting_report_state_idx"),
            # The review and sign-off queues, oldest submission first: only the reports
            # waiting in them, so the index stays as small as the queues however many
            # reports the years accumulate.
            models.Index(
                fields=["submitted_at", "id"],
                condition=Q(state__in=["submitted", "awaiting_sign_off"]),
                name="reporting_report_queue_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.obligation} · {self.get_state_display()}"

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def is_locked(self) -> bool:
        return self.state == ReportState.APPROVED


@deconstructible
class EvidenceStorage(FileSystemStorage):
    """Files under ``DATA_DIR/files``, read when used (tests move ``DATA_DIR``)."""

    @property
    def base_location(self) -> str:
        return str(Path(settings.DATA_DIR) / "files")

    @property
    def location(self) -> str:
        return str(Path(self.base_location).resolve())


evidence_storage = EvidenceStorage()


class Evidence(models.Model):
    """An expected output delivered: the document that proves it, and its file if attached."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("report")
    )
    description = models.TextField(
        _("output delivered"), help_text=_("Which expected output this document delivers.")
    )
    document_number = models.CharField(
        _("document number"), max_length=TextLimit.DOCUMENT_NUMBER, blank=True
    )
    document_date = models.DateField(_("document date"), null=True, blank=True)
    issuer = models.CharField(_("issuing body"), max_length=TextLimit.ISSUER, blank=True)
    file = models.FileField(
        _("file"), upload_to="evidence/%Y/%m/", storage=evidence_storage, blank=True
    )
    original_name = models.CharField(_("file name"), max_length=TextLimit.FILE_NAME, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["report", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(description=""),
                name="reporting_evidence_description_not_empty",
                violation_error_message=_("Output delivered: say which output this is."),
            ),
            models.CheckConstraint(
                condition=Q(file="") | (Q(size__gt=0) & ~Q(content_type="")),
                name="reporting_evidence_file_described",
                violation_error_message=_("File: an attached file needs its size and type."),
            ),
            at_most("description", TextLimit.DESCRIPTION, _("Output delivered")),
        ]

    def __str__(self) -> str:
        return self.document_number or self.description[:60]


class ContributionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Contribution(models.Model):
    """A coordinating agency's short note on an activity for a period, which the lead sees
    while writing its report. Attached to the partner's own obligation."""

    obligation = models.ForeignKey(
        "scheduling.Obligation",
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("obligation"),
    )
    text = models.TextField(_("contribution"))
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ContributionState.choices,
        default=ContributionState.DRAFT,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["obligation", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["obligation"],
                name="reporting_contribution_one_per_obligation",
                violation_error_message=_("This agency already has a contribution here."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=ContributionState.values),
                name="reporting_contribution_state_valid",
                violation_error_message=_("State: unknown contribution state."),
            ),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="reporting_contribution_text_not_empty",
                violation_error_message=_("Contribution: write a few words."),
            ),
            at_most("text", TextLimit.NOTE, _("Contribution")),
        ]

    def __str__(self) -> str:
        return f"{self.obligation} · {self.get_state_display()}"


class ReportTransition(HistoryRow):
    """One step of a report's history: who moved it from which state to which, when, why.

    Edits and evidence added without a change of state are rows too (``from_state`` equals
    ``to_state``); ``changes`` lists what they touched."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="history", verbose_name=_("report")
    )
    from_state = models.CharField(
        pgettext_lazy("workflow state", "from"),
        max_length=20,
        choices=ReportState.choices,
        blank=True,
    )
    to_state = models.CharField(
        pgettext_lazy("workflow state", "to"), max_length=20, choices=ReportState.choices
    )
    comment = models.TextField(_("comment"), blank=True)
    changes = models.JSONField(_("changes"), default=list, blank=True)

    class Meta(HistoryRow.Meta):
        verbose_name = _("report history entry")
        verbose_name_plural = _("report history")
        constraints = [
            models.CheckConstraint(
                condition=Q(to_state__in=ReportState.values)
                & (Q(from_state="") | Q(from_state__in=ReportState.values)),
                name="reporting_transition_states_valid",
                violation_error_message=_("History: unknown workflow state."),
            ),
            at_most("comment", TextLimit.COMMENT, _("Comment")),
        ]
        indexes = [
            models.Index(fields=["report", "at"], name="reporting_history_report_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.from_state or '∅'} → {self.to_state} ({self.at:%Y-%m-%d %H:%M})"

    @property
    def is_step(self) -> bool:
        """A change of state, not an edit."""
        return self.from_state != self.to_state

    @property
    def changed_labels(self) -> list[str]:
        """What an edit changed, named as the report form names the fields."""
        labels = []
        for name in self.changes:
            if name == "evidence":
                labels.append(str(_("evidence")))
                continue
            try:
                field = Report._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
            labels.append(str(getattr(field, "verbose_name", name)))
        return labels


class Change(models.Model):
    """A decision kept as history: each change is a new row, the latest holds, and the rows
    say who changed it, when and why. The abstract base of ``SignOffSetting`` and
    ``SubmissionRule`` (their columns, and each table's named check that the reason is at
    most ``TextLimit.REASON`` characters)."""

    # The order that puts the row in force first.
    NEWEST_FIRST = ("-changed_at", "-pk")

    reason = models.TextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        abstract = True
        constraints = [at_most("reason", TextLimit.REASON, _("Reason"))]


class SignOffSettingQuerySet(models.QuerySet["SignOffSetting"]):
    def required_for(self, agency_ids: set[int]) -> set[int]:
        """The agencies among ``agency_ids`` whose latest setting asks for the head's
        sign-off."""
        latest: dict[int, bool] = {}
        rows = self.filter(agency_id__in=agency_ids).order_by("agency_id", "changed_at", "pk")
        for agency_id, required in rows.values_list("agency_id", "required"):
            latest[agency_id] = required
        return {agency_id for agency_id, required in latest.items() if required}

    def is_required(self, agency_id: int) -> bool:
        latest = self.filter(agency_id=agency_id).order_by(*Change.NEWEST_FIRST).first()
        return latest is not None and latest.required


class SignOffSetting(Change):
    """Whether an agency's head signs off its reports before they reach the secretariat.

    Each change is a row and the latest row of an agency holds: the rows are the history
    (who changed it, when, why). Changed only through ``cchc.reporting.signoff.set_sign_off``."""

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("agency"),
    )
    required = models.BooleanField(_("the head signs off"))

    objects = SignOffSettingQuerySet.as_manager()

    class Meta(Change.Meta):
        verbose_name = _("sign-off setting")
        verbose_name_plural = _("sign-off settings")
        ordering = ["agency", "changed_at", "pk"]
        indexes = [
            models.Index(fields=["agency", "changed_at"], name="reporting_signoff_agency_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} · {self.required} ({self.changed_at:%Y-%m-%d})"


class SubmissionRuleQuerySet(models.QuerySet["SubmissionRule"]):
    def current(self) -> SubmissionRule:
        """The rule in force: the latest row, else the defaults (an unsaved row)."""
        return self.order_by(*Change.NEWEST_FIRST).first() or SubmissionRule()


class SubmissionRule(Change):
    """What a report must contain before its agency can submit it, set by the secretariat.

    Each change is a row and the latest row holds: the rows are the history (who changed it,
    when, why). Without any row the defaults hold: a narrative, and evidence for work that is
    done. Changed only through ``cchc.reporting.rules.set_submission_rule``."""

    require_narrative = models.BooleanField(
        _("a narrative of what was done"),
        default=True,
        help_text=_("The report says what was done in the period."),
    )
    require_evidence_when_done = models.BooleanField(
        _("evidence for work that is done"),
        default=True,
        help_text=_("A report that says the work is done lists at least one output delivered."),
    )
    objects = SubmissionRuleQuerySet.as_manager()

    class Meta(Change.Meta):
        verbose_name = _("minimum content of a report")
        verbose_name_plural = _("minimum content of a report")
        ordering = ["changed_at", "pk"]
        indexes = [
            models.Index(fields=["changed_at"], name="reporting_subrule_changed_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.changed_at:%Y-%m-%d %H:%M}"
