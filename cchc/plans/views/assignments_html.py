"""An activity's assigned agencies, drawn in Python (the markup of the former
``agencies/_activity_assignments.html``): a group's members today (58 and 15 on the seed's
busiest activity) were a ``reverse()`` and a template loop each, about a seventh of the
activity page's time. The rows come from ``cchc.agencies.selectors.activity_assignments``."""

from __future__ import annotations

import datetime as dt
from html import escape as esc
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_lazy, ngettext

from cchc.agencies.selectors import ActivityAssignments, AssignmentRow, ChangeRow

MARKER = 987654321


def _cut(text: str, length: int) -> str:
    """``truncatechars``."""
    return text if len(text) <= length else text[: length - 1] + "…"


def _when(value: dt.datetime) -> str:
    """``value|date:"d/m/Y H:i"`` in the local time zone."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value:%d/%m/%Y %H:%M}"


def assignments_html(assignments: ActivityAssignments, *, today: dt.date) -> SafeString:
    """The section ``id="assignments"``: lead, coordinating and ended assignments, a group's
    members today, the history of changes."""
    out = [
        '<section class="mt-4" aria-labelledby="assignments-heading" id="assignments">\n'
        f'  <h2 class="h5" id="assignments-heading">{esc(gettext("Assigned agencies"))}</h2>\n'
    ]
    if not assignments:
        text = gettext(
            "No agency is assigned yet: the lead and coordinating texts have not been resolved."
        )
        out.append(f'  <p class="small text-body-secondary">{esc(text)}</p>\n</section>\n')
        return mark_safe("".join(out))
    head, _sep, tail = reverse("agencies:agency_detail", args=[MARKER]).partition(str(MARKER))
    url = (esc(head), esc(tail))
    words = {
        "gone": esc(gettext("no longer exists")),
        "group": esc(gettext("group")),
        "unknown": esc(gettext("members to be specified")),
        "until": gettext("until %(day)s"),
        "written": gettext("as written: “%(text)s”"),
    }
    blocks: list[tuple[Any, list[AssignmentRow], str]] = [
        (gettext_lazy("Lead"), assignments.lead, "lead"),
        (gettext_lazy("Coordinating"), assignments.partners, "partner"),
        (gettext_lazy("Ended"), assignments.ended, "ended"),
    ]
    for title, rows, role in blocks:
        if not rows:
            continue
        out.append(
            f'  <h3 class="h6 mt-3">{esc(str(title))}</h3>\n'
            f'  <ul class="list-unstyled mb-2" data-role="{role}">\n'
        )
        for row in rows:
            out.append(
                f'    <li class="mb-1">{_row(row, today=today, url=url, words=words)}</li>\n'
            )
        out.append("  </ul>\n")
    history = assignments.history
    if history:
        out.append(_history(history))
    out.append("</section>\n")
    return mark_safe("".join(out))


def _row(row: AssignmentRow, *, today: dt.date, url: tuple[str, str], words: dict[str, str]) -> str:
    a = row.assignment
    parts: list[str] = []
    if a.agency_id is not None:
        parts.append(f'<a href="{url[0]}{int(a.agency_id)}{url[1]}">{esc(a.agency_name)}</a>')
        if a.agency_valid_until and a.agency_valid_until < today:
            parts.append(f' <span class="badge text-bg-warning">{words["gone"]}</span>')
    else:
        name = esc(a.group_name) if a.group_id is not None else ""
        parts.append(f'<span class="badge text-bg-light">{words["group"]}</span> {name}')
        if row.members:
            count = len(row.members)
            label = ngettext("%(counter)s member today", "%(counter)s members today", count) % {
                "counter": count
            }
            members = "".join(
                f'<li><a href="{url[0]}{int(m.pk)}{url[1]}">{esc(m.name)}</a></li>'
                for m in row.members
            )
            parts.append(
                f' <details class="d-inline-block ms-1"><summary class="small">{esc(label)}'
                f'</summary> <ul class="small mb-0">{members}</ul></details>'
            )
        else:
            parts.append(f' <span class="small text-warning-emphasis">({words["unknown"]})</span>')
    if a.ended_on:
        day = f"{a.ended_on:%d/%m/%Y}"
        parts.append(
            f' <span class="small text-body-secondary">· {esc(words["until"] % {"day": day})}'
            "</span>"
        )
    if a.source_text:
        text = words["written"] % {"text": _cut(a.source_text, 80)}
        parts.append(f' <span class="small text-body-secondary">· {esc(text)}</span>')
    return "".join(parts)


def _history(history: list[ChangeRow]) -> str:
    names = (
        gettext("When"),
        gettext("Change"),
        gettext("From"),
        gettext("To"),
        gettext("By"),
        gettext("Reason"),
    )
    heads = "".join(f'<th scope="col">{esc(h)}</th>' for h in names)
    rows = []
    for c in history:
        rows.append(
            f'<tr><td class="text-nowrap">{_when(c.at)}</td><td>{esc(c.get_action_display())}'
            f"</td> <td>{esc(c.from_agency)}</td><td>{esc(c.to_agency)}</td>"
            f" <td>{esc(c.actor)}</td><td>{esc(c.reason or '—')}</td></tr>"
        )
    summary = esc(gettext("History of the assignments"))
    return (
        f'  <details class="mt-2">\n    <summary class="small">{summary}</summary>\n'
        '    <div class="table-responsive">\n'
        '    <table class="table table-sm small mt-2" id="assignment-history">\n'
        f"      <thead><tr>{heads}</tr></thead>\n      <tbody>\n"
        + "\n".join(rows)
        + "\n      </tbody>\n    </table>\n    </div>\n  </details>\n"
    )
