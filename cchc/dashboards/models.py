"""The dashboards' computed figures, kept in the database so that every process (each
gunicorn worker, the background worker) shares them (``cchc.dashboards.store``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.plans.models import Plan


class FiguresSnapshot(models.Model):
    """A plan's figures for one year's reporting periods, as last computed: what they were
    read from (``version``, ``day``), when (``as_of``) and the figures themselves (pickled
    ``figures.PlanFigures``, written by this application only). One row per plan and
    periods, replaced by each computation. ``stale_since``: when a page first found it
    older than the data; ``refresh_until``: the lease of the recomputation queued then (at
    most one at a time)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    periods = models.CharField(_("reporting periods"), max_length=32)
    version = models.CharField(_("data version"), max_length=120)
    day = models.DateField(_("day"))
    as_of = models.DateTimeField(_("as of"))
    data = models.BinaryField(_("figures"))
    stale_since = models.DateTimeField(_("stale since"), null=True, blank=True)
    refresh_until = models.DateTimeField(_("recomputation leased until"), null=True, blank=True)

    class Meta:
        verbose_name = _("dashboard figures")
        verbose_name_plural = _("dashboard figures")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "periods"], name="dashboards_figuressnapshot_plan_periods_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}/{self.periods} @ {self.as_of:%Y-%m-%d %H:%M:%S}"
