"""What the scheduling views share: the day they take as today."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    """The local date every page and button of the app works on (tests set it here)."""
    return timezone.localdate()
