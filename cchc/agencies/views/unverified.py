"""What the secretariat still has to verify against a legal text: registry rows (agencies,
successions, renames), calendar entries and deadline rules, each with what is missing; a
calendar entry or a deadline rule is confirmed here with its legal basis (the actions write
the history)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cchc.accounts import permissions
from cchc.agencies import selectors
from cchc.agencies.actions import AgencyError, confirm_registry_row
from cchc.agencies.models import RegistryConfirmation
from cchc.scheduling.actions import confirm_calendar_day, save_deadline_rule
from cchc.scheduling.forms import ConfirmBasisForm
from cchc.scheduling.models import CalendarDay, DeadlineRule


@login_required
@require_GET
def unverified(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "agencies/unverified.html",
        {
            "rows": selectors.unverified(),
            "can_confirm_days": request.user.has_perm("scheduling.change_calendarday"),
            "can_confirm_rules": request.user.has_perm("scheduling.change_deadlinerule"),
            "can_confirm_registry": permissions.can_confirm_registry(request.user),
            "confirm_form": ConfirmBasisForm(auto_id=False),
        },
    )


@login_required
@require_POST
def confirm(request: HttpRequest, what: str, pk: int) -> HttpResponse:
    """Confirm a calendar entry (``what`` = "day"), a deadline rule ("rule") or a registry row
    ("agency", "succession", "rename") with its legal basis."""
    if what in RegistryConfirmation.Kind.values:
        if not permissions.can_confirm_registry(request.user):
            permissions.deny(request.user, "agencies.confirm_registry")
    else:
        perm = (
            "scheduling.change_calendarday" if what == "day" else "scheduling.change_deadlinerule"
        )
        if what not in ("day", "rule") or not request.user.has_perm(perm):
            permissions.deny(request.user, perm)
    form = ConfirmBasisForm(request.POST)
    user = request.user if request.user.is_authenticated else None
    if not form.is_valid():
        errors = "; ".join(
            f"{form.fields[f].label}: {' '.join(str(m) for m in e)}"
            for f, e in form.errors.items()
            if f in form.fields
        )
        messages.error(request, _("Not confirmed: %(errors)s") % {"errors": errors})
        return redirect(reverse("agencies:unverified"))
    data = form.cleaned_data
    try:
        if what in RegistryConfirmation.Kind.values:
            confirm_registry_row(
                kind=what,
                row_id=pk,
                basis_type=data["basis_type"],
                basis_number=data["basis_number"],
                basis_date=data["basis_date"],
                basis_issuer=data["basis_issuer"],
                basis_url=data["basis_url"],
                reason=data["reason"],
                user=user,
            )
        elif what == "day":
            day = get_object_or_404(CalendarDay, pk=pk)
            confirm_calendar_day(
                row=day,
                basis_number=data["basis_number"],
                basis_date=data["basis_date"],
                basis_issuer=data["basis_issuer"],
                basis_url=data["basis_url"],
                user=user,
                reason=data["reason"],
            )
        else:
            rule = get_object_or_404(DeadlineRule, pk=pk)
            save_deadline_rule(
                rule=rule,
                changes={
                    "basis_number": data["basis_number"],
                    "basis_date": data["basis_date"],
                    "basis_issuer": data["basis_issuer"],
                    "basis_url": data["basis_url"],
                    "confirmed": True,
                    "missing": "",
                },
                user=user,
                reason=data["reason"],
            )
    except ValidationError as error:
        messages.error(
            request, _("Not confirmed: %(errors)s") % {"errors": "; ".join(error.messages)}
        )
    except AgencyError as error:
        messages.error(request, _("Not confirmed: %(errors)s") % {"errors": error})
    else:
        messages.success(request, _("Confirmed with its legal basis."))
    return redirect(reverse("agencies:unverified"))
