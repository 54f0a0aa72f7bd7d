"""The deadline rules: the agencies' deadline to the secretariat and the province's to the
Ministry, with their legal basis and history; the secretariat edits them here (the action
regenerates the obligations' due dates)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cchc.accounts import permissions
from cchc.scheduling.actions import DEADLINE_FIELDS, save_deadline_rule
from cchc.scheduling.forms import DeadlineRuleForm
from cchc.scheduling.models import DeadlineRule, DeadlineRuleChange
from cchc.scheduling.periods import periods_for
from cchc.scheduling.views import common


def _rule(request: HttpRequest, key: str) -> DeadlineRule | None:
    value = request.POST.get(key) if request.method == "POST" else request.GET.get(key)
    if not value:
        return None
    try:
        return get_object_or_404(DeadlineRule, pk=int(value))
    except ValueError:
        return None


@login_required
@permissions.require_perm("scheduling.view_deadlinerule")
@require_http_methods(["GET", "POST"])
def deadlines(request: HttpRequest) -> HttpResponse:
    can_edit = request.user.has_perm("scheduling.change_deadlinerule")
    editing = _rule(request, "rule")
    form = DeadlineRuleForm(instance=editing) if can_edit else None
    if request.method == "POST":
        if not can_edit:
            permissions.deny(request.user, "scheduling.change_deadlinerule")
        form = DeadlineRuleForm(request.POST, instance=editing)
        if form.is_valid():
            changes: dict[str, Any] = {
                name: form.cleaned_data[name] for name in DEADLINE_FIELDS if name in form.fields
            }
            try:
                _rule_saved, results = save_deadline_rule(
                    rule=editing,
                    changes=changes,
                    user=request.user if request.user.is_authenticated else None,
                    reason=form.cleaned_data["reason"],
                    on=common.today(),
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                updated = sum(r.updated for r in results)
                messages.success(
                    request,
                    _("Deadline rule saved; %(updated)s due dates of obligations updated.")
                    % {"updated": updated},
                )
                return redirect(reverse("scheduling:deadlines"))
    year = common.today().year
    rules = list(DeadlineRule.objects.all())
    history = DeadlineRuleChange.objects.select_related("rule", "actor").order_by("-at", "-pk")
    return render(
        request,
        "scheduling/deadlines.html",
        {
            "rules": rules,
            "periods": periods_for(year),
            "year": year,
            "form": form,
            "editing": editing,
            "can_edit": can_edit,
            "history": history[:30],
        },
    )
