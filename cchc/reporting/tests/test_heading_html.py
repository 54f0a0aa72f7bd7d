"""The report page's heading drawn in Python (cchc.reporting.views.heading_html) is the
markup of its template (``reporting/_heading.html``, still the contribution page's): every
timing's badge, names to escape, a long activity cut, in both languages."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from cchc.reporting import selectors
from cchc.reporting.views.heading_html import heading_html
from cchc.scheduling.models import Obligation

pytestmark = pytest.mark.django_db


def test_the_python_drawing_is_the_templates(obligation: Obligation) -> None:
    obligation.agency.name = 'Sở <Nội vụ> & "Tư pháp"'
    obligation.agency.save()
    obligation.period_label = "Quý 1 <2025> & 'tháng'"
    obligation.save()
    found = selectors.obligation_for(obligation.pk)
    assert found is not None
    activity = found.activity
    for title in (activity.title, "Dài <" + "rất dài & " * 40 + ">"):
        activity.title = title
        for timing in ("overdue", "late", "on_time", ""):
            for language in ("vi", "en"):
                with translation.override(language):
                    context = {"obligation": found, "activity": activity, "timing": timing}
                    template = render_to_string("reporting/_heading.html", context)
                    drawn = heading_html(found, activity, timing)
                    assert drawn == template
                    assert ("deadline-badge" in drawn) == (timing in ("overdue", "late"))
                    assert "&lt;Nội vụ&gt; &amp; &quot;Tư pháp&quot;" in drawn
