"""Reporting periods: NĐ 09/2019 and calendar windows, labels, deadlines under dated rules,
the default rules of the data migration, and ``cchc periods``."""

from __future__ import annotations

import datetime as dt
import importlib
import json
from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.test import Client

from cchc.scheduling.actions import change_rule_from, correct_rule, create_rule, set_calendar_day
from cchc.scheduling.models import PeriodKind, PeriodRule, PeriodRuleChange
from cchc.scheduling.periods import label, number_containing, periods_for, window

D = dt.date
pytestmark = pytest.mark.django_db


def rule(**fields: Any) -> PeriodRule:
    values: dict[str, Any] = {
        "report": "test",
        "report_name": "Báo cáo thử",
        "period_kind": PeriodKind.MONTH,
        "window": "nd09",
        "deadline_rule": "day_of_last_month",
        "deadline_day": 20,
        "valid_from": D(2020, 1, 1),
    }
    values.update(fields)
    return create_rule(**values)


@pytest.mark.parametrize(
    ("kind", "year", "number", "style", "start", "end"),
    [
        ("month", 2026, 1, "nd09", D(2025, 12, 15), D(2026, 1, 14)),
        ("month", 2026, 3, "nd09", D(2026, 2, 15), D(2026, 3, 14)),
        ("quarter", 2026, 1, "nd09", D(2025, 12, 15), D(2026, 3, 14)),
        ("quarter", 2026, 2, "nd09", D(2026, 3, 15), D(2026, 6, 14)),
        ("quarter", 2026, 3, "nd09", D(2026, 6, 15), D(2026, 9, 14)),
        ("quarter", 2026, 4, "nd09", D(2026, 9, 15), D(2026, 12, 14)),
        ("half", 2026, 1, "nd09", D(2025, 12, 15), D(2026, 6, 14)),
        ("half", 2026, 2, "nd09", D(2026, 6, 15), D(2026, 12, 14)),
        ("nine_months", 2026, 1, "nd09", D(2025, 12, 15), D(2026, 9, 14)),
        ("year", 2026, 1, "nd09", D(2025, 12, 15), D(2026, 12, 14)),
        ("month", 2028, 2, "nd09", D(2028, 1, 15), D(2028, 2, 14)),
        ("month", 2028, 3, "nd09", D(2028, 2, 15), D(2028, 3, 14)),
        ("month", 2028, 2, "calendar", D(2028, 2, 1), D(2028, 2, 29)),
        ("month", 2026, 2, "calendar", D(2026, 2, 1), D(2026, 2, 28)),
        ("quarter", 2026, 1, "calendar", D(2026, 1, 1), D(2026, 3, 31)),
        ("half", 2026, 2, "calendar", D(2026, 7, 1), D(2026, 12, 31)),
        ("nine_months", 2026, 1, "calendar", D(2026, 1, 1), D(2026, 9, 30)),
        ("year", 2026, 1, "calendar", D(2026, 1, 1), D(2026, 12, 31)),
    ],
)
def test_windows(
    kind: str, year: int, number: int, style: str, start: dt.date, end: dt.date
) -> None:
    assert window(kind, year, number, style) == (start, end)


def test_a_year_has_only_so_many_periods() -> None:
    with pytest.raises(ValueError):
        window("quarter", 2026, 5)
    with pytest.raises(ValueError):
        window("month", 2026, 0)


def test_labels() -> None:
    assert label("month", 2026, 3) == "Tháng 3/2026"
    assert label("quarter", 2026, 1) == "Quý I/2026"
    assert label("quarter", 2026, 4) == "Quý IV/2026"
    assert label("half", 2026, 1) == "6 tháng đầu năm 2026"
    assert label("half", 2026, 2) == "6 tháng cuối năm 2026"
    assert label("nine_months", 2026, 1) == "9 tháng năm 2026"
    assert label("year", 2026, 1) == "Năm 2026"


def test_the_period_holding_a_day() -> None:
    # A dossier received on 20/03/2026 counts in April and quarter II.
    assert number_containing(D(2026, 3, 20), "month") == (2026, 4)
    assert number_containing(D(2026, 3, 20), "quarter") == (2026, 2)
    assert number_containing(D(2026, 3, 14), "quarter") == (2026, 1)
    assert number_containing(D(2025, 12, 20), "year") == (2026, 1)
    assert number_containing(D(2025, 12, 20), "quarter", "calendar") == (2025, 4)
    assert number_containing(D(2026, 9, 1), "nine_months") == (2026, 1)
    with pytest.raises(ValueError):
        number_containing(D(2026, 10, 1), "nine_months")


