"""What the public sees and the open-data releases.

- ``Publication``: whether one thing is public: a plan's progress, a plan's targets, or an
  indicator's series. The latest row per subject holds; the rows are the history (who, when,
  why), written only by ``actions.set_publication``.
- ``Release``: a versioned open-data release of one reporting period (draft → approved →
  published, who and when for each step, a changelog). A published release is immutable: the
  database refuses to change or delete it (trigger ``opendata_release_published_immutable``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cchc.core.history import HistoryRow


class Subject(models.TextChoices):
    PLAN = "plan", _("plan progress")
    TARGETS = "targets", _("plan targets")
    INDICATOR = "indicator", _("indicator series")


class Publication(HistoryRow):
    """One decision to show or hide a subject publicly; the latest per subject holds."""

    subject = models.CharField(
        pgettext_lazy("open data", "subject"), max_length=20, choices=Subject.choices
    )
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plan"),
    )
    indicator = models.ForeignKey(
        "indicators.Indicator",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indicator"),
    )
    public = models.BooleanField(pgettext_lazy("open data", "public"))
    reason = models.TextField(_("reason"), max_length=2000, blank=True)

    class Meta(HistoryRow.Meta):
        verbose_name = pgettext_lazy("open data", "publication")
        verbose_name_plural = pgettext_lazy("open data", "publications")
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(subject__in=[Subject.PLAN, Subject.TARGETS])
                    & Q(plan__isnull=False)
                    & Q(indicator__isnull=True)
                )
                | (
                    Q(subject=Subject.INDICATOR) & Q(plan__isnull=True) & Q(indicator__isnull=False)
                ),
                name="opendata_publication_one_subject",
                violation_error_message=_("A plan, or an indicator: one of the two."),
            ),
        ]
        indexes = [
            models.Index(fields=["subject", "plan", "-at"], name="opendata_pub_plan_idx"),
            models.Index(fields=["subject", "indicator", "-at"], name="opendata_pub_ind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} {self.plan_id or self.indicator_id}: {self.public}"


class ReleaseState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("open data", "draft")
    APPROVED = "approved", pgettext_lazy("open data", "approved")
    PUBLISHED = "published", pgettext_lazy("open data", "published")


class Release(models.Model):
    """One version of the open data of a reporting period: its files live under
    ``CCHC_DATA_DIR/opendata/<directory>/``, described by their ``datapackage.json``."""

    period_kind = models.CharField(_("period kind"), max_length=20)
    period_number = models.PositiveSmallIntegerField(pgettext_lazy("open data", "period number"))
    year = models.PositiveSmallIntegerField(pgettext_lazy("open data", "year"))
    period_label = models.CharField(_("period"), max_length=100)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("cut-off"))
    version = models.PositiveIntegerField(_("version"))
    state = models.CharField(
        _("state"), max_length=20, choices=ReleaseState.choices, default=ReleaseState.DRAFT
    )
    changelog = models.TextField(
        pgettext_lazy("open data", "changelog"), max_length=5000, blank=True
    )
    directory = models.CharField(pgettext_lazy("open data", "directory"), max_length=200)
    # The files: [{"name", "path", "format", "mediatype", "bytes", "hash", "title"}].
    files = models.JSONField(pgettext_lazy("open data", "files"), default=list)
    counts = models.JSONField(pgettext_lazy("open data", "rows"), default=dict)
    validation_errors = models.JSONField(
        pgettext_lazy("open data", "validation errors"), default=list, blank=True
    )
    built_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("open data", "built by"),
    )
    built_at = models.DateTimeField(pgettext_lazy("open data", "built at"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("open data", "approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("open data", "published by"),
    )
    published_at = models.DateTimeField(
        pgettext_lazy("open data", "published at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("open-data release")
        verbose_name_plural = _("open-data releases")
        ordering = ["-year", "-period_end", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["period_kind", "period_number", "year", "version"],
                name="opendata_release_unique_version",
            ),
            models.CheckConstraint(
                condition=Q(state__in=ReleaseState.values),
                name="opendata_release_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(state=ReleaseState.DRAFT)
                | Q(approved_at__isnull=False, approved_by__isnull=False),
                name="opendata_release_approved_has_who_when",
            ),
            models.CheckConstraint(
                condition=~Q(state=ReleaseState.PUBLISHED) | Q(published_at__isnull=False),
                name="opendata_release_published_has_when",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_label} v{self.version}"

    @property
    def slug(self) -> str:
        """The CKAN package name: lowercase ASCII, digits, dashes."""
        return f"cchc-{self.year}-{self.period_kind}-{self.period_number}-v{self.version}"
