"""Reorganisations: recording a succession on an agency's page, moving an ended agency's
work to its successors from a plan's page. Both through the actions, errors as form errors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cchc.accounts import permissions
from cchc.agencies import actions
from cchc.agencies.forms import SuccessionForm
from cchc.agencies.models import Agency
from cchc.agencies.views.registry import detail_context
from cchc.plans.models import Plan


def _user(request: HttpRequest) -> AbstractBaseUser | None:
    return request.user if request.user.is_authenticated else None


def _get_agency(pk: int) -> Agency:
    """The one place that decides which agency a logged-in user may read: any of them."""
    return get_object_or_404(Agency, pk=pk)


@login_required
@permissions.require_perm("agencies.add_succession")
@require_POST
def agency_succession(request: HttpRequest, pk: int) -> HttpResponse:
    agency = _get_agency(pk)
    form = SuccessionForm(
        request.POST, predecessor=agency, today=timezone.localdate(), auto_id="succession_%s"
    )
    if form.is_valid():
        try:
            result = actions.record_succession(
                predecessor=agency,
                successors=list(form.cleaned_data["successors"]),
                on=form.cleaned_data["on"],
                kind=form.cleaned_data["kind"],
                legal_basis=form.cleaned_data["legal_basis"],
                user=_user(request),
            )
        except actions.AgencyError as exc:
            form.add_error(None, str(exc))
        else:
            names = ", ".join(s.successor.name for s in result.successions)
            messages.success(
                request,
                ngettext(
                    "Succession recorded: %(agency)s → %(names)s. %(count)s assignment moved.",
                    "Succession recorded: %(agency)s → %(names)s. %(count)s assignments moved.",
                    result.moved,
                )
                % {"agency": agency.name, "names": names, "count": result.moved},
            )
            return redirect(agency)
    context = detail_context(request, pk, form=form)
    return render(request, "agencies/agency_detail.html", context, status=400)


@login_required
@permissions.require_perm("agencies.change_assignment")
@require_POST
def agency_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    """Move every open assignment of an agency that no longer exists to the agencies that
    carry its work today; back to the plan page it was asked from."""
    agency = _get_agency(pk)
    plan_id = request.POST.get("plan", "")
    if not plan_id.isdigit():
        raise Http404
    plan = get_object_or_404(Plan, pk=int(plan_id))
    today = timezone.localdate()
    if agency.is_valid_on(today):
        messages.error(
            request, _("%(agency)s still exists; its work stays with it.") % {"agency": agency}
        )
        return redirect(plan)
    moved = actions.transfer_assignments(
        agency=agency, on=today, user=_user(request), reason=_("Moved from the plan page")
    )
    if moved:
        messages.success(
            request,
            ngettext(
                "%(count)s assignment of %(agency)s moved to its successors.",
                "%(count)s assignments of %(agency)s moved to its successors.",
                moved,
            )
            % {"count": moved, "agency": agency.name},
        )
    else:
        messages.warning(
            request,
            _(
                "Nothing moved: no successor of %(agency)s exists today. Record its "
                "succession on the agency's page first."
            )
            % {"agency": agency.name},
        )
    return redirect(plan)
