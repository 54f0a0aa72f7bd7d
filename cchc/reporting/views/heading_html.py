"""The report page's heading (``reporting/_heading.html``: the breadcrumb, the activity, the
obligation's agency, period and deadline with its badge) drawn in Python, as the history
(``history_html``): the include with its two addresses, six translations and three filters
was a tenth of the page's template time. Values escaped with ``html.escape`` (what the
template's autoescape does); the template stays the reference and the contribution page's
(``tests/test_heading_html.py`` draws both and compares)."""

from __future__ import annotations

from html import escape as esc

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from cchc.plans.models import Node
from cchc.scheduling.models import Obligation


def _badge(timing: str) -> str:
    """The deadline's badge for the obligation's timing (``grid.category``), if any."""
    if timing == "overdue":
        colour, words = "text-bg-danger", gettext("Overdue")
    elif timing == "late":
        colour, words = "text-bg-warning", gettext("Submitted late")
    else:
        return ""
    return (
        f' <span class="badge {colour}" id="deadline-badge" data-timing="{timing}">'
        f"{esc(words)}</span>"
    )


def heading_html(obligation: Obligation, activity: Node, timing: str) -> SafeString:
    """The heading of ``obligation``'s page, its activity ``activity``, the deadline's badge
    for ``timing``, as ``reporting/_heading.html`` draws it."""
    period = esc(obligation.period_label)
    fact = '  <dt class="col-sm-3">{}</dt><dd class="col-sm-9">{}</dd>\n'
    return mark_safe(
        f'\n<nav aria-label="{esc(gettext("Breadcrumb"))}">\n'
        '  <ol class="breadcrumb">\n'
        f'    <li class="breadcrumb-item"><a href="{esc(reverse("reporting:mine"))}">'
        f"{esc(gettext('My reports'))}</a></li>\n"
        f'    <li class="breadcrumb-item active" aria-current="page">{period}</li>\n'
        "  </ol>\n"
        "</nav>\n"
        f'<h1 class="h3">{esc(Truncator(activity.display).chars(220))}</h1>\n'
        '<dl class="row small mb-3" id="obligation-facts">\n'
        + fact.format(esc(gettext("Agency")), esc(obligation.agency.name))
        + fact.format(esc(gettext("Reporting period")), period)
        + fact.format(
            esc(gettext("Deadline")), obligation.deadline.strftime("%d/%m/%Y") + _badge(timing)
        )
        + fact.format(
            esc(gettext("Activity")),
            f'<a href="{esc(activity.get_absolute_url())}">{esc(gettext("Open in the plan"))}</a>',
        )
        + "</dl>\n"
    )
