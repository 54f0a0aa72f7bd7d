"""The unverified list covers calendar entries, deadline rules and renames (issue 13), each
with what is missing; the secretariat confirms an entry or a rule with its legal basis."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from cchc.agencies.registry import load_registry
from cchc.conftest import member, secretariat_agency
from cchc.scheduling.actions import set_calendar_day
from cchc.scheduling.models import (
    CalendarDay,
    CalendarDayChange,
    DeadlineAudience,
    DeadlineRule,
    DeadlineRuleChange,
)

pytestmark = pytest.mark.django_db
BASIS = {"basis_number": "6150/TB-BLĐTBXH", "basis_date": "2024-11-04", "basis_issuer": "Bộ"}


@pytest.fixture
def day() -> CalendarDay:
    return set_calendar_day(
        day=dt.date(2026, 5, 4), kind="day_off", name="Nghỉ bù", missing="Số thông báo"
    )


def test_the_list_shows_entries_rules_and_renames_with_what_is_missing(
    client: Client, day: CalendarDay
) -> None:
    load_registry()
    client.force_login(member("sec-unv", "secretariat", secretariat_agency()))
    html = client.get(reverse("agencies:unverified")).content.decode()
    days = html.split('id="unverified-days"', 1)[1].split("</ul>", 1)[0]
    assert 'data-date="2026-05-04"' in days and "Số thông báo" in days
    assert 'data-date="2026-01-02"' not in days  # confirmed (12729/VPCP-KGVX)
    rules = html.split('id="unverified-rules"', 1)[1].split("</ul>", 1)[0]
    agencies_rule = DeadlineRule.objects.get(audience=DeadlineAudience.AGENCIES)
    assert f'data-rule="{agencies_rule.pk}"' in rules
    renames = html.split('id="unverified-renames"', 1)[1]
    assert 'data-rename="bn.xa.kep"' in renames and "388/NQ-UBTVQH16" in renames
    assert 'class="row g-2 mt-1 confirm-basis"' in html


def test_the_secretariat_confirms_a_day_and_a_rule(client: Client, day: CalendarDay) -> None:
    secretariat = member("sec-conf", "secretariat", secretariat_agency())
    client.force_login(secretariat)
    url = reverse("agencies:confirm_unverified", args=["day", day.pk])
    assert client.post(url, {"basis_number": ""}).status_code == 302  # refused, nothing saved
    day.refresh_from_db()
    assert not day.confirmed
    client.post(url, {**BASIS, "reason": "Đã đối chiếu"})
    day.refresh_from_db()
    assert day.confirmed and day.basis_number == "6150/TB-BLĐTBXH" and not day.missing
    change = CalendarDayChange.objects.filter(date=day.date).last()
    assert change is not None and change.actor == secretariat
    rule = DeadlineRule.objects.get(audience=DeadlineAudience.AGENCIES)
    client.post(reverse("agencies:confirm_unverified", args=["rule", rule.pk]), BASIS)
    rule.refresh_from_db()
    assert rule.confirmed and rule.basis_date == dt.date(2024, 11, 4)
    assert DeadlineRuleChange.objects.filter(rule=rule, action="confirmed").exists()


def test_a_leader_cannot_confirm(client: Client, day: CalendarDay) -> None:
    client.force_login(member("leader-conf", "leader", secretariat_agency()))
    url = reverse("agencies:confirm_unverified", args=["day", day.pk])
    assert client.post(url, BASIS).status_code == 403
    day.refresh_from_db()
    assert not day.confirmed
