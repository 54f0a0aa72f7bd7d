"""The secretariat's buttons: generate a plan's obligations, send the reminders due today.
Both post, call the one action that does the work, and go back with a message. Reminders
are confirmed first: the button opens a page that says whom they will go to, for which
periods and agencies (``plan_reminders``), and sending is a post from that page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cchc.accounts import permissions
from cchc.scheduling.forms import GenerateForm
from cchc.scheduling.obligations import generate_obligations
from cchc.scheduling.reminders import plan_reminders, send_reminders
from cchc.scheduling.views import common


def _back(request: HttpRequest) -> HttpResponse:
    """To the page the button was on, if it is one of ours; else to "what is due"."""
    return redirect(_safe_next(request, request.POST.get("next", "")))


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
        user=request.user if request.user.is_authenticated else None,
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
    if result.kept_unexpected:
        messages.warning(
            request,
            _(
                "%(count)s reports no longer apply but were kept because they were filed or "
                "started: see “No longer expected” on the period's page."
            )
            % {"count": len(result.kept_unexpected)},
        )
    return _back(request)


def _safe_next(request: HttpRequest, target: str) -> str:
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("scheduling:due")


@login_required
@permissions.require_perm("scheduling.add_reminder")
@require_http_methods(["GET", "POST"])
def remind(request: HttpRequest) -> HttpResponse:
    """GET: what would be sent today and to whom; POST (from that page): send it."""
    if request.method == "GET":
        context = {
            "plan": plan_reminders(on=common.today()),
            "next": _safe_next(request, request.GET.get("next", "")),
        }
        return render(request, "scheduling/remind_confirm.html", context)
    result = send_reminders(on=common.today())
    messages.success(
        request,
        _(
            "Reminders: %(sent)s sent, %(skipped)s already sent before, %(no_contact)s not "
            "sent because the agency has no contact."
        )
        % {"sent": result.sent, "skipped": result.skipped, "no_contact": result.no_contact},
    )
    if result.sent_to:
        messages.info(
            request,
            _("Written to: %(whom)s")
            % {
                "whom": "; ".join(
                    f"{agency} ({count}): {', '.join(recipients)}"
                    for agency, _stage, count, recipients in result.sent_to
                )
            },
        )
    return _back(request)
