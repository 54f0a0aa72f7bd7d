"""What every app shares: the background task queue (``cchc.core.tasks``)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TaskState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Task(models.Model):
    """One piece of background work: a registered function (``name``) and its keyword
    arguments, written in the transaction of the change that asks for it (a rolled-back
    change asks for nothing) and run by ``cchc worker`` outside any request."""

    name = models.CharField(_("task"), max_length=200)
    kwargs = models.JSONField(_("arguments"), default=dict)
    state = models.CharField(
        _("state"), max_length=10, choices=TaskState.choices, default=TaskState.QUEUED
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveIntegerField(_("maximum attempts"), default=3)
    # Not before this time (retries wait longer each time).
    run_after = models.DateTimeField(_("run after"), default=timezone.now)
    # A running task whose worker died is taken again once this has passed.
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("background task")
        verbose_name_plural = _("background tasks")
        indexes = [
            models.Index(
                fields=["run_after"],
                condition=Q(state__in=["queued", "running"]),
                name="core_task_pending",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_attempts__gte=1), name="core_task_max_attempts_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} #{self.pk} ({self.state})"


class CacheVersion(models.Model):
    """The version of something pages cache (``cchc.core.versions``): changed in the
    transaction of every change that makes the cached copies stale, read by the pages in one
    query; a cached copy is stored under the version it was made from."""

    key = models.CharField(_("key"), max_length=100, unique=True)
    value = models.BigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("cache version")
        verbose_name_plural = _("cache versions")

    def __str__(self) -> str:
        return f"{self.key}={self.value}"
