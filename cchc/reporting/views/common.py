"""What the reporting views share: the day they take as today, and the one permission lookup
of an obligation."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from django.utils import timezone

from cchc.accounts import permissions
from cchc.reporting import selectors
from cchc.scheduling.models import Obligation


def today() -> dt.date:
    """The local date the pages work on (tests set it here)."""
    return timezone.localdate()


def actor(request: HttpRequest) -> AbstractBaseUser | None:
    """Who takes the step (the views are all behind ``login_required``)."""
    user = request.user
    return user if isinstance(user, AbstractBaseUser) else None


def visible_obligation(request: HttpRequest, pk: int) -> Obligation:
    """The obligation, if the user may see its agency's work; else 404, so that guessing an
    address tells nothing."""
    obligation = selectors.obligation_for(pk)
    if obligation is None or not permissions.can_see_agency(request.user, obligation.agency_id):
        permissions.deny(request.user, "obligation", hide=True)
    return obligation


def writable_obligation(request: HttpRequest, pk: int) -> Obligation:
    """The obligation, if the user files for its agency; 404 if they cannot see it, 403 if
    they can see it but not write it."""
    obligation = visible_obligation(request, pk)
    if not permissions.can_file_for(request.user, obligation.agency_id):
        permissions.deny(request.user, "file a report")
    return obligation
