"""A user's notifications: what happened that is theirs to know or to act on (a report
returned, approved, waiting for their sign-off, a reminder), each linking to its object.

Rows are written only by ``cchc.notifications.actions.notify`` (called by the workflow's
actions and by the reminders, inside their transaction) and read by their recipient alone.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The longest summary line and comment kept with a notification.
TEXT_MAX = 500
COMMENT_MAX = 2000
URL_MAX = 500


class NotificationKind(models.TextChoices):
    RETURNED = "returned", _("Report returned for changes")
    APPROVED = "approved", _("Report approved")
    REOPENED = "reopened", _("Approved report reopened")
    SIGN_OFF_REQUESTED = "sign_off_requested", _("Report awaiting your sign-off")
    SIGN_OFF_DECLINED = "sign_off_declined", _("Sign-off declined")
    SIGNED_OFF = "signed_off", _("Report signed off")
    REMINDER = "reminder", _("Reminder")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    # The object it links to: a report (when there is one) and the page to open.
    report = models.ForeignKey(
        "reporting.Report",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("report"),
    )
    url = models.CharField(_("link"), max_length=URL_MAX)
    text = models.CharField(_("text"), max_length=TEXT_MAX)
    comment = models.TextField(_("comment"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects: ClassVar[NotificationQuerySet] = NotificationQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The bell's unread count and the inbox's unread rows.
            models.Index(fields=["recipient", "read_at"], name="notif_recipient_read"),
            # The inbox, newest first.
            models.Index(fields=["recipient", "-created_at"], name="notif_recipient_newest"),
            # The pruning command.
            models.Index(fields=["created_at"], name="notif_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=NotificationKind.values),
                name="notifications_kind_valid",
                violation_error_message=_("Notification: unknown kind."),
            ),
            models.CheckConstraint(
                condition=Q(url__startswith="/"),
                name="notifications_url_local",
                violation_error_message=_("Notification: the link must be a page of the site."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
