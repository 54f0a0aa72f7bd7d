"""Two dated deadline rules (issue 13): the agencies' deadline to the secretariat (seeded:
day 17 of the last month, unverified, not moved off days off) and the province's to the
Ministry (the period rule's day 20 until a province rule is entered). Obligations and
reminders use the agencies'; changing a rule regenerates the due dates."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import import_seed, member, secretariat_agency
from cchc.scheduling.actions import save_deadline_rule
from cchc.scheduling.models import (
    DeadlineAudience,
    DeadlineMethod,
    DeadlineRule,
    DeadlineRuleChange,
    GenerationRun,
    Obligation,
)
from cchc.scheduling.obligations import generate_obligations
from cchc.scheduling.periods import periods_for

D = dt.date
pytestmark = [pytest.mark.django_db, pytest.mark.agency_deadlines]


def agencies_rule() -> DeadlineRule:
    return DeadlineRule.objects.get(audience=DeadlineAudience.AGENCIES, report="par")


def test_the_seeded_agencies_rule_is_earlier_and_unverified() -> None:
    rule = agencies_rule()
    assert (rule.method, rule.day, rule.move_off_days, rule.confirmed) == (
        DeadlineMethod.DAY_OF_LAST_MONTH,
        17,
        False,
        False,
    )
    assert rule.missing
    q1 = periods_for(2026, kind="quarter")[0]
    assert (q1.end, q1.deadline, q1.province_deadline) == (
        D(2026, 3, 14),
        D(2026, 3, 17),
        D(2026, 3, 20),
    )


def test_a_deadline_on_a_weekend_moves_only_with_the_flag() -> None:
    rule = agencies_rule()
    save_deadline_rule(rule=rule, changes={"day": 20}, reason="Kế hoạch của tỉnh")
    half = periods_for(2026, kind="half")[0]  # 20/6/2026 is a Saturday
    assert (half.deadline, half.deadline_effective) == (D(2026, 6, 20), D(2026, 6, 20))
    with pytest.raises(ValidationError) as error:
        save_deadline_rule(rule=rule, changes={"move_off_days": True})
    assert "move_basis" in error.value.message_dict
    save_deadline_rule(
        rule=rule,
        changes={"move_off_days": True, "move_basis": "Kế hoạch 1/KH-UBND, mục IV"},
    )
    half = periods_for(2026, kind="half")[0]
    assert (half.deadline, half.deadline_effective) == (D(2026, 6, 20), D(2026, 6, 22))
    assert list(DeadlineRuleChange.objects.filter(rule=rule).values_list("action", flat=True))[
        -2:
    ] == ["changed", "changed"]


def test_a_province_rule_overrides_the_period_rule_for_the_province_only() -> None:
    save_deadline_rule(
        changes={
            "audience": DeadlineAudience.PROVINCE,
            "method": DeadlineMethod.DAY_OF_LAST_MONTH,
            "day": 20,
            "move_off_days": False,
            "valid_from": D(2026, 1, 1),
            "basis_number": "581/BNV-CCHC",
            "basis_issuer": "Bộ Nội vụ",
            "confirmed": True,
        }
    )
    half = periods_for(2026, kind="half")[0]
    assert (half.province_deadline, half.province_deadline_effective) == (
        D(2026, 6, 20),
        D(2026, 6, 20),
    )
    assert half.deadline == D(2026, 6, 17)


def test_a_day_before_the_cut_off_moves_after_it() -> None:
    save_deadline_rule(rule=agencies_rule(), changes={"day": 10})
    q1 = periods_for(2026, kind="quarter")[0]
    assert q1.deadline_moved and q1.deadline == D(2026, 3, 16)  # 14/3 Sat, 15/3 Sun


def test_changing_the_rule_regenerates_the_obligations_due_dates() -> None:
    load_registry(path=MINI)
    plan = import_seed()
    generate_obligations(plan=plan, since=D(2026, 1, 1), until=D(2026, 12, 31), on=D(2026, 1, 5))
    q1 = Obligation.objects.filter(period_label="Quý I/2026")
    assert q1.exists() and set(q1.values_list("deadline", flat=True)) == {D(2026, 3, 17)}
    runs = GenerationRun.objects.count()
    _rule, results = save_deadline_rule(
        rule=agencies_rule(), changes={"day": 16}, reason="Chỉ thị của tỉnh", on=D(2026, 1, 5)
    )
    assert results and results[0].updated > 0
    assert GenerationRun.objects.count() == runs + 1
    assert set(q1.values_list("deadline", flat=True)) == {D(2026, 3, 16)}


def test_periods_command_shows_both_deadlines() -> None:
    out = StringIO()
    call_command("periods", "2026", stdout=out)
    first = out.getvalue().splitlines()[0]
    assert "2026-03-17" in first and "2026-03-20" in first


def test_deadline_page_and_edit(client: Client) -> None:
    secretariat = member("sec-dl", "secretariat", secretariat_agency())
    client.force_login(secretariat)
    response = client.get(reverse("scheduling:deadlines"))
    html = response.content.decode()
    assert response.status_code == 200 and 'data-audience="agencies"' in html
    rule = agencies_rule()
    response = client.post(
        reverse("scheduling:deadlines"),
        {
            "rule": rule.pk,
            "audience": "agencies",
            "method": "day_of_last_month",
            "day": "15",
            "valid_from": "2019-03-12",
            "basis_number": "5/CT-UBND",
            "basis_date": "2026-01-02",
            "basis_issuer": "UBND tỉnh Bắc Ninh",
            "confirmed": "on",
            "reason": "Chỉ thị 5",
        },
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.day, rule.confirmed, rule.basis_number) == (15, True, "5/CT-UBND")
    change = DeadlineRuleChange.objects.filter(rule=rule).last()
    assert change is not None and change.actor == secretariat and change.action == "confirmed"
