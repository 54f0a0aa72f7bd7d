"""Who belongs to which agency in which role, the history of those memberships, and the
security log (logins, lockouts, two-factor and role changes, refused requests).

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
from cchc.core.history import HistoryRow


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("PAR secretariat (Department of Home Affairs)")
    FOCAL_POINT = "focal_point", _("Focal point")
    HEAD = "head", _("Head of agency")
    LEADER = "leader", _("Provincial leader")
    ADMINISTRATOR = "administrator", _("Administrator")


# The PAR secretariat is the provincial Department of Home Affairs: in the registry, the agency
# whose code is "so-noi-vu" under a province's prefix ("bg.so-noi-vu", "bn.so-noi-vu"). The
# secretariat role exists only there (``add_member``, and the database trigger of migration
# ``0006_secretariat_only_in_home_affairs``).
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


class MembershipChange(HistoryRow):
    """One row per change of a membership: who changed what, when, and why."""

    class Action(models.TextChoices):
        ADDED = "added", _("Added")
        ENDED = "ended", _("Ended")

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="changes", verbose_name=_("membership")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    # A default, not set on insert as ``HistoryRow.at`` is: the table has always had it so.
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)

    class Meta(HistoryRow.Meta):
        verbose_name = _("membership change")
        verbose_name_plural = _("membership changes")

    def __str__(self) -> str:
        return f"{self.membership} · {self.get_action_display()} · {self.at:%Y-%m-%d %H:%M}"


class SecurityEventKind(models.TextChoices):
    """What a ``SecurityEvent`` records."""

    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Login failed")
    LOCKED_OUT = "locked_out", _("Locked out")
    LOGOUT = "logout", _("Logged out")
    SESSION_ENDED = "session_ended", _("Session ended (timeout)")
    TWO_FACTOR_FAILED = "two_factor_failed", _("Two-factor code refused")
    TWO_FACTOR_ENROLLED = "two_factor_enrolled", _("Two-factor login set up")
    TWO_FACTOR_RESET = "two_factor_reset", _("Two-factor devices reset")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PASSWORD_RESET_REQUESTED = "password_reset_requested", _("Password reset requested")
    MEMBERSHIP_CHANGED = "membership_changed", _("Role or membership changed")
    DENIED = "denied", _("Access denied")


class SecurityEvent(models.Model):
    """One security-relevant event: a login, a failure, a lockout, a two-factor change, a role
    change, a refused request. Written by ``cchc.accounts.security_log.record`` only; read in
    the admin by administrators; pruned by ``cchc prune-security-events``."""

    Kind = SecurityEventKind

    at = models.DateTimeField(_("at"), default=timezone.now)
    kind = models.CharField(_("event"), max_length=32, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["at"], name="accounts_security_event_at"),
            models.Index(fields=["username", "at"], name="accounts_security_by_username"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SecurityEventKind.values),
                name="accounts_security_event_kind_valid",
                violation_error_message=_("Unknown security event."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.kind} {self.username or '-'}"
