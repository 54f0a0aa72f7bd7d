"""The activity page's section of expected reports drawn in Python
(cchc.plans.views.reports_html) is the markup of its template, for every kind of user, period
and language."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from cchc.accounts.models import Role
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import import_seed, member
from cchc.plans.models import Node
from cchc.plans.views.activity_reports import activity_reports, period_key
from cchc.plans.views.reports_html import section_html
from cchc.reporting.actions import save_draft, start_report
from cchc.scheduling.models import Obligation
from cchc.scheduling.obligations import generate_obligations

pytestmark = pytest.mark.django_db


def _plain(html: str) -> str:
    """The markup with runs of white space as one space (the template's indentation)."""
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(html))).strip()


def test_the_python_drawing_is_the_templates(leader: User, reader: User):
    load_registry(path=MINI)
    plan = import_seed()
    generate_obligations(plan=plan, since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31))
    activities = list(
        Node.objects.activities().filter(plan=plan, obligations__isnull=False).distinct()[:6]
    )
    assert activities
    first = Obligation.objects.filter(activity=activities[0], role="lead").order_by("pk")[0]
    focal = member("focal-x", Role.FOCAL_POINT, first.agency)
    # A draft, so that rows have a state and the counts differ from one period to the next.
    report = start_report(obligation=first, user=focal)
    save_draft(
        report=report,
        user=focal,
        expected_version=report.version,
        work_status="in_progress",
        percent=10,
        narrative="Nhóm 'thử' <b>đậm</b>",
    )
    factory = RequestFactory()
    compared = 0
    for language in ("vi", "en"):
        with translation.override(language):
            for user in (leader, focal, reader):
                request = factory.get("/")
                request.user = user
                for node in activities:
                    keys = {
                        period_key(kind, end)
                        for kind, end in Obligation.objects.filter(activity=node).values_list(
                            "period_kind", "period_end"
                        )
                    }
                    for today in (dt.date(2024, 5, 2), dt.date(2025, 2, 1)):
                        for wanted in [None, *sorted(keys)[:3]]:
                            reports = activity_reports(
                                request, activity_id=node.pk, today=today, wanted=wanted
                            )
                            drawn = section_html(reports, node_url=node.get_absolute_url())
                            template = render_to_string(
                                "plans/_activity_reports.html",
                                {"reports": reports, "node": node},
                                request,
                            )
                            assert _plain(drawn) == _plain(template), (language, user, wanted)
                            compared += 1
    assert compared > 100
