"""The secretariat's open-data pages: what is public, building, approving and publishing
releases (``can_manage_open_data``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cchc.accounts import permissions
from cchc.indicators.models import Indicator
from cchc.opendata import selectors
from cchc.opendata.actions import (
    ReleaseError,
    approve_release,
    build_release,
    publish_release,
    set_publication,
)
from cchc.opendata.forms import ApproveForm, BuildForm, PublicationForm
from cchc.opendata.models import Release, Subject
from cchc.plans.models import Plan

manager = permissions.require(permissions.can_manage_open_data, "open data")


def _user(request: HttpRequest) -> AbstractBaseUser:
    user = request.user
    assert isinstance(user, AbstractBaseUser)
    return user


@login_required
@manager
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    pub = selectors.published()
    return render(
        request,
        "opendata/manage.html",
        {
            "plans": list(Plan.objects.order_by("-issued_on", "pk")),
            "indicators": list(Indicator.objects.order_by("code")),
            "pub": pub,
            "releases": list(
                Release.objects.select_related("built_by", "approved_by", "published_by")
            ),
            "history": list(selectors.history()[:20]),
            "build_form": BuildForm(initial={"year": timezone.localdate().year}),
        },
    )


@login_required
@manager
@require_POST
def publication(request: HttpRequest) -> HttpResponse:
    form = PublicationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to show or hide."))
        return redirect("opendata:manage")
    data = form.cleaned_data
    subject = data["subject"]
    if subject == Subject.INDICATOR:
        indicator = get_object_or_404(Indicator, pk=data["object_id"])
        set_publication(
            subject=subject,
            indicator=indicator,
            public=data["public"],
            user=_user(request),
            reason=data["reason"],
        )
    else:
        plan = get_object_or_404(Plan, pk=data["object_id"])
        set_publication(
            subject=subject,
            plan=plan,
            public=data["public"],
            user=_user(request),
            reason=data["reason"],
        )
    messages.success(
        request,
        _("Saved: the public pages show it now.")
        if data["public"]
        else _("Saved: the public pages no longer show it."),
    )
    return redirect("opendata:manage")


@login_required
@manager
@require_POST
def build(request: HttpRequest) -> HttpResponse:
    form = BuildForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a period and a year."))
        return redirect("opendata:manage")
    try:
        release = build_release(
            period_key=form.cleaned_data["period"],
            year=form.cleaned_data["year"],
            user=_user(request),
            changelog=form.cleaned_data["changelog"],
        )
    except ReleaseError as error:
        messages.error(request, error.message)
        return redirect("opendata:manage")
    messages.success(request, _("Draft release built."))
    return redirect("opendata:manage_release", pk=release.pk)


@login_required
@manager
@require_GET
def manage_release(request: HttpRequest, pk: int) -> HttpResponse:
    release = get_object_or_404(
        Release.objects.select_related("built_by", "approved_by", "published_by"), pk=pk
    )
    return render(
        request,
        "opendata/manage_release.html",
        {"release": release, "approve_form": ApproveForm(initial={"changelog": release.changelog})},
    )


@login_required
@manager
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    release = get_object_or_404(Release, pk=pk)
    form = ApproveForm(request.POST)
    changelog = form.cleaned_data["changelog"] if form.is_valid() else None
    try:
        approve_release(release=release, user=_user(request), changelog=changelog)
    except ReleaseError as error:
        messages.error(request, error.message)
        for line in error.errors[:20]:
            messages.error(request, line)
    else:
        messages.success(request, _("Release approved."))
    return redirect("opendata:manage_release", pk=pk)


@login_required
@manager
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    release = get_object_or_404(Release, pk=pk)
    try:
        publish_release(release=release, user=_user(request))
    except ReleaseError as error:
        messages.error(request, error.message)
        for line in error.errors[:20]:
            messages.error(request, line)
    else:
        messages.success(request, _("Release published."))
    return redirect("opendata:manage_release", pk=pk)
