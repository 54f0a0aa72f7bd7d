"""Indicators (the catalogue), targets (staged: proposed from the plan's prose, then confirmed,
edited or rejected by the secretariat) and measurements (values per indicator × scope ×
period, or an explicit "no data" with its reason).

State changes go through ``cchc.indicators.actions``, which write an ``IndicatorChange`` or
``TargetChange`` row for each of them. Whether a target is on track is one function,
``cchc.indicators.status.target_status`` (the rule: docs/indicators.md).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.core.history import HistoryRow
from cchc.reporting.models import at_most


class TextLimit:
    """Lengths of the text fields (forms, API and database constraints alike)."""

    CODE = 100
    NAME = 500
    DEFINITION = 5_000
    LEGAL_SOURCE = 500
    SCOPE = 200
    PHRASE = 2_000
    REASON = 1_000
    NOTE = 2_000
    TRAJECTORY = 100


def _at_most(field: str, limit: int) -> models.CheckConstraint:
    return at_most(field, limit, field)


class Unit(models.TextChoices):
    """What an indicator's values count; the values are the units the extractor writes."""

    PERCENT = "%", _("percent")
    COUNT = "count", _("count")
    RANK = "rank", _("rank")
    SCORE = "score", _("score")
    POINTS = "points", _("index points")
    VND = "VND", _("VND")


class Direction(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")


class Aggregation(models.TextChoices):
    RATIO_OF_SUMS = "ratio_of_sums", _("ratio of sums")
    LATEST = "latest", _("latest value")
    SUM = "sum", _("sum")
    MEAN = "mean", _("mean")
    CUMULATIVE = "cumulative", _("cumulative")


class DataSource(models.TextChoices):
    REPORTED = "reported", _("reported by agencies")
    IMPORTED = "imported", _("imported")
    COMPUTED = "computed", _("computed from dossier records")


# The ways values of an indicator may be split ("disaggregations").
DISAGGREGATIONS = ("level", "field", "procedure")


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    def valid_on(self, day: dt.date) -> IndicatorQuerySet:
        return self.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day), valid_from__lte=day
        )


