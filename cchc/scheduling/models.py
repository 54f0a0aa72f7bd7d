"""Scheduling: reporting-period rules, the working-day calendar, reporting obligations.

A ``PeriodRule`` says, for one report and one kind of period, which windows the report counts
(Nghị định 09/2019 "15th to 14th" or calendar) and when it is due; rules are dated so that
past periods keep the rule they were made under. A ``CalendarDay`` is a province-specific
exception to the national working-day calendar (``cchc.scheduling.workdays``). State changes
go through ``cchc.scheduling.actions``, which write the history rows.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cchc.core.history import HistoryRow


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    HALF = "half", _("Six months")
    NINE_MONTHS = "nine_months", _("Nine months")
    YEAR = "year", _("Year")


class WindowStyle(models.TextChoices):
    ND09 = "nd09", _("15th to 14th (Decree 09/2019)")
    CALENDAR = "calendar", _("Calendar (statistics)")


class DeadlineMethod(models.TextChoices):
    DAY_OF_LAST_MONTH = "day_of_last_month", _("Day N of the period's last month")
    WORKING_DAYS_AFTER_CUTOFF = "working_days_after_cutoff", _("N working days after the cut-off")
    DAY_OF_NEXT_MONTH = "day_of_next_month", _("Day N of the month after the period")


class PeriodRuleQuerySet(models.QuerySet["PeriodRule"]):
    def valid_on(self, day: dt.date) -> PeriodRuleQuerySet:
        return self.filter(
            Q(valid_from__lte=day), Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )

    def overlapping(self, start: dt.date, end: dt.date | None) -> PeriodRuleQuerySet:
        """Rules in force on some day of ``start``..``end`` (open-ended if ``end`` is None)."""
        rows = self.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=start))
        return rows if end is None else rows.filter(valid_from__lte=end)


class PeriodRule(models.Model):
    """When one report is due for one kind of period, from ``valid_from`` to ``valid_until``.

    The rule in force on a period's cut-off day (its last day) applies to that period.
    """

    report = models.SlugField(
        _("report code"), max_length=50, help_text=_("For example “par” for the PAR report.")
    )
    report_name = models.CharField(_("report"), max_length=255)
    period_kind = models.CharField(_("period"), max_length=20, choices=PeriodKind.choices)
    window = models.CharField(
        _("window"), max_length=20, choices=WindowStyle.choices, default=WindowStyle.ND09
    )
    deadline_rule = models.CharField(
        _("deadline rule"), max_length=30, choices=DeadlineMethod.choices[:2]
    )
    deadline_day = models.PositiveSmallIntegerField(
        _("deadline day"),
        null=True,
        blank=True,
        help_text=_(
            "Day of the period's last month (day N rule); the month's last day if shorter."
        ),
    )
    deadline_working_days = models.PositiveSmallIntegerField(
        _("working days after the cut-off"), null=True, blank=True
    )
    replaced_by_longer = models.BooleanField(
        _("replaced by a longer period"),
        default=False,
        help_text=_(
            "No separate report when a longer period of the same report ends on the same day "
            "(quarter II → six months, quarter IV → year)."
        ),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("The last day the rule applies.")
    )
    legal_basis = models.TextField(_("legal basis"), blank=True)
    confirmed = models.BooleanField(
        _("confirmed"), default=True, help_text=_("Checked against a legal text.")
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PeriodRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting period rule")
        verbose_name_plural = _("reporting period rules")
        ordering = ["report", "period_kind", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "period_kind", "valid_from"],
                name="scheduling_rule_unique_start",
                violation_error_message=_(
                    "This report already has a rule for this period starting on this day."
                ),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_from__lte=F("valid_until")),
                name="scheduling_rule_validity_ordered",
                violation_error_message=_("Valid until: a rule cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(period_kind__in=PeriodKind.values),
                name="scheduling_rule_period_kind_valid",
                violation_error_message=_("Period: unknown kind of period."),
            ),
            models.CheckConstraint(
                condition=Q(window__in=WindowStyle.values),
                name="scheduling_rule_window_valid",
                violation_error_message=_("Window: unknown window style."),
            ),
            models.CheckConstraint(
                condition=Q(
                    deadline_rule=DeadlineMethod.DAY_OF_LAST_MONTH,
                    deadline_day__isnull=False,
                    deadline_day__gte=1,
                    deadline_day__lte=31,
                    deadline_working_days__isnull=True,
                )
                | Q(
                    deadline_rule=DeadlineMethod.WORKING_DAYS_AFTER_CUTOFF,
                    deadline_working_days__isnull=False,
                    deadline_working_days__gte=1,
                    deadline_day__isnull=True,
                ),
                name="scheduling_rule_deadline_valid",
                violation_error_message=_(
                    "Deadline: a day N rule needs a deadline day from 1 to 31 and no working "
                    "days; a working-days rule needs at least 1 working day and no day."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_name} – {self.get_period_kind_display()} ({self.valid_from}–)"

    def clean(self) -> None:
        """Field-by-field messages for what the constraints refuse, and the checks that need
        other rows (overlapping validity) or the window (a deadline after the cut-off)."""
        errors: dict[str, str] = {}
        if self.deadline_rule == DeadlineMethod.DAY_OF_LAST_MONTH:
            if self.deadline_day is None or not 1 <= self.deadline_day <= 31:
                errors["deadline_day"] = str(_("Deadline day must be a day of the month, 1 to 31."))
            elif self.window == WindowStyle.ND09 and self.deadline_day <= 14:
                errors["deadline_day"] = str(
                    _(
                        "Deadline day must come after the cut-off on the 14th: at least one "
                        "working day separates them (Decree 09/2019, Article 8(5))."
                    )
                )
            elif self.window == WindowStyle.CALENDAR:
                errors["deadline_rule"] = str(
                    _(
                        "A calendar period ends on the last day of its last month: count "
                        "working days after the cut-off instead."
                    )
                )
            if self.deadline_working_days is not None:
                errors["deadline_working_days"] = str(_("Leave empty for a day N rule."))
        elif self.deadline_rule == DeadlineMethod.WORKING_DAYS_AFTER_CUTOFF:
            if self.deadline_working_days is None or self.deadline_working_days < 1:
                errors["deadline_working_days"] = str(
                    _("Working days after the cut-off must be at least 1.")
                )
            if self.deadline_day is not None:
                errors["deadline_day"] = str(_("Leave empty for a working-days rule."))
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            errors["valid_until"] = str(_("A rule cannot end before it starts."))
        elif self.valid_from and self.report and self.period_kind:
            clash = (
                PeriodRule.objects.filter(report=self.report, period_kind=self.period_kind)
                .exclude(pk=self.pk)
                .overlapping(self.valid_from, self.valid_until)
                .first()
            )
            if clash is not None:
                errors["valid_from"] = str(
                    _(
                        "Validity overlaps another rule for the same report and period "
                        "(%(start)s to %(end)s); end that rule first."
                    )
                    % {"start": clash.valid_from, "end": clash.valid_until or "…"}
                )
        if errors:
            raise ValidationError(errors)


class PeriodRuleChange(HistoryRow):
    """History of a rule: created, changed, ended; who, when, what, why."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        CHANGED = "changed", _("Changed")
        ENDED = "ended", _("Ended")

    rule = models.ForeignKey(PeriodRule, on_delete=models.CASCADE, related_name="history")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta(HistoryRow.Meta):
        verbose_name = _("period rule change")
        verbose_name_plural = _("period rule changes")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d}"


