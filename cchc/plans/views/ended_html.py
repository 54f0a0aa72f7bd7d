"""The plan page's list of activities still assigned to agencies that no longer exist, drawn
in Python.

It was ``agencies/_ended_in_plan.html`` over whole model rows (the assignments with their
agency and activity rows, every succession with its successor's row): about half of the seed
plan's page time (17 of 31 ms for 7 agencies and 73 assignments) although the tree is
cached. Two queries of plain values now (the open assignments of ended agencies, and the
successions when there are any) and one pass of string building, with the same markup
(``data-agency``, the links, the transfer form the tests and the browser use).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape as esc

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from cchc.agencies.models import Assignment, Role, Succession
from cchc.agencies.resolver import follow_successors

MARKER = 987654321

# The activities listed for each ended agency; the others are on the agency's page (a
# 500-activity plan listed hundreds per agency: 113 KB of a 130 KB page).
ACTIVITIES_SHOWN = 12


@dataclass(slots=True)
class _Ended:
    agency_id: int
    code: str
    name: str
    short_name: str
    valid_until: dt.date | None
    # (activity id, number, title, role) of its first open assignments (ACTIVITIES_SHOWN).
    assignments: list[tuple[int, str, str, str]] = field(default_factory=list)
    # How many open assignments it has in the plan.
    total: int = 0


def _cut(text: str, length: int) -> str:
    """``truncatechars``."""
    return text if len(text) <= length else text[: length - 1] + "…"


@dataclass(frozen=True, slots=True)
class _Successor:
    pk: int
    name: str
    valid_from: dt.date | None
    valid_until: dt.date | None

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


class _Successions:
    """Every succession in plain values (``Resolver.load_successions`` built a model row per
    successor: ~300 on the seed, a third of the section's time)."""

    def __init__(self) -> None:
        self.agencies: dict[int, _Successor] = {}
        self.successors: dict[int, list[tuple[int, dt.date]]] = {}
        rows = Succession.objects.values_list(
            "predecessor_id",
            "successor_id",
            "on",
            "successor__name",
            "successor__valid_from",
            "successor__valid_until",
        )
        for before, after, on, name, valid_from, valid_until in rows:
            self.agencies[after] = _Successor(after, name, valid_from, valid_until)
            self.successors.setdefault(before, []).append((after, on))

    def successors_on(self, agency_id: int, on: dt.date) -> list[_Successor]:
        """The agencies carrying an agency's work on a date, following the chain."""
        return follow_successors(self.successors, self.agencies, agency_id, on)


def ended_agencies(*, plan_id: int, today: dt.date) -> list[_Ended]:
    """The plan's open assignments whose agency ended before today, by agency (the rule of
    ``cchc.agencies.selectors.ended_agencies_in_plan``)."""
    by_agency_order = [F("activity__position").asc(), F("role").asc(), F("pk").asc()]
    rows = (
        Assignment.objects.open()
        .filter(activity__plan_id=plan_id, agency__valid_until__lt=today)
        .annotate(
            place=Window(RowNumber(), partition_by=[F("agency_id")], order_by=by_agency_order),
            total=Window(Count("pk"), partition_by=[F("agency_id")]),
        )
        # The first activities of each agency: the list stays bounded as the plan grows.
        .filter(place__lte=ACTIVITIES_SHOWN)
        .order_by("agency__name", "agency_id", "activity__position", "role")
        .values_list(
            "agency_id",
            "agency__code",
            "agency__name",
            "agency__short_name",
            "agency__valid_until",
            "activity_id",
            "activity__number",
            "activity__title",
            "role",
            "total",
        )
    )
    by_agency: dict[int, _Ended] = {}
    for agency_id, code, name, short, until, activity_id, number, title, role, total in rows:
        ended = by_agency.get(agency_id)
        if ended is None:
            ended = by_agency[agency_id] = _Ended(
                agency_id, code, name, short or "", until, total=total
            )
        ended.assignments.append((activity_id, number or "", title or "", role))
    return list(by_agency.values())


def _around_id(name: str, **kwargs: int) -> tuple[str, str]:
    head, _sep, tail = reverse(name, kwargs={**kwargs, "pk": MARKER}).partition(str(MARKER))
    return esc(head), esc(tail)


def ended_agencies_html(
    *, plan_id: int, today: dt.date, can_transfer: bool, token: str
) -> SafeString:
    """The section (empty when no open work is left with an ended agency); ``token``: the
    transfer forms' CSRF token, or a marker the caller fills in per request."""
    rows = ended_agencies(plan_id=plan_id, today=today)
    if not rows:
        return mark_safe("")
    resolver = _Successions()
    agency_url = _around_id("agencies:agency_detail")
    activity_url = _around_id("plans:node_detail", plan_pk=plan_id)
    transfer_url = _around_id("agencies:agency_transfer")
    roles = {str(value): esc(str(label).lower()) for value, label in Role.choices}
    until_text = gettext("until %(day)s")
    none_text = esc(gettext("none recorded — record the succession on the agency's page"))
    more_text = gettext("and %(n)s more, on the agency's page")
    move_text = gettext("Move the open work of %(name)s to its successors")
    out = [
        '\n<section class="mb-4" aria-labelledby="ended-heading" id="ended-agencies">\n'
        '  <h2 class="h5" id="ended-heading">'
        f"{esc(gettext('Activities with agencies that no longer exist'))} "
        f'<span class="badge text-bg-warning">{len(rows)}</span></h2>\n'
    ]
    activities_word = esc(gettext("Activities"))
    successors_word = esc(gettext("Proposed successors"))
    token = esc(token) if can_transfer else ""
    for row in rows:
        successors = resolver.successors_on(row.agency_id, today)
        day = f"{row.valid_until:%d/%m/%Y}" if row.valid_until else ""
        links = ", ".join(
            f'<a href="{activity_url[0]}{int(activity_id)}{activity_url[1]}" '
            f'title="{esc(_cut(title, 120))}">{esc(number or "?")}</a> ({roles.get(role, "")})'
            for activity_id, number, title, role in row.assignments
        )
        more = row.total - len(row.assignments)
        if more > 0:
            links += (
                f', <a href="{agency_url[0]}{row.agency_id}{agency_url[1]}" class="ended-more">'
                f"{esc(more_text % {'n': more})}</a>"
            )
        if successors:
            after = ", ".join(
                f'<a href="{agency_url[0]}{int(s.pk)}{agency_url[1]}">{esc(s.name)}</a>'
                for s in successors
            )
        else:
            after = f'<span class="text-warning-emphasis">{none_text}</span>'
        out.append(
            f'  <div class="card mb-2" data-agency="{esc(row.code)}">\n'
            '    <div class="card-body py-2">\n'
            f'      <p class="mb-1"><a href="{agency_url[0]}{row.agency_id}{agency_url[1]}" '
            f'class="fw-semibold">{esc(row.name)}</a>\n'
            f'        <span class="small text-body-secondary">({esc(until_text % {"day": day})})'
            "</span></p>\n"
            f'      <p class="small mb-1">{activities_word}:\n        {links}\n      </p>\n'
            f'      <p class="small mb-1">{successors_word}:\n        {after}\n      </p>\n'
        )
        if can_transfer and successors:
            name = esc(move_text % {"name": row.short_name or row.name})
            out.append(
                f'      <form method="post" action="{transfer_url[0]}{row.agency_id}'
                f'{transfer_url[1]}" class="mt-2">\n'
                f'        <input type="hidden" name="csrfmiddlewaretoken" value="{token}">\n'
                f'        <input type="hidden" name="plan" value="{int(plan_id)}">\n'
                '        <button type="submit" class="btn btn-sm btn-outline-primary">'
                f"{name}</button>\n"
                f'        <span class="form-text ms-2">{esc(gettext("in every plan"))}</span>\n'
                "      </form>\n"
            )
        out.append("    </div>\n  </div>\n")
    out.append("</section>\n")
    return mark_safe("".join(out))


__all__ = ["ended_agencies", "ended_agencies_html"]
