"""The navigation's work queues and bell, on every page (computed once, when a template
first reads them)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from cchc.notifications import selectors


def work_queues(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"work_queues": SimpleLazyObject(lambda: selectors.work_queues(user=user))}