class DeadlineAudience(models.TextChoices):
    AGENCIES = "agencies", _("Agencies → the secretariat (Sở Nội vụ)")
    PROVINCE = "province", _("Province → the Ministry (Bộ Nội vụ)")


class DeadlineRuleQuerySet(models.QuerySet["DeadlineRule"]):
    def overlapping(self, start: dt.date, end: dt.date) -> DeadlineRuleQuerySet:
        return self.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=start), valid_from__lte=end
        )


class DeadlineRule(models.Model):
    """Who must report by when, from ``valid_from`` to ``valid_until``: the agencies' deadline
    to the secretariat (set by the province's plan or directive) or the province's deadline to
    the Ministry. Obligations, the status grid and reminders use the agencies' deadline; the
    periodic report the province's. Whether a deadline on a day off moves to the next working
    day is the province's choice (``move_off_days``), with its basis."""

    audience = models.CharField(_("who reports"), max_length=20, choices=DeadlineAudience.choices)
    report = models.SlugField(_("report code"), max_length=50, default="par")
    period_kind = models.CharField(
        _("period"),
        max_length=20,
        choices=PeriodKind.choices,
        blank=True,
        help_text=_("Empty: every kind of period."),
    )
    method = models.CharField(_("deadline"), max_length=30, choices=DeadlineMethod.choices)
    day = models.PositiveSmallIntegerField(_("day"), null=True, blank=True)
    working_days = models.PositiveSmallIntegerField(_("working days"), null=True, blank=True)
    move_off_days = models.BooleanField(
        _("a deadline on a day off moves to the next working day"), default=False
    )
    move_basis = models.CharField(
        _("basis for moving"), max_length=500, blank=True, help_text=_("Required when it moves.")
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    basis_number = models.CharField(_("legal basis: number"), max_length=100, blank=True)
    basis_date = models.DateField(_("legal basis: date"), null=True, blank=True)
    basis_issuer = models.CharField(_("legal basis: issuer"), max_length=255, blank=True)
    basis_url = models.URLField(_("legal basis: link"), max_length=500, blank=True)
    confirmed = models.BooleanField(_("confirmed"), default=False)
    missing = models.CharField(_("what is missing"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = DeadlineRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        ordering = ["report", "audience", "period_kind", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "audience", "period_kind", "valid_from"],
                name="scheduling_deadline_unique_start",
                violation_error_message=_("A deadline rule already starts on this day."),
            ),
            models.CheckConstraint(
                condition=Q(audience__in=DeadlineAudience.values),
                name="scheduling_deadline_audience_valid",
                violation_error_message=_("Who reports: agencies or province."),
            ),
            models.CheckConstraint(
                condition=Q(
                    method__in=[
                        DeadlineMethod.DAY_OF_LAST_MONTH,
                        DeadlineMethod.DAY_OF_NEXT_MONTH,
                    ],
                    day__gte=1,
                    day__lte=31,
                    working_days__isnull=True,
                )
                | Q(
                    method=DeadlineMethod.WORKING_DAYS_AFTER_CUTOFF,
                    working_days__gte=1,
                    working_days__lte=60,
                    day__isnull=True,
                ),
                name="scheduling_deadline_method_valid",
                violation_error_message=_(
                    "Deadline: a day rule needs a day from 1 to 31; a working-days rule 1 to 60 "
                    "working days."
                ),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_from__lte=F("valid_until")),
                name="scheduling_deadline_validity_ordered",
                violation_error_message=_("Valid until: a rule cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(move_off_days=False) | ~Q(move_basis=""),
                name="scheduling_deadline_move_has_basis",
                violation_error_message=_(
                    "Basis for moving: moving a deadline off a day off needs its basis."
                ),
            ),
            models.CheckConstraint(
                condition=Q(confirmed=False) | ~Q(basis_number=""),
                name="scheduling_deadline_confirmed_has_basis",
                violation_error_message=_(
                    "Legal basis: a confirmed rule needs the number of its legal text."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_audience_display()} · {self.describe()} ({self.valid_from}–)"

    def describe(self) -> str:
        if self.method == DeadlineMethod.DAY_OF_LAST_MONTH:
            return str(_("day %(day)s of the period's last month") % {"day": self.day})
        if self.method == DeadlineMethod.DAY_OF_NEXT_MONTH:
            return str(_("day %(day)s of the month after the period") % {"day": self.day})
        return str(_("%(n)s working days after the cut-off") % {"n": self.working_days})

    @property
    def basis(self) -> str:
        parts = [self.basis_number]
        if self.basis_date:
            parts.append(f"{self.basis_date:%d/%m/%Y}")
        if self.basis_issuer:
            parts.append(self.basis_issuer)
        return ", ".join(p for p in parts if p)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.method == DeadlineMethod.WORKING_DAYS_AFTER_CUTOFF:
            if not self.working_days:
                errors["working_days"] = str(_("Give the number of working days (1 to 60)."))
            if self.day is not None:
                errors["day"] = str(_("Leave empty for a working-days rule."))
        else:
            if self.day is None or not 1 <= self.day <= 31:
                errors["day"] = str(_("Give a day of the month, 1 to 31."))
            if self.working_days is not None:
                errors["working_days"] = str(_("Leave empty for a day rule."))
        if self.move_off_days and not self.move_basis.strip():
            errors["move_basis"] = str(_("Say on what basis a deadline on a day off moves."))
        if self.confirmed and not self.basis_number.strip():
            errors["basis_number"] = str(_("A confirmed rule needs the number of its legal text."))
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            errors["valid_until"] = str(_("A rule cannot end before it starts."))
        elif self.valid_from and self.audience:
            clash = (
                DeadlineRule.objects.filter(
                    report=self.report, audience=self.audience, period_kind=self.period_kind
                )
                .exclude(pk=self.pk)
                .overlapping(self.valid_from, self.valid_until or dt.date.max)
                .first()
            )
            if clash is not None:
                errors["valid_from"] = str(
                    _(
                        "Validity overlaps another rule for the same report and period; "
                        "end it first."
                    )
                )
        if errors:
            raise ValidationError(errors)


class DeadlineRuleChange(HistoryRow):
    """History of a deadline rule: created, changed, confirmed; who, when, what, why."""

    rule = models.ForeignKey(DeadlineRule, on_delete=models.CASCADE, related_name="history")
    action = models.CharField(_("action"), max_length=20)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta(HistoryRow.Meta):
        verbose_name = _("deadline rule change")
        verbose_name_plural = _("deadline rule changes")

    def __str__(self) -> str:
        return f"{self.action} {self.at:%Y-%m-%d}"


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday")
    DAY_OFF = "day_off", _("Day off")
    WORKING_DAY = "working_day", _("Working day (e.g. a Saturday worked to make up a day off)")


class CalendarScope(models.TextChoices):
    NATIONAL = "national", _("National (announced by the government)")
    PROVINCE = "province", _("Province")


class CalendarDay(models.Model):
    """A calendar entry: a day off, or a weekend day worked, with its legal basis.

    National entries record the government's announcements (the Labour Code's holidays and
    the swaps announced each year, loaded from ``cchc/scheduling/data/calendar.toml``); in a
    year with national entries they are the whole national calendar and the ``holidays``
    package is only compared with them (``cchc calendar YEAR --diff``). Province entries are
    the province's own exceptions. Both override the weekend and the package for their date;
    an entry not checked against its legal text (``confirmed`` false) still applies and is
    listed for the secretariat at ``/agencies/unverified/``.
    """

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CalendarDayKind.choices)
    name = models.CharField(_("name"), max_length=255)
    scope = models.CharField(
        _("scope"), max_length=20, choices=CalendarScope.choices, default=CalendarScope.PROVINCE
    )
    source = models.TextField(
        _("source"), blank=True, help_text=_("The notice that decided it, e.g. its number.")
    )
    basis_number = models.CharField(
        _("legal basis: number"),
        max_length=100,
        blank=True,
        help_text=_("For example “12729/VPCP-KGVX”."),
    )
    basis_date = models.DateField(_("legal basis: date"), null=True, blank=True)
    basis_issuer = models.CharField(_("legal basis: issuer"), max_length=255, blank=True)
    basis_url = models.URLField(_("legal basis: link"), max_length=500, blank=True)
    confirmed = models.BooleanField(
        _("confirmed"), default=False, help_text=_("Checked against the legal text.")
    )
    missing = models.CharField(
        _("what is missing"),
        max_length=500,
        blank=True,
        help_text=_("For an unconfirmed entry: what must still be checked."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CalendarDayKind.values),
                name="scheduling_calendarday_kind_valid",
                violation_error_message=_("Kind: unknown kind of calendar day."),
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="scheduling_calendarday_name_not_empty",
                violation_error_message=_("Name: a calendar day needs a name."),
            ),
            models.CheckConstraint(
                condition=Q(scope__in=CalendarScope.values),
                name="scheduling_calendarday_scope_valid",
                violation_error_message=_("Scope: national or province."),
            ),
            models.CheckConstraint(
                condition=Q(confirmed=False) | ~Q(basis_number=""),
                name="scheduling_calendarday_confirmed_has_basis",
                violation_error_message=_(
                    "Legal basis: a confirmed calendar day needs the number of its legal text."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.name}"

    @property
    def is_working(self) -> bool:
        return self.kind == CalendarDayKind.WORKING_DAY

    @property
    def basis(self) -> str:
        """The legal basis in one line: number, date, issuer."""
        parts = [self.basis_number]
        if self.basis_date:
            parts.append(f"{self.basis_date:%d/%m/%Y}")
        if self.basis_issuer:
            parts.append(self.basis_issuer)
        return ", ".join(p for p in parts if p)


class CalendarDayChange(HistoryRow):
    """History of the province's calendar days (kept when a day is removed)."""

    class Action(models.TextChoices):
        SET = "set", _("Set")
        REMOVED = "removed", _("Removed")

    date = models.DateField(_("date"), db_index=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta(HistoryRow.Meta):
        verbose_name = _("calendar day change")
        verbose_name_plural = _("calendar day changes")

    def __str__(self) -> str:
        return f"{self.date}: {self.get_action_display()}"


class ObligationStatus(models.TextChoices):
    NOT_DUE = "not_due", _("Not yet due")
    OPEN = "open", _("Open")
    SUBMITTED = "submitted", _("Submitted")
    LATE = "late", _("Late")
    APPROVED = "approved", _("Approved")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


# Statuses a person set by filing or deciding; regeneration and the clock never change them.
FILED_STATUSES = (
    ObligationStatus.SUBMITTED,
    ObligationStatus.APPROVED,
    ObligationStatus.NOT_APPLICABLE,
)


class ObligationQuerySet(models.QuerySet["Obligation"]):
    def unfiled(self) -> ObligationQuerySet:
        return self.exclude(status__in=FILED_STATUSES)

    def overdue(self, *, on: dt.date) -> ObligationQuerySet:
        return self.unfiled().filter(deadline__lt=on)

    def due_within(self, *, start: dt.date, end: dt.date) -> ObligationQuerySet:
        return self.unfiled().filter(deadline__gte=start, deadline__lte=end)


class Obligation(models.Model):
    """One expected report: an activity × a responsible agency × a reporting period."""

    activity = models.ForeignKey(
        "plans.Node",
        on_delete=models.CASCADE,
        related_name="obligations",
        verbose_name=_("activity"),
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="obligations",
        verbose_name=_("agency"),
    )
    role = models.CharField(_("role"), max_length=10)
    report = models.CharField(_("report"), max_length=30)
    period_kind = models.CharField(_("period kind"), max_length=20)
    period_label = models.CharField(_("period"), max_length=100)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("cut-off"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ObligationStatus.choices,
        default=ObligationStatus.NOT_DUE,
    )
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why the report is not applicable.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ObligationQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting obligation")
        verbose_name_plural = _("reporting obligations")
        ordering = ["deadline", "activity__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "agency", "role", "report", "period_kind", "period_end"],
                name="scheduling_obligation_unique",
                violation_error_message=_("This report is already expected."),
            ),
            models.CheckConstraint(
                condition=Q(period_start__lte=F("period_end")) & Q(period_end__lt=F("deadline")),
                name="scheduling_obligation_dates_ordered",
                violation_error_message=_(
                    "A period must start before its cut-off, and the deadline come after it."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status=ObligationStatus.NOT_APPLICABLE) | ~Q(reason=""),
                name="scheduling_obligation_na_has_reason",
                violation_error_message=_("Say why the report is not applicable."),
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "deadline"], name="scheduling_oblig_agency_idx"),
            models.Index(fields=["status", "deadline"], name="scheduling_oblig_status_idx"),
            # The status grid's lead obligations of one period (reporting.grid), and the
            # first and last period the year selector reads (selectors.obligation_years).
            models.Index(
                fields=["period_end", "report", "period_kind"],
                condition=models.Q(role="lead"),
                name="scheduling_oblig_lead_idx",
            ),
            models.Index(fields=["period_end"], name="scheduling_oblig_end_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.activity.number} · {self.period_label}"


class Reminder(models.Model):
    """A reminder sent (or escalation) for an obligation: one row per obligation and stage,
    so that running the reminder command twice, or twice at once, sends nothing twice.

    A reminder the secretariat sends by hand (stage ``manual``) may go again another day but
    not twice the same day: one row per obligation and ``sent_on``, with who asked for it."""

    class Stage(models.TextChoices):
        BEFORE = "before", _("Before the deadline")
        OVERDUE = "overdue", _("Overdue")
        ESCALATED = "escalated", _("Escalated to the secretariat")
        MANUAL = "manual", _("Sent by the secretariat")

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="reminders")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    sent_on = models.DateField(
        _("sent on"),
        null=True,
        blank=True,
        help_text=_("The day a reminder sent by hand counts for: one a day."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    recipients = models.JSONField(_("recipients"), default=list)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "stage"],
                condition=~Q(stage="manual"),
                name="scheduling_reminder_once_per_stage",
                violation_error_message=_("This reminder was already sent."),
            ),
            models.UniqueConstraint(
                fields=["obligation", "sent_on"],
                condition=Q(stage="manual"),
                name="scheduling_reminder_manual_once_a_day",
                violation_error_message=_("A reminder was already sent for this report today."),
            ),
            models.CheckConstraint(
                condition=~Q(stage="manual") | Q(sent_on__isnull=False),
                name="scheduling_reminder_manual_dated",
                violation_error_message=_("A reminder sent by hand needs its day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.obligation} · {self.get_stage_display()}"


class GenerationRun(HistoryRow):
    """One run of the obligations generator over a plan's periods: the range, who ran it,
    what it did. The history of the grid: which obligations it removed because they no
    longer apply, and which it kept although they no longer apply because a report was
    filed or started on them (the secretariat settles those). The pages tell "never
    generated for this period" from "generated, nothing expected" with these rows."""

    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.CASCADE,
        related_name="generation_runs",
        verbose_name=_("plan"),
    )
    report = models.CharField(_("report"), max_length=30)
    period_kind = models.CharField(
        _("period kind"), max_length=20, blank=True, help_text=_("Empty: every kind.")
    )
    since = models.DateField(_("periods ending from"))
    until = models.DateField(_("periods ending until"))
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    removed = models.PositiveIntegerField(_("removed"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    # [{"obligation", "activity", "number", "agency", "role", "period", "period_end",
    #   "status"}]: what this run removed, and what it kept although no longer expected.
    removed_rows = models.JSONField(_("removed obligations"), default=list, blank=True)
    kept_rows = models.JSONField(_("kept, no longer expected"), default=list, blank=True)

    class Meta(HistoryRow.Meta):
        verbose_name = _("obligations generation")
        verbose_name_plural = _("obligations generations")
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(since__lte=F("until")),
                name="scheduling_generation_range_ordered",
                violation_error_message=_("A generation's range cannot end before it starts."),
            ),
        ]
        indexes = [
            models.Index(fields=["report", "until", "since"], name="scheduling_gen_cover_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} · {self.since}–{self.until} · {self.at:%Y-%m-%d %H:%M}"
