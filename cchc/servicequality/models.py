"""Scoring rules of the 766 indicators (dated, editable) and the rollups the pages read."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScoringRuleQuerySet(models.QuerySet["ScoringRule"]):
    def in_force(self, on: dt.date) -> ScoringRuleQuerySet:
        return self.filter(valid_from__lte=on).order_by("code", "-valid_from")


class ScoringRule(models.Model):
    """How an indicator is scored from a date on: ``max_points × min(1, rate / threshold)``."""

    code = models.CharField(_("indicator code"), max_length=20)
    name = models.CharField(_("name"), max_length=300)
    group = models.PositiveSmallIntegerField(_("group"))
    max_points = models.DecimalField(_("maximum points"), max_digits=6, decimal_places=2)
    threshold = models.DecimalField(_("threshold (%)"), max_digits=6, decimal_places=2)
    valid_from = models.DateField(_("valid from"))
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    confirmed = models.BooleanField(
        _("confirmed"), default=False, help_text=_("The figures are confirmed from the legal text.")
    )
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScoringRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("scoring rule")
        verbose_name_plural = _("scoring rules")
        ordering = ["code", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "valid_from"], name="servicequality_rule_code_from_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(max_points__gte=0) & models.Q(threshold__gte=0),
                name="servicequality_rule_nonnegative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.valid_from.isoformat()})"


class Rollup(models.Model):
    """Numerator and denominator of one measure for an agency × level × period.

    Periods are calendar months ("2026-01"), quarters ("2026-Q1"), years ("2026") and the
    Nghị định 09 windows ("ND09-Q1-2026", …): on-time and Biểu 06 counts of a quarter are not
    the sum of its months (a dossier open across months counts in each), so each is kept."""

    province_code = models.CharField(max_length=10)
    agency_code = models.CharField(max_length=50)
    level = models.CharField(max_length=20)
    period = models.CharField(max_length=30)
    kind = models.CharField(max_length=20)
    start = models.DateField()
    end = models.DateField(help_text="The last day of the period.")
    measure = models.CharField(max_length=30)
    numerator = models.BigIntegerField(default=0)
    denominator = models.BigIntegerField(default=0)
    refreshed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["province_code", "agency_code", "level", "period", "measure"],
                name="servicequality_rollup_key_unique",
            )
        ]
        indexes = [
            models.Index(fields=["period", "measure"], name="sq_rollup_period_measure"),
            models.Index(fields=["kind", "start"], name="sq_rollup_kind_start"),
            models.Index(fields=["agency_code", "period"], name="sq_rollup_agency_period"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_code} {self.period} {self.measure}"


class RollupPeriod(models.Model):
    """A period whose rollups of a province are complete: computed whole by a full refresh and
    kept current since by incremental ones (``province_code`` "" = every province). An
    incremental refresh adds the changes of dossiers to these periods only; a period without
    this row is computed whole first."""

    province_code = models.CharField(max_length=10)
    period = models.CharField(max_length=30)
    kind = models.CharField(max_length=20)
    start = models.DateField()
    end = models.DateField(help_text="The last day of the period.")
    refreshed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["province_code", "period"], name="servicequality_rollupperiod_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.province_code or '*'} {self.period}"


class RefreshMode(models.TextChoices):
    FULL = "full", _("full")
    INCREMENTAL = "incremental", _("incremental")


class RefreshRun(models.Model):
    """History of rollup refreshes: full (periods recomputed whole) or incremental (the changes
    of ``dossiers`` dossiers added to ``periods``); which months and periods, how many rows
    written, how long."""

    at = models.DateTimeField(auto_now_add=True)
    mode = models.CharField(max_length=12, choices=RefreshMode.choices, default=RefreshMode.FULL)
    province_code = models.CharField(max_length=10, blank=True)
    months = models.JSONField(default=list)
    periods = models.JSONField(default=list)
    dossiers = models.PositiveIntegerField(default=0)
    rows = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    trigger = models.CharField(max_length=20)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["-at"], name="sq_refresh_at")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(mode__in=["full", "incremental"]),
                name="servicequality_refresh_mode_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.trigger}"
