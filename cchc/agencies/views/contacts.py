"""The people an agency's reminders go to: its members with an e-mail address (read from
their accounts) and its contacts, which the secretariat adds and stops here."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cchc.accounts import permissions
from cchc.accounts.models import Membership
from cchc.agencies import actions
from cchc.agencies.forms import ContactForm
from cchc.agencies.models import Agency, Contact, ContactChange


def _managed_agency(request: HttpRequest, pk: int) -> Agency:
    """The agency, if the user may edit whom its reminders go to (the secretariat)."""
    if not permissions.can_manage_members(request.user):
        raise PermissionDenied
    return get_object_or_404(Agency, pk=pk)


def _render(
    request: HttpRequest, agency: Agency, form: ContactForm, status: int = 200
) -> HttpResponse:
    context: dict[str, Any] = {
        "agency": agency,
        "form": form,
        "contacts": Contact.objects.filter(agency=agency).order_by("-active", "role", "name"),
        "contact_history": ContactChange.objects.filter(agency=agency).select_related("actor")[:50],
        "members": Membership.objects.active()
        .filter(agency=agency, user__is_active=True)
        .select_related("user")
        .order_by("role", "user__username"),
    }
    return render(request, "agencies/contacts.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def agency_contacts(request: HttpRequest, pk: int) -> HttpResponse:
    agency = _managed_agency(request, pk)
    if request.method == "GET":
        return _render(request, agency, ContactForm(auto_id="contact_%s"))
    form = ContactForm(request.POST, auto_id="contact_%s")
    if not form.is_valid():
        return _render(request, agency, form, status=400)
    try:
        contact = actions.add_contact(
            agency=agency,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            by=request.user if request.user.is_authenticated else None,
        )
    except actions.AgencyError as exc:
        form.add_error(None, str(exc))
        return _render(request, agency, form, status=400)
    messages.success(request, _("Contact saved: %(contact)s.") % {"contact": contact})
    return redirect(reverse("agencies:contacts", args=[agency.pk]))


@login_required
@require_POST
def contact_active(request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    """Stop writing to a contact ("active" = "0"), or write to them again ("1")."""
    agency = _managed_agency(request, pk)
    contact = get_object_or_404(Contact, pk=contact_pk, agency=agency)
    active = request.POST.get("active") == "1"
    actions.set_contact_active(
        contact=contact, active=active, by=request.user if request.user.is_authenticated else None
    )
    if active:
        messages.success(request, _("Reminders go to %(contact)s again.") % {"contact": contact})
    else:
        messages.success(
            request, _("Reminders no longer go to %(contact)s.") % {"contact": contact}
        )
    return redirect(reverse("agencies:contacts", args=[agency.pk]))
