"""Whether an agency's reports need its head's sign-off: read by whoever sees the agency,
changed by its head or the secretariat (``cchc.reporting.signoff.set_sign_off``)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from cchc.accounts import permissions
from cchc.agencies.models import Agency
from cchc.api import access
from cchc.api.errors import answers
from cchc.api.schemas import In, Reason
from cchc.reporting.models import SignOffSetting
from cchc.reporting.signoff import set_sign_off

router = Router(tags=["sign-off"])


class SignOffSettingOut(Schema):
    agency_id: int
    agency: str
    required: bool


class SignOffSettingIn(In):
    required: bool
    reason: Reason = ""


def _agency(request: HttpRequest, agency_id: int) -> Agency:
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None or not permissions.can_see_agency(request.user, agency_id):
        permissions.deny(request.user, "agency", hide=True, message=_("No such agency."))
    return agency


def _out(agency: Agency) -> SignOffSettingOut:
    return SignOffSettingOut(
        agency_id=agency.pk,
        agency=agency.name,
        required=SignOffSetting.objects.is_required(agency.pk),
    )


@router.get("/{int:agency_id}", response=answers({200: SignOffSettingOut}))
def get_setting(request: HttpRequest, agency_id: int) -> SignOffSettingOut:
    return _out(_agency(request, agency_id))


@router.put(
    "/{int:agency_id}",
    response=answers({200: SignOffSettingOut}, 400, 403),
)
def put_setting(
    request: HttpRequest, agency_id: int, payload: SignOffSettingIn
) -> SignOffSettingOut:
    """Ask (``required: true``) or stop asking for the head's sign-off. Asking needs an
    active head among the agency's members."""
    agency = _agency(request, agency_id)
    access.check_can_set_sign_off(request, agency.pk)
    set_sign_off(
        agency=agency, required=payload.required, by=access.actor(request), reason=payload.reason
    )
    return _out(agency)
