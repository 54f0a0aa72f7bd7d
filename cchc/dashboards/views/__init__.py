"""The dashboards' pages: the province overview (leaders' home), an agency's scorecard and the
drill-down area → objective → task → activity → reports. Each page answers ``?format=xlsx``
or ``?format=csv`` with one of its tables (``?table=…``), the filters applied; an HTMX request
gets the page's body only."""

from cchc.dashboards.views.pages import agency_scorecard, node_drill, overview

__all__ = ["agency_scorecard", "node_drill", "overview"]
