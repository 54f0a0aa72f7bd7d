"""The inbox: the user's notifications, newest first; opening one marks it read and goes to
its object; "mark all read" (POST). Another user's notification does not exist (404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cchc.accounts import permissions
from cchc.notifications import actions, selectors

PAGE_SIZE = 50


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.inbox(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/inbox.html",
        {"page": page, "notifications": list(page.object_list)},
    )


@login_required
@require_GET
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    notification = selectors.own_notification(user=request.user, pk=pk)
    if notification is None:
        permissions.deny(request.user, "notification", hide=True)
    actions.mark_read(notification=notification)
    target = notification.url
    if not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        target = "/"
    return redirect(target)


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    count = actions.mark_all_read(user=request.user)  # type: ignore[arg-type]
    messages.success(request, _("%(count)s notifications marked read.") % {"count": count})
    return redirect("notifications:inbox")
