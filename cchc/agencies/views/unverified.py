"""The registry rows the secretariat still has to verify against a legal text."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cchc.agencies import selectors


@login_required
@require_GET
def unverified(request: HttpRequest) -> HttpResponse:
    return render(request, "agencies/unverified.html", {"rows": selectors.unverified()})
