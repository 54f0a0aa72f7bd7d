"""The plan page's activities still assigned to agencies that no longer exist: drawn from
plain values (cchc.plans.views.ended_html), each agency's list bounded, the rest on the
agency's page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client

from cchc.agencies.models import Agency, Assignment
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import import_seed
from cchc.plans.models import Node
from cchc.plans.views.ended_html import ACTIVITIES_SHOWN

pytestmark = pytest.mark.django_db


def test_an_ended_agencys_list_is_bounded_and_the_rest_is_on_its_page(reader: User):
    load_registry(path=MINI)
    plan = import_seed()
    gone = Agency.objects.create(
        code="x.gone",
        name="Cơ quan đã giải thể",
        level="department",
        valid_until=dt.date(2025, 6, 30),
    )
    activities = list(Node.objects.activities().filter(plan=plan).order_by("position"))
    assert len(activities) > ACTIVITIES_SHOWN + 3
    for node in activities:
        Assignment.objects.create(activity=node, role="partner", agency=gone)
    client = Client()
    client.force_login(reader)
    page = client.get(plan.get_absolute_url()).content.decode()
    card = page.split('data-agency="x.gone"', 1)[1].split('class="card mb-2"', 1)[0]
    # The first activities in the plan's order, then how many more, linked to the agency.
    for node in activities[:ACTIVITIES_SHOWN]:
        assert f'href="{node.get_absolute_url()}"' in card
    for node in activities[ACTIVITIES_SHOWN:]:
        assert f'href="{node.get_absolute_url()}"' not in card
    more = card.split('class="ended-more"', 1)[0].rsplit("<a ", 1)[1]
    assert f'href="{gone.get_absolute_url()}"' in more
    assert f"và {len(activities) - ACTIVITIES_SHOWN} hoạt động khác" in card
