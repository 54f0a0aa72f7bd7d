"""The periodic PAR report the province sends to the Ministry of Home Affairs.

``OfficialReport`` is the working copy of one plan's report for one period: its narrative
``ReportSection`` rows, which the secretariat edits before issuing. ``IssuedVersion`` is what
issuing froze: numbered 1, 2, … per report, with its files (DOCX, XLSX annexes, PDF) and the
data snapshot (JSON) they were made from. An issued version is never changed: the model refuses
to save an existing row and the database trigger ``documents_issuedversion_immutable`` refuses
any UPDATE (migration 0002). ``OfficialReportChange`` is the history: created, edited, issued.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cchc.core.history import HistoryRow, one_of
from cchc.plans.models import Plan


class ImmutableVersion(Exception):
    """An issued version was about to be changed."""


class OfficialReport(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="official_reports", verbose_name=_("plan")
    )
    report = models.SlugField(_("report code"), max_length=50, default="par")
    period_kind = models.CharField(_("period kind"), max_length=20)
    period_year = models.PositiveSmallIntegerField(_("year"))
    period_number = models.PositiveSmallIntegerField(_("period number"))
    period_label = models.CharField(_("period"), max_length=100)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("cut-off"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("official report")
        verbose_name_plural = _("official reports")
        ordering = ["-period_end", "plan_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "report", "period_kind", "period_year", "period_number"],
                name="documents_officialreport_one_per_period",
                violation_error_message=_("This plan already has a report for this period."),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="documents_officialreport_period_order",
                violation_error_message=_("A period cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_label} · {self.plan.number or self.plan.title[:40]}"


class ReportSection(models.Model):
    """One narrative text of a report: the overview, one per reform area, the shortcomings,
    the tasks ahead. ``key`` names it ("overview", "area-<node id>", …)."""

    official_report = models.ForeignKey(
        OfficialReport, on_delete=models.CASCADE, related_name="sections"
    )
    key = models.CharField(_("key"), max_length=50)
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=500)
    text = models.TextField(_("text"), max_length=20_000, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        ordering = ["official_report", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["official_report", "key"],
                name="documents_reportsection_unique_key",
                violation_error_message=_("The report already has this section."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class IssuedVersion(models.Model):
    official_report = models.ForeignKey(
        OfficialReport, on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    document_number = models.CharField(_("document number"), max_length=50)
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    snapshot = models.JSONField(_("data"))
    docx = models.BinaryField(_("DOCX"))
    xlsx = models.BinaryField(_("XLSX annexes"))
    pdf = models.BinaryField(_("PDF"))
    sha256 = models.CharField(_("SHA-256 of the DOCX"), max_length=64)

    class Meta:
        verbose_name = _("issued version")
        verbose_name_plural = _("issued versions")
        ordering = ["official_report", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["official_report", "number"],
                name="documents_issuedversion_unique_number",
                violation_error_message=_(
                    "This version number is taken: versions never overwrite."
                ),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="documents_issuedversion_number_positive",
                violation_error_message=_("Versions are numbered from 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.official_report} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The model's guard; the database trigger is the other (see the module docstring).
        if self.pk is not None and not self._state.adding:
            raise ImmutableVersion(f"issued version {self.pk} cannot be changed")
        super().save(*args, **kwargs)


class ChangeAction(models.TextChoices):
    CREATED = "created", _("Created")
    EDITED = "edited", _("Sections edited")
    ISSUED = "issued", _("Issued")


class OfficialReportChange(HistoryRow):
    official_report = models.ForeignKey(
        OfficialReport, on_delete=models.CASCADE, related_name="history"
    )
    action = models.CharField(_("action"), max_length=20, choices=ChangeAction.choices)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta(HistoryRow.Meta):
        verbose_name = _("official report change")
        verbose_name_plural = _("official report changes")
        ordering = ["official_report", "at", "pk"]
        constraints = [
            one_of("action", ChangeAction.values, _("Unknown action.")),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.at:%Y-%m-%d %H:%M}"
