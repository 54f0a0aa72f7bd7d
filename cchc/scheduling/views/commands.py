"""The secretariat's buttons: generate a plan's obligations, send the reminders due today.
Both post, call the one action that does the work, and go back with a message."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.accounts import permissions
from cchc.scheduling.forms import GenerateForm
from cchc.scheduling.obligations import generate_obligations
from cchc.scheduling.reminders import send_reminders
from cchc.scheduling.views import common


def _back(request: HttpRequest) -> HttpResponse:
    """To the page the button was on, if it is one of ours; else to "what is due"."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("scheduling:due")
    return redirect(target)


@login_required
@permissions.require_perm("scheduling.change_obligation")
@require_POST
def generate(request: HttpRequest) -> HttpResponse:
    form = GenerateForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        messages.error(request, _("Nothing generated: %(errors)s") % {"errors": errors})
        return _back(request)
    plan = form.cleaned_data["plan"]
    result = generate_obligations(
        plan=plan,
        since=form.cleaned_data["since"],
        until=form.cleaned_data["until"],
        on=common.today(),
    )
    messages.success(
        request,
        _(
            "Obligations of %(plan)s: %(created)s created, %(updated)s updated, %(removed)s "
            "removed, %(unchanged)s unchanged, %(filed)s filed reports kept; %(unscheduled)s "
            "activities have no calendar."
        )
        % {
            "plan": plan.number or plan.title[:80],
            "created": result.created,
            "updated": result.updated,
            "removed": result.removed,
            "unchanged": result.unchanged,
            "filed": result.filed_kept,
            "unscheduled": result.unscheduled,
        },
    )
    return _back(request)


@login_required
@permissions.require_perm("scheduling.add_reminder")
@require_POST
def remind(request: HttpRequest) -> HttpResponse:
    result = send_reminders(on=common.today())
    messages.success(
        request,
        _(
            "Reminders: %(sent)s sent, %(skipped)s already sent before, %(no_contact)s not "
            "sent because the agency has no contact."
        )
        % {"sent": result.sent, "skipped": result.skipped, "no_contact": result.no_contact},
    )
    return _back(request)
