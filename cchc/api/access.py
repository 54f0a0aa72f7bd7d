"""The one lookup per object type every endpoint goes through. It asks the same permission
helpers as the web pages (``cchc.accounts.permissions``): what a user may not see does not
exist for them (404); what they see but may not change is refused (403)."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from django.utils.translation import gettext as _

from cchc.accounts import permissions
from cchc.reporting.models import Report
from cchc.scheduling.models import Obligation, ObligationQuerySet


def actor(request: HttpRequest) -> AbstractBaseUser | None:
    """Who the actions record as having taken the step."""
    return request.user if isinstance(request.user, AbstractBaseUser) else None


def visible_obligations(request: HttpRequest) -> ObligationQuerySet:
    """The obligations of the agencies the user may see."""
    rows = Obligation.objects.select_related("activity", "agency", "progress_report")
    if permissions.sees_everything(request.user):
        return rows
    return rows.filter(agency_id__in=permissions.agencies_of(request.user))


def get_obligation(request: HttpRequest, obligation_id: int) -> Obligation:
    obligation = (
        Obligation.objects.select_related("activity", "agency", "progress_report")
        .filter(pk=obligation_id)
        .first()
    )
    if obligation is None or not permissions.can_see_agency(request.user, obligation.agency_id):
        permissions.deny(request.user, "obligation", hide=True, message=_("No such obligation."))
    return obligation


def get_report(request: HttpRequest, report_id: int) -> Report:
    report = (
        Report.objects.select_related("obligation__agency", "obligation__activity")
        .filter(pk=report_id)
        .first()
    )
    if report is None or not permissions.can_see_agency(request.user, report.obligation.agency_id):
        permissions.deny(request.user, "report", hide=True, message=_("No such report."))
    return report


def check_can_file(request: HttpRequest, obligation: Obligation) -> None:
    if not permissions.can_file_for(request.user, obligation.agency_id):
        permissions.deny(
            request.user, "file", message=_("Only the agency's focal point writes its reports.")
        )


def check_can_review(request: HttpRequest) -> None:
    if not permissions.can_review(request.user):
        permissions.deny(request.user, "review", message=_("Only the secretariat reviews reports."))


def check_can_sign_off(request: HttpRequest, obligation: Obligation) -> None:
    if not permissions.can_sign_off_for(request.user, obligation.agency_id):
        permissions.deny(
            request.user, "sign off", message=_("Only the agency's head signs off its reports.")
        )


def check_can_set_sign_off(request: HttpRequest, agency_id: int) -> None:
    if not permissions.can_set_sign_off(request.user, agency_id):
        permissions.deny(
            request.user,
            "sign-off setting",
            message=_("Only the agency's head or the secretariat decides on the head's sign-off."),
        )