class Indicator(models.Model):
    code = models.CharField(
        _("code"), max_length=TextLimit.CODE, unique=True, help_text=_("e.g. tthc.dossiers_online")
    )
    name = models.CharField(_("name"), max_length=TextLimit.NAME)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    aggregation = models.CharField(
        _("aggregation"), max_length=20, choices=Aggregation.choices, default=Aggregation.LATEST
    )
    disaggregations = models.JSONField(
        _("disaggregations"),
        default=list,
        blank=True,
        help_text=_("Any of: level, field, procedure."),
    )
    definition = models.TextField(_("definition"), max_length=TextLimit.DEFINITION, blank=True)
    legal_source = models.CharField(
        _("legal source"),
        max_length=TextLimit.LEGAL_SOURCE,
        blank=True,
        help_text=_("Number, date and issuer of the text that defines or sets it."),
    )
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    data_source = models.CharField(
        _("data source"), max_length=20, choices=DataSource.choices, default=DataSource.REPORTED
    )
    tolerance = models.DecimalField(
        _("tolerance"),
        max_digits=8,
        decimal_places=2,
        default=5,
        help_text=_(
            "How far below the target's trajectory a value is still 'at risk' rather than "
            "'off track', in the indicator's unit (percentage points for shares, places for ranks)."
        ),
    )
    valid_from = models.DateField(_("valid from"), default=dt.date(2021, 1, 1))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$"),
                name="indicators_indicator_code_format",
                violation_error_message=_(
                    "The code is lower-case words joined by dots, e.g. tthc.dossiers_online."
                ),
            ),
            models.CheckConstraint(
                condition=Q(unit__in=Unit.values),
                name="indicators_indicator_unit_valid",
                violation_error_message=_("Unknown unit."),
            ),
            models.CheckConstraint(
                condition=Q(direction__in=Direction.values),
                name="indicators_indicator_direction_valid",
                violation_error_message=_("Unknown direction."),
            ),
            models.CheckConstraint(
                condition=Q(aggregation__in=Aggregation.values),
                name="indicators_indicator_aggregation_valid",
                violation_error_message=_("Unknown aggregation."),
            ),
            models.CheckConstraint(
                condition=Q(tolerance__gte=0),
                name="indicators_indicator_tolerance_not_negative",
                violation_error_message=_("The tolerance cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="indicators_indicator_valid_dates",
                violation_error_message=_("An indicator cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="indicators_indicator_name_not_empty",
                violation_error_message=_("An indicator needs a name."),
            ),
            _at_most("definition", TextLimit.DEFINITION),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("indicators:detail", kwargs={"code": self.code})


class ChangeAction(models.TextChoices):
    CREATED = "created", _("Created")
    CHANGED = "changed", _("Changed")
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    EDITED = "edited", _("Edited")
    REJECTED = "rejected", _("Rejected")
    REREAD = "reread", _("Read again from the plan")


class IndicatorChange(HistoryRow):
    """History of an indicator: who changed what, when, why."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="history")
    action = models.CharField(_("action"), max_length=20, choices=ChangeAction.choices)
    # {"field": {"from": old, "to": new}}
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), max_length=TextLimit.REASON, blank=True)

    class Meta(HistoryRow.Meta):
        verbose_name = _("indicator change")
        verbose_name_plural = _("indicator changes")
        constraints = [_at_most("reason", TextLimit.REASON)]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.get_action_display()} {self.at:%Y-%m-%d}"


class Comparator(models.TextChoices):
    AT_LEAST = ">=", _("at least")
    AT_MOST = "<=", _("at most")
    EQUAL = "=", _("equal to")
    TOP = "top", _("within the top")
    RANGE = "range", _("between")


class TargetState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class TargetQuerySet(models.QuerySet["Target"]):
    def confirmed(self) -> TargetQuerySet:
        return self.filter(state=TargetState.CONFIRMED)

    def proposed(self) -> TargetQuerySet:
        return self.filter(state=TargetState.PROPOSED)


class Target(models.Model):
    """A measurable promise of a plan node: indicator, comparator, value(s), due year, scope.

    ``match_key`` identifies the proposal it was read as (node key, indicator, comparator,
    year, scope, phrase, as first read), so that a re-import finds it again even after the
    secretariat edited it."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("indicator"),
    )
    node = models.ForeignKey(
        "plans.Node", on_delete=models.CASCADE, related_name="targets", verbose_name=_("plan node")
    )
    comparator = models.CharField(_("comparator"), max_length=10, choices=Comparator.choices)
    value = models.FloatField(_("value"))
    value_max = models.FloatField(_("upper value"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    year = models.PositiveSmallIntegerField(_("year due"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    scope = models.CharField(_("scope"), max_length=TextLimit.SCOPE, blank=True)
    baseline = models.FloatField(_("baseline"), null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=TargetState.choices, default=TargetState.PROPOSED
    )
    phrase = models.TextField(_("source phrase"), max_length=TextLimit.PHRASE)
    source_line = models.PositiveIntegerField(_("source line"), null=True, blank=True)
    trajectory = models.CharField(_("trajectory"), max_length=TextLimit.TRAJECTORY, blank=True)
    match_key = models.CharField(max_length=64, editable=False)
    # The proposal as the extractor read it (its eight preview keys).
    proposed = models.JSONField(_("as read"), default=dict, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["node__position", "year", "scope", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["node", "match_key"],
                name="indicators_target_unique_proposal",
                violation_error_message=_("This phrase of the node is already a target."),
            ),
            models.CheckConstraint(
                condition=Q(comparator__in=Comparator.values),
                name="indicators_target_comparator_valid",
                violation_error_message=_("Unknown comparator."),
            ),
            models.CheckConstraint(
                condition=Q(unit__in=Unit.values),
                name="indicators_target_unit_valid",
                violation_error_message=_("Unknown unit."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=TargetState.values),
                name="indicators_target_state_valid",
                violation_error_message=_("Unknown target state."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        comparator=Comparator.RANGE,
                        value_max__isnull=False,
                        value_max__gt=F("value"),
                    )
                    | (~Q(comparator=Comparator.RANGE) & Q(value_max__isnull=True))
                ),
                name="indicators_target_value_max_only_for_range",
                violation_error_message=_(
                    "An upper value is given for a range only, and must be above the value."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(unit=Unit.PERCENT)
                | (
                    Q(value__gte=0, value__lte=100)
                    & (Q(value_max__isnull=True) | Q(value_max__lte=100))
                    & (Q(baseline__isnull=True) | Q(baseline__gte=0, baseline__lte=100))
                ),
                name="indicators_target_percent_within_0_100",
                violation_error_message=_("A share is between 0 and 100%."),
            ),
            models.CheckConstraint(
                condition=~Q(comparator=Comparator.TOP) | Q(unit=Unit.RANK, value__gte=1),
                name="indicators_target_top_is_rank",
                violation_error_message=_("'Within the top N' is a rank of at least 1."),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="indicators_target_value_not_negative",
                violation_error_message=_("A target value cannot be negative."),
            ),
            models.CheckConstraint(
                condition=~Q(state=TargetState.CONFIRMED) | Q(indicator__isnull=False),
                name="indicators_target_confirmed_has_indicator",
                violation_error_message=_("A confirmed target needs an indicator."),
            ),
            models.CheckConstraint(
                condition=(Q(year__isnull=True) | Q(year__gte=2000, year__lte=2100))
                & (
                    Q(baseline_year__isnull=True)
                    | Q(baseline_year__gte=2000, baseline_year__lte=2100)
                ),
                name="indicators_target_years_plausible",
                violation_error_message=_("Years are between 2000 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(baseline_year__isnull=True)
                | Q(year__isnull=True)
                | Q(baseline_year__lt=F("year")),
                name="indicators_target_baseline_before_due",
                violation_error_message=_("The baseline year comes before the year due."),
            ),
            models.CheckConstraint(
                condition=Q(baseline__isnull=True, baseline_year__isnull=True)
                | Q(baseline__isnull=False, baseline_year__isnull=False),
                name="indicators_target_baseline_with_year",
                violation_error_message=_("A baseline needs its year, and a year its value."),
            ),
            models.CheckConstraint(
                condition=~Q(phrase=""),
                name="indicators_target_phrase_not_empty",
                violation_error_message=_("A target keeps the phrase it was read from."),
            ),
            _at_most("phrase", TextLimit.PHRASE),
            _at_most("scope", TextLimit.SCOPE),
        ]
        indexes = [
            models.Index(fields=["state", "indicator"], name="indicators_target_state_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code if self.indicator else '?'} {self.describe()}"

    def describe(self) -> str:
        """ "≥ 50% (2025)", "top 15 (2025)", "25–35%"."""
        unit = "%" if self.unit == Unit.PERCENT else ""
        if self.comparator == Comparator.RANGE:
            text = f"{_num(self.value)}–{_num(self.value_max)}{unit}"
        elif self.comparator == Comparator.TOP:
            text = f"top {_num(self.value)}"
        else:
            sign = {">=": "≥", "<=": "≤", "=": "="}[self.comparator]
            text = f"{sign} {_num(self.value)}{unit}"
        return f"{text} ({self.year})" if self.year else text

    @property
    def due(self) -> dt.date | None:
        """The day the target is due: ``due_on``, else the end of its year."""
        if self.due_on is not None:
            return self.due_on
        return dt.date(self.year, 12, 31) if self.year else None


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


class TargetChange(HistoryRow):
    """History of a target: proposed, confirmed, edited, rejected, read again."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="history")
    action = models.CharField(_("action"), max_length=20, choices=ChangeAction.choices)
    from_state = models.CharField(_("from"), max_length=20, blank=True)
    to_state = models.CharField(_("to"), max_length=20, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), max_length=TextLimit.REASON, blank=True)

    class Meta(HistoryRow.Meta):
        verbose_name = _("target change")
        verbose_name_plural = _("target changes")
        constraints = [_at_most("reason", TextLimit.REASON)]

    def __str__(self) -> str:
        return f"{self.target_id} {self.get_action_display()} {self.at:%Y-%m-%d}"


class MeasurementSource(models.TextChoices):
    REPORT = "report", _("progress report")
    IMPORT = "import", _("imported file")
    COMPUTED = "computed", _("computed")


class Measurement(models.Model):
    """A value of an indicator for a scope and a reporting period (``cchc.scheduling``'s
    periods: kind, label, window), or an explicit "no data" with its reason: never both,
    never neither."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="measurements",
        verbose_name=_("indicator"),
    )
    target = models.ForeignKey(
        Target,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measurements",
        verbose_name=_("target"),
    )
    scope = models.CharField(_("scope"), max_length=TextLimit.SCOPE, blank=True)
    period_kind = models.CharField(_("period kind"), max_length=20)
    period_label = models.CharField(_("period"), max_length=100)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("cut-off"))
    value = models.FloatField(_("value"), null=True, blank=True)
    # The two counts behind a share (ratio-of-sums indicators): several agencies' values of a
    # period combine as sum(numerators) / sum(denominators), not as a mean of their shares.
    numerator = models.FloatField(_("numerator"), null=True, blank=True)
    denominator = models.FloatField(_("denominator"), null=True, blank=True)
    no_data_reason = models.TextField(
        _("reason for no data"), max_length=TextLimit.REASON, blank=True
    )
    source = models.CharField(_("source"), max_length=20, choices=MeasurementSource.choices)
    report = models.ForeignKey(
        "reporting.Report",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="measurements",
        verbose_name=_("progress report"),
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measurements",
        verbose_name=_("agency"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)
    evidence = models.ForeignKey(
        "reporting.Evidence",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("evidence"),
    )
    note = models.TextField(_("note"), max_length=TextLimit.NOTE, blank=True)
    locked = models.BooleanField(_("locked"), default=False)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator", "period_end", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(value__isnull=False) & Q(no_data_reason=""))
                | (Q(value__isnull=True) & ~Q(no_data_reason="")),
                name="indicators_measurement_value_xor_reason",
                violation_error_message=_("A value, or 'no data' with a reason: one of the two."),
            ),
            models.CheckConstraint(
                condition=(Q(numerator__isnull=True) & Q(denominator__isnull=True))
                | (
                    Q(value__isnull=False)
                    & Q(numerator__isnull=False)
                    & Q(denominator__isnull=False)
                    & Q(numerator__gte=0)
                    & Q(denominator__gt=0)
                    & Q(numerator__lte=F("denominator"))
                ),
                name="indicators_measurement_ratio_parts",
                violation_error_message=_(
                    "A numerator and a denominator come together, with a value: "
                    "0 ≤ numerator ≤ denominator, denominator > 0."
                ),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="indicators_measurement_period_order",
                violation_error_message=_("A period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(source__in=MeasurementSource.values),
                name="indicators_measurement_source_valid",
                violation_error_message=_("Unknown source."),
            ),
            models.CheckConstraint(
                condition=~Q(source=MeasurementSource.REPORT) | Q(report__isnull=False),
                name="indicators_measurement_report_source_has_report",
                violation_error_message=_("A value from a report names its report."),
            ),
            models.UniqueConstraint(
                fields=["report", "target"],
                condition=Q(report__isnull=False),
                name="indicators_measurement_one_per_report_target",
                violation_error_message=_("A report gives one value per target."),
            ),
            _at_most("no_data_reason", TextLimit.REASON),
            _at_most("note", TextLimit.NOTE),
            _at_most("scope", TextLimit.SCOPE),
        ]
        indexes = [
            models.Index(
                fields=["indicator", "scope", "period_end"], name="indicators_measurement_series"
            ),
        ]

    def __str__(self) -> str:
        shown = self.no_data_reason if self.value is None else f"{self.value:g}"
        return f"{self.indicator_id} {self.period_label}: {shown}"
