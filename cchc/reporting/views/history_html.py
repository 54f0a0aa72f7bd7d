"""The report page's history (``reporting/_history.html``) drawn in Python: a template row per
step (a date filter, two choices' labels, ``linebreaksbr``, a ``join``) was a fifth of the
page's template time. The words are translated once per page, values escaped with
``html.escape`` (what the template's autoescape does); the markup is the template's, which
stays as the reference (``tests/test_history_html.py`` draws both and compares)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape as esc

from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext

from cchc.reporting.models import ReportTransition
from cchc.reporting.views.rows_html import day_time


def _row(step: ReportTransition, edited: str) -> str:
    actor = step.actor.get_username() if step.actor is not None else ""
    from_state = esc(step.get_from_state_display()) if step.from_state else "—"
    if step.is_step or not step.from_state:
        to_state = esc(step.get_to_state_display())
    else:
        labels = ": " + ", ".join(map(esc, step.changed_labels)) if step.changes else ""
        to_state = f'<span class="text-body-secondary">{edited}{labels}</span>'
    kind = "step" if step.is_step else "edit"
    return (
        f'<tr data-step="{esc(step.to_state)}" data-kind="{kind}">'
        f'<td class="text-nowrap">{day_time(step.at)}</td>'
        f"<td>{esc(actor) or '—'}</td>"
        f"<td>{from_state}</td>"
        f"<td>{to_state}</td>"
        f'<td class="history-comment">{linebreaksbr(step.comment, autoescape=True)}</td>'
        "</tr>"
    )


def history_html(history: Sequence[ReportTransition]) -> SafeString:
    """The history section of the report page, for ``history`` (oldest first)."""
    heading = (
        '<section aria-labelledby="history-heading" class="mb-4">'
        f'<h2 class="h5" id="history-heading">{esc(gettext("History"))}</h2>'
    )
    if not history:
        empty = esc(gettext("No report was started yet."))
        return mark_safe(
            f'{heading}<p class="text-body-secondary" id="no-history">{empty}</p></section>'
        )
    edited = esc(gettext("edited"))
    columns = (
        gettext("At"),
        gettext("By"),
        pgettext("workflow state", "From"),
        pgettext("workflow state", "To"),
        gettext("Comment"),
    )
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in columns)
    rows = "".join(_row(step, edited) for step in history)
    return mark_safe(
        f'{heading}<div class="table-responsive"><table class="table table-sm align-middle" '
        f'id="history-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'
        "</section>"
    )
