"""History rows: the part every app's history shares.

A change of state writes a row (the style guide's "transitions are rows"): who did it, when,
and what changed. ``HistoryRow`` is the who and the when, as every history table has stored
them from the start (``actor``: the account, kept as nobody when the account goes; ``at``:
set on insert), read oldest first. Each model adds its own what: the row it is about, the
action and its choices, from/to, the changed fields, the reason. The helpers here build the
rest of what the models repeat: ``actor_of`` (the account to record for whoever called an
action) and ``one_of`` (the named check that a choice column holds one of its choices).

Subclass it with ``class Meta(HistoryRow.Meta)`` to keep the ordering; override ``at`` or the
ordering where a table differs (``MembershipChange.at`` has a default instead of being set on
insert, newest-first tables order by ``-at``). See docs/architecture.md, "History rows".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class HistoryRow(models.Model):
    """Who and when of one history row (abstract: each app's model adds the what)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]


def actor_of(user: AbstractBaseUser | AnonymousUser | None) -> User | None:
    """The account a history row records for whoever acted: None for the system (a command,
    a migration, a task) or an anonymous caller."""
    return user if isinstance(user, User) else None


def one_of(field: str, values: Iterable[str], message: StrOrPromise) -> models.CheckConstraint:
    """The database's check, named ``<app>_<model>_<field>_valid``, that ``field`` holds one
    of ``values`` (a ``TextChoices``' values)."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": list(values)}),
        name=f"%(app_label)s_%(class)s_{field}_valid",
        violation_error_message=message,
    )
