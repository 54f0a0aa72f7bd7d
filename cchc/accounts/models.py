"""Who belongs to which agency in which role, the history of those memberships, and the login
attempts the lockout counts.

A user may hold several memberships (a focal point of one agency who is also its head). What a
user may see and do is answered by ``cchc.accounts.permissions``; memberships change only through
``cchc.accounts.actions``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.agencies.models import Agency


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("PAR secretariat (Department of Home Affairs)")
    FOCAL_POINT = "focal_point", _("Focal point")
    HEAD = "head", _("Head of agency")
    LEADER = "leader", _("Provincial leader")
    ADMINISTRATOR = "administrator", _("Administrator")


# The PAR secretariat is the provincial Department of Home Affairs: in the registry, the agency
# whose code is "so-noi-vu" under a province's prefix ("bg.so-noi-vu", "bn.so-noi-vu"). The
# secretariat role exists only there (``add_member``, and the database trigger of migration
# ``0004_secretariat_only_in_home_affairs``).
SECRETARIAT_AGENCY_CODE = "so-noi-vu"


def is_secretariat_agency(code: str) -> bool:
    """Whether the agency with this registry code is the PAR secretariat (Sở Nội vụ)."""
    return code == SECRETARIAT_AGENCY_CODE or code.endswith("." + SECRETARIAT_AGENCY_CODE)


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(active=True)


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("agency")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    active = models.BooleanField(_("active"), default=True)
    since = models.DateTimeField(_("since"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["agency", "role", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"],
                condition=Q(active=True),
                name="accounts_membership_one_active",
                violation_error_message=_("This person already has this role in this agency."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=Role.values),
                name="accounts_membership_role_valid",
                violation_error_message=_("Unknown role."),
            ),
            models.CheckConstraint(
                condition=Q(active=True) | Q(ended_at__isnull=False),
                name="accounts_membership_ended_has_date",
                violation_error_message=_("An ended membership needs the time it ended."),
            ),
        ]
        indexes = [
            models.Index(fields=["user", "active"], name="accounts_membership_by_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.agency}"


class MembershipChange(models.Model):
    """One row per change of a membership: who changed what, when, and why."""

    class Action(models.TextChoices):
        ADDED = "added", _("Added")
        ENDED = "ended", _("Ended")

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="changes", verbose_name=_("membership")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("membership change")
        verbose_name_plural = _("membership changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.membership} · {self.get_action_display()} · {self.at:%Y-%m-%d %H:%M}"


class LoginAttempt(models.Model):
    """A login attempt, counted by ``cchc.accounts.lockout``. ``refused`` attempts came while
    the username or address was locked out; they are kept for the record but do not extend the
    lockout."""

    username = models.CharField(_("username"), max_length=150)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)
    succeeded = models.BooleanField(_("succeeded"), default=False)
    refused = models.BooleanField(_("refused (locked out)"), default=False)

    class Meta:
        verbose_name = _("login attempt")
        verbose_name_plural = _("login attempts")
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["username", "at"], name="accounts_attempt_by_username"),
            models.Index(fields=["ip", "at"], name="accounts_attempt_by_ip"),
        ]

    def __str__(self) -> str:
        return f"{self.username} {self.ip or '-'} {self.at:%Y-%m-%d %H:%M:%S}"
