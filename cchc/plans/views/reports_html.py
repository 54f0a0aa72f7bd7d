"""The activity page's section of expected reports (``id="activity-reports"``), drawn in
Python: the markup of ``plans/_activity_reports.html``, which stays for reference and for the
tests that compare the two. The section is drawn per request and per user (whose agencies'
reports they see), so its template (a selector of every period, each with three
translations and a date filter) was about an eighth of the page; the rows themselves come
drawn (cchc.plans.views.report_rows)."""

from __future__ import annotations

import datetime as dt
from html import escape as esc

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from cchc.plans.views.activity_reports import ActivityReports

# Periods named in "overdue in …" before an ellipsis (the template's ``slice:":4"``).
LATE_SHOWN = 4


def _text(message: str) -> str:
    """A translation in text content, as ``{% translate %}`` leaves it (quotes kept)."""
    return esc(message, quote=False)


def _day(value: dt.date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def section_html(reports: ActivityReports, *, node_url: str) -> SafeString:
    """The whole section for ``reports`` on the page of the node at ``node_url``."""
    url = esc(node_url)
    out = [
        '<section class="mt-4" aria-labelledby="reports-heading" id="activity-reports">\n'
        f'  <h2 class="h5" id="reports-heading">{_text(gettext("Reports on this activity"))}</h2>\n'
    ]
    period = reports.selected
    if period is not None:
        due = gettext("due %(day)s")
        overdue = gettext("%(n)s overdue")
        year_text = gettext("Year %(year)s")
        groups = []
        for year, periods in reports.years:
            options = "".join(
                f'<option value="{esc(p.key)}"{" selected" if p is period else ""}>'
                f"{esc(p.label)} · {_text(due % {'day': _day(p.deadline)})}"
                + (f" · {_text(overdue % {'n': p.late})}" if p.late else "")
                + "</option>"
                for p in periods
            )
            groups.append(
                f'        <optgroup label="{esc(year_text % {"year": year})}">\n'
                f"          {options}\n        </optgroup>\n"
            )
        out.append(
            f'  <form method="get" action="{url}#activity-reports" '
            'class="row g-2 align-items-end mb-2" id="period-form"\n'
            f'        hx-get="{url}" hx-target="#activity-reports" hx-swap="outerHTML" '
            'hx-push-url="true" hx-trigger="change from:#report-period, submit">\n'
            '    <div class="col-12 col-md-8 col-lg-6">\n'
            '      <label class="form-label small mb-1" for="report-period">'
            f"{_text(gettext('Reporting period'))}</label>\n"
            '      <select class="form-select form-select-sm" name="period" id="report-period">\n'
            + "".join(groups)
            + "      </select>\n    </div>\n"
            '    <div class="col-auto"><button type="submit" '
            f'class="btn btn-sm btn-outline-secondary">{_text(gettext("Show"))}</button></div>\n'
            "  </form>\n"
        )
        count = len(reports.periods)
        overview = [
            _text(
                ngettext("%(counter)s reporting period", "%(counter)s reporting periods", count)
                % {"counter": count}
            )
            + ",\n    "
            + _text(gettext("%(n)s approved") % {"n": reports.approved})
        ]
        if reports.late:
            overview.append(
                ',\n    <span class="text-danger-emphasis">'
                f"{_text(overdue % {'n': reports.late})}</span>"
            )
        late_periods = reports.late_periods
        if late_periods:
            links = ", ".join(
                f'<a href="?period={esc(p.key)}#activity-reports" class="late-period" '
                f'data-period="{esc(p.key)}">{esc(p.label)}</a>'
                for p in late_periods[:LATE_SHOWN]
            )
            more = ", …" if len(late_periods) > LATE_SHOWN else ""
            overview.append(
                '\n    <span class="text-body-secondary">'
                f"({_text(gettext('overdue in'))} {links}{more})</span>"
            )
        out.append(
            f'  <p class="small mb-2" id="reports-overview">\n    {"".join(overview)}\n  </p>\n'
        )
        current = ' data-current="1"' if reports.is_current else ""
        badge = (
            f' <span class="badge text-bg-info" id="current-period">'
            f"{_text(gettext('current period'))}</span>"
            if reports.is_current
            else ""
        )
        counts = [
            _text(
                ngettext("%(counter)s report", "%(counter)s reports", period.count)
                % {"counter": period.count}
            )
        ]
        if period.approved:
            counts.append(", " + _text(gettext("%(n)s approved") % {"n": period.approved}))
        if period.missing:
            counts.append(", " + _text(gettext("%(n)s without a report") % {"n": period.missing}))
        if period.late:
            counts.append(
                f', <span class="text-danger-emphasis">{_text(overdue % {"n": period.late})}</span>'
            )
        out.append(
            '  <div class="report-period border rounded px-2 py-1 mb-2" '
            f'data-period="{esc(period.label)}" data-key="{esc(period.key)}"{current}>\n'
            '    <h3 class="h6 mb-1">\n'
            f'      <span class="fw-semibold">{esc(period.label)}</span>{badge}\n'
            '      <span class="small text-body-secondary fw-normal">· '
            f"{_text(due % {'day': _day(period.deadline)})}</span>\n"
            "    </h3>\n"
            f'    <p class="small period-counts mb-1">{"".join(counts)}</p>\n'
            '    <ul class="list-unstyled report-list mb-1">\n'
            f"      {reports.rows_html}\n"
            "    </ul>\n  </div>\n"
        )
    else:
        if reports.hidden:
            text = gettext(
                "You see the reports of your own agencies only; none of them reports on this "
                "activity."
            )
        else:
            text = gettext("No report is expected on this activity yet.")
        out.append(f'  <p class="text-body-secondary" id="no-reports">{_text(text)}</p>\n')
    if reports.hidden and period is not None:
        text = gettext("Other agencies' reports are seen by the secretariat and the leaders.")
        out.append(
            f'  <p class="small text-body-secondary mt-2" id="reports-hidden">{_text(text)}</p>\n'
        )
    out.append("</section>\n")
    return mark_safe("".join(out))


__all__ = ["section_html"]