def test_every_kind_of_2026_in_time_order() -> None:
    for kind in PeriodKind:
        rule(period_kind=kind)
    periods = periods_for(2026, report="test")
    assert len(periods) == 12 + 4 + 2 + 1 + 1
    ends = [p.end for p in periods]
    assert ends == sorted(ends)
    assert all(p.end.year == 2026 for p in periods)
    assert [p.label for p in periods[:4]] == [
        "Tháng 1/2026",
        "Tháng 2/2026",
        "Tháng 3/2026",
        "Quý I/2026",
    ]
    assert [p.label for p in periods if p.end == D(2026, 12, 14)] == [
        "Tháng 12/2026",
        "Quý IV/2026",
        "6 tháng cuối năm 2026",
        "Năm 2026",
    ]
    assert [p.label for p in periods_for(2026, kind="half", report="test")] == [
        "6 tháng đầu năm 2026",
        "6 tháng cuối năm 2026",
    ]


def test_par_report_2026_under_the_default_rules() -> None:
    periods = periods_for(2026)
    got = [(p.label, p.start, p.end, p.deadline, p.deadline_effective) for p in periods]
    assert got == [
        ("Quý I/2026", D(2025, 12, 15), D(2026, 3, 14), D(2026, 3, 20), D(2026, 3, 20)),
        ("6 tháng đầu năm 2026", D(2025, 12, 15), D(2026, 6, 14), D(2026, 6, 20), D(2026, 6, 22)),
        ("Quý III/2026", D(2026, 6, 15), D(2026, 9, 14), D(2026, 9, 20), D(2026, 9, 21)),
        ("Năm 2026", D(2025, 12, 15), D(2026, 12, 14), D(2026, 12, 20), D(2026, 12, 21)),
    ]
    assert not any(p.deadline_moved for p in periods)
    assert [p.label for p in periods_for(2026, kind="quarter")] == ["Quý I/2026", "Quý III/2026"]
    assert periods_for(2026, kind="nine_months") == []
    assert periods_for(2020) == []  # before the default rules


def test_statistics_report_on_calendar_periods() -> None:
    periods = periods_for(2026, report="stats")
    got = [(p.label, p.end, p.deadline) for p in periods]
    assert got == [
        ("Quý I/2026", D(2026, 3, 31), D(2026, 4, 2)),
        ("6 tháng đầu năm 2026", D(2026, 6, 30), D(2026, 7, 2)),
        ("Quý III/2026", D(2026, 9, 30), D(2026, 10, 2)),
        ("Năm 2026", D(2026, 12, 31), D(2027, 1, 5)),  # 1/1/2027 is a holiday
    ]


def test_a_deadline_without_a_working_day_after_the_cutoff_moves() -> None:
    rule(deadline_day=15)
    march = periods_for(2026, kind="month", report="test")[2]
    # Cut-off Saturday 14/3, day 15 a Sunday: moved to Monday 16/3.
    assert (march.end, march.deadline, march.deadline_moved) == (
        D(2026, 3, 14),
        D(2026, 3, 16),
        True,
    )
    april = periods_for(2026, kind="month", report="test")[3]
    assert (april.deadline, april.deadline_moved) == (D(2026, 4, 15), False)


def test_a_deadline_in_tet_moves_past_it() -> None:
    rule(deadline_day=16)
    february = periods_for(2026, kind="month", report="test")[1]
    assert (february.deadline, february.deadline_effective) == (D(2026, 2, 23), D(2026, 2, 23))
    assert february.deadline_moved


def test_day_31_is_the_last_day_of_a_short_month() -> None:
    rule(deadline_day=31)
    february = periods_for(2026, kind="month", report="test")[1]
    assert february.deadline == D(2026, 2, 28)  # a Saturday
    assert february.deadline_effective == D(2026, 3, 2)
    assert periods_for(2028, kind="month", report="test")[1].deadline == D(2028, 2, 29)


def test_working_days_rule_uses_the_province_calendar() -> None:
    rule(
        window="calendar",
        deadline_rule="working_days_after_cutoff",
        deadline_day=None,
        deadline_working_days=1,
    )
    assert periods_for(2026, kind="month", report="test")[2].deadline == D(2026, 4, 1)
    set_calendar_day(day=D(2026, 4, 1), kind="day_off", name="Nghỉ của tỉnh")
    assert periods_for(2026, kind="month", report="test")[2].deadline == D(2026, 4, 2)


