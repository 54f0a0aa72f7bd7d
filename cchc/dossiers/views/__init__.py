"""The dossier pages: the list with its filters (``selectors.Filters``) and a dossier with its
events. For the secretariat, leaders and administrators (every agency) and agencies' members
(their own agencies)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cchc.accounts import permissions
from cchc.agencies.models import Agency
from cchc.dossiers import selectors
from cchc.dossiers.models import Channel, Level

PAGE_SIZE = 50


@login_required
@require_GET
@permissions.require(permissions.can_see_dossiers, "dossiers")
def dossier_list(request: HttpRequest) -> HttpResponse:
    filters = selectors.Filters.read(request.GET)
    rows = selectors.dossier_list(request.user, filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    agencies = permissions.dossier_agencies(request.user)
    choices = Agency.objects.order_by("name")
    if agencies is not None:
        choices = choices.filter(pk__in=agencies)
    return render(
        request,
        "dossiers/dossier_list.html",
        {
            "page": page,
            "filters": filters,
            "query": urlencode(filters.as_query()),
            "agencies": choices.only("id", "name", "short_name"),
            "levels": Level.choices,
            "channels": Channel.choices,
            "states": [
                ("open", _("open")),
                ("on_time", _("on time")),
                ("late", _("late")),
                ("no_due", _("no promised date")),
            ],
        },
    )


@login_required
@require_GET
@permissions.require(permissions.can_see_dossiers, "dossiers")
def dossier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.dossier_page(request.user, pk)
    if dossier is None:
        raise Http404(_("No such dossier."))
    return render(
        request,
        "dossiers/dossier_detail.html",
        {"dossier": dossier, "events": list(dossier.events.all())},
    )