def test_a_rule_change_in_mid_2026_leaves_2025_unchanged() -> None:
    before_2025 = periods_for(2025)
    quarter = PeriodRule.objects.get(report="par", period_kind="quarter")
    new = change_rule_from(
        rule=quarter, on=D(2026, 7, 1), changes={"deadline_day": 25}, reason="Thông tư mới"
    )
    assert periods_for(2025) == before_2025  # same windows, deadlines and rules
    assert [p.deadline for p in before_2025 if p.kind == "quarter"] == [
        D(2025, 3, 20),
        D(2025, 9, 20),
    ]
    quarters = periods_for(2026, kind="quarter")
    # The period rule is the province's deadline; the agencies' rule is unchanged.
    assert [(p.label, p.province_deadline, p.deadline) for p in quarters] == [
        ("Quý I/2026", D(2026, 3, 20), D(2026, 3, 20)),
        ("Quý III/2026", D(2026, 9, 25), D(2026, 9, 20)),
    ]
    assert quarters[0].rule_id == quarter.pk
    assert quarters[1].rule_id == new.pk
    quarter.refresh_from_db()
    assert quarter.valid_until == D(2026, 6, 30)
    actions = list(PeriodRuleChange.objects.filter(rule=quarter).values_list("action", flat=True))
    assert actions == ["created", "ended"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"deadline_day": 0}, "deadline_day"),
        ({"deadline_day": 32}, "deadline_day"),
        ({"deadline_day": 10}, "deadline_day"),  # on or before the cut-off (14th)
        ({"deadline_day": None}, "deadline_day"),
        (
            {
                "deadline_rule": "working_days_after_cutoff",
                "deadline_day": None,
                "deadline_working_days": 0,
            },
            "deadline_working_days",
        ),
        (
            {"deadline_rule": "working_days_after_cutoff", "deadline_working_days": 2},
            "deadline_day",
        ),
        ({"window": "calendar"}, "deadline_rule"),
        ({"valid_until": D(2019, 12, 31)}, "valid_until"),
        ({"period_kind": "week"}, "period_kind"),
    ],
)
def test_bad_rules_are_refused_naming_the_field(fields: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as error:
        rule(**fields)
    assert field in error.value.message_dict, error.value.message_dict
    assert not PeriodRule.objects.filter(report="test").exists()


def test_overlapping_rules_are_refused() -> None:
    first = rule(valid_from=D(2021, 1, 1), valid_until=D(2025, 12, 31))
    with pytest.raises(ValidationError) as error:
        rule(valid_from=D(2025, 7, 1))
    assert "valid_from" in error.value.message_dict
    assert "2021-01-01" in error.value.message_dict["valid_from"][0]
    rule(valid_from=D(2026, 1, 1))  # after the first ends: fine
    with pytest.raises(ValidationError):
        correct_rule(rule=first, changes={"valid_until": None})
    rule(period_kind="quarter", valid_from=D(2025, 7, 1))  # another period: fine


def test_the_database_refuses_what_validation_would() -> None:
    base = {
        "report": "raw",
        "report_name": "Raw",
        "period_kind": "month",
        "deadline_rule": "day_of_last_month",
        "valid_from": D(2026, 1, 1),
    }
    for bad in ({"deadline_day": 0}, {"deadline_day": 32}, {"deadline_day": None}):
        with pytest.raises(IntegrityError), transaction.atomic():
            PeriodRule.objects.create(**base, **bad)


def test_correcting_a_rule_keeps_the_history() -> None:
    year = PeriodRule.objects.get(report="par", period_kind="year")
    change = correct_rule(rule=year, changes={"legal_basis": "581/BNV-CCHC"}, reason="Gọn")
    assert change is not None
    assert change.changes["legal_basis"]["to"] == "581/BNV-CCHC"
    assert correct_rule(rule=year, changes={"legal_basis": "581/BNV-CCHC"}) is None


def test_default_rules_migration_reverses() -> None:
    migration = importlib.import_module("cchc.scheduling.migrations.0002_default_period_rules")
    assert PeriodRule.objects.count() == 6
    migration.remove_rules(apps, None)
    assert not PeriodRule.objects.exists()
    migration.create_rules(apps, None)
    migration.create_rules(apps, None)  # idempotent
    assert PeriodRule.objects.count() == 6
    assert PeriodRuleChange.objects.count() == 6


def test_periods_command_json() -> None:
    out = StringIO()
    call_command("periods", "2026", "--json", stdout=out)
    periods = json.loads(out.getvalue())["periods"]
    assert periods[0] == {
        "label": "Quý I/2026",
        "kind": "quarter",
        "start": "2025-12-15",
        "end": "2026-03-14",
        "deadline": "2026-03-20",
        "deadline_effective": "2026-03-20",
        "province_deadline": "2026-03-20",
        "province_deadline_effective": "2026-03-20",
    }
    assert [p["label"] for p in periods] == [
        "Quý I/2026",
        "6 tháng đầu năm 2026",
        "Quý III/2026",
        "Năm 2026",
    ]
    out = StringIO()
    call_command("periods", "2026", "--kind", "year", "--report", "stats", "--json", stdout=out)
    assert json.loads(out.getvalue())["periods"][0]["end"] == "2026-12-31"


def test_periods_command_text_and_errors() -> None:
    out = StringIO()
    call_command("periods", "2026", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Quý I/2026")
    assert "2026-06-22" in lines[1]  # 20/6/2026 is a Saturday
    with pytest.raises(CommandError, match="unknown-report"):
        call_command("periods", "2026", "--report", "unknown-report")


def _rule_form(rule: PeriodRule, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        name: ("" if value is None else value)
        for name, value in (
            (name, getattr(rule, name))
            for name in (
                "report",
                "report_name",
                "period_kind",
                "window",
                "deadline_rule",
                "deadline_day",
                "deadline_working_days",
                "valid_from",
                "valid_until",
                "legal_basis",
                "notes",
            )
        )
    }
    if rule.replaced_by_longer:
        data["replaced_by_longer"] = "on"
    if rule.confirmed:
        data["confirmed"] = "on"
    data.update({"history-TOTAL_FORMS": "0", "history-INITIAL_FORMS": "0"})
    data.update(changes)
    return data


def test_admin_edits_rules_through_the_actions(client: Client, superuser: User) -> None:
    client.force_login(superuser)
    year = PeriodRule.objects.get(report="par", period_kind="year")
    url = f"/admin/scheduling/periodrule/{year.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(url, _rule_form(year, notes="Đã đối chiếu", reason="Kiểm tra lại"))
    assert response.status_code == 302, response.content.decode()[:2000]
    change = PeriodRuleChange.objects.filter(rule=year).last()
    assert (change.action, change.actor, change.reason) == ("changed", superuser, "Kiểm tra lại")
    # A bad day is shown on the form, not stored.
    response = client.post(url, _rule_form(year, deadline_day="32"))
    assert response.status_code == 200
    assert "Ngày hạn nộp phải là một ngày trong tháng" in response.content.decode()
    year.refresh_from_db()
    assert year.deadline_day == 20

    new = PeriodRule(
        report="par",
        report_name="Báo cáo CCHC",
        period_kind="nine_months",
        window="nd09",
        deadline_rule="day_of_last_month",
        deadline_day=20,
        valid_from=D(2026, 1, 1),
    )
    response = client.post("/admin/scheduling/periodrule/add/", _rule_form(new, reason="Tỉnh"))
    assert response.status_code == 302, response.content.decode()[:2000]
    added = PeriodRule.objects.get(period_kind="nine_months")
    assert added.history.get().action == "created"
    assert [p.label for p in periods_for(2026, kind="nine_months")] == ["9 tháng năm 2026"]


def test_periods_are_read_once_per_process_until_a_rule_changes(
    django_assert_num_queries: Any,
) -> None:
    first = rule(deadline_day=20)
    periods_for(2026, report="test")
    with django_assert_num_queries(1):  # the schedule version only
        assert periods_for(2026, kind="month", report="test")[3].deadline == D(2026, 4, 20)
    correct_rule(rule=first, changes={"deadline_day": 21})
    assert periods_for(2026, kind="month", report="test")[3].deadline == D(2026, 4, 21)
    set_calendar_day(day=D(2026, 4, 21), kind="day_off", name="Nghỉ của tỉnh")
    assert periods_for(2026, kind="month", report="test")[3].deadline_effective == D(2026, 4, 22)
