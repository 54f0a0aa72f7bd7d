"""The working-day calendar: weekends, national holidays (Tết, 2/9, days swapped), the
province's own days, counting across them, and the cost of ranges."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.scheduling.actions import remove_calendar_day, set_calendar_day
from cchc.scheduling.models import CalendarDay, CalendarDayChange, CalendarDayKind
from cchc.scheduling.workdays import (
    WorkCalendar,
    add_working_days,
    is_working_day,
    next_working_day,
    working_days_between,
)

D = dt.date
pytestmark = pytest.mark.django_db


def national() -> WorkCalendar:
    """The national calendar only: no query, usable from property tests."""
    return WorkCalendar(province=False)


def test_weekends_and_ordinary_days() -> None:
    assert is_working_day(D(2026, 3, 13))  # Friday
    assert not is_working_day(D(2026, 3, 14))  # Saturday
    assert not is_working_day(D(2026, 3, 15))  # Sunday
    assert next_working_day(D(2026, 3, 13)) == D(2026, 3, 16)


def test_tet_2026() -> None:
    for day in range(16, 21):
        assert not is_working_day(D(2026, 2, day)), day
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert add_working_days(D(2026, 2, 23), -1) == D(2026, 2, 13)
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1
    assert working_days_between(D(2026, 2, 23), D(2026, 2, 13)) == -1


def test_national_day_2026_with_the_saturday_worked() -> None:
    for day in (D(2026, 8, 31), D(2026, 9, 1), D(2026, 9, 2)):
        assert not is_working_day(day), day
    # Saturday 22/8/2026 is worked to make up Monday 31/8.
    assert is_working_day(D(2026, 8, 22))
    assert add_working_days(D(2026, 8, 28), 1) == D(2026, 9, 3)
    assert add_working_days(D(2026, 8, 21), 1) == D(2026, 8, 22)


def test_counting_across_the_year_end() -> None:
    # 1/1/2026 is a holiday and Friday 2/1 a day off swapped with Saturday 10/1
    # (Văn bản 12729/VPCP-KGVX, 25/12/2025): the package had 2/1 as a working day.
    assert add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 5)
    assert add_working_days(D(2026, 1, 5), -1) == D(2025, 12, 31)
    assert working_days_between(D(2025, 12, 30), D(2026, 1, 5)) == 2  # 31/12, 5/1
    assert add_working_days(D(2026, 3, 14), 0) == D(2026, 3, 14)


def test_a_whole_year_counts_its_working_days() -> None:
    calendar = national()
    year = [D(2026, 1, 1) + dt.timedelta(days=n) for n in range(365)]
    expected = sum(calendar.is_working_day(d) for d in year)
    assert calendar.working_days_between(D(2025, 12, 31), D(2026, 12, 31)) == expected
    assert 240 < expected < 255


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=D(2020, 1, 1), max_value=D(2032, 12, 31)),
    k=st.integers(min_value=-400, max_value=400),
)
def test_adding_and_counting_agree(start: dt.date, k: int) -> None:
    calendar = national()
    end = calendar.add_working_days(start, k)
    assert calendar.working_days_between(start, end) == k
    if k != 0:
        assert calendar.is_working_day(end)
        assert (end > start) == (k > 0)


def test_province_days_override_the_national_calendar() -> None:
    monday = D(2026, 3, 16)
    set_calendar_day(
        day=monday, kind=CalendarDayKind.DAY_OFF, name="Nghỉ bù sự kiện tỉnh", source="TB 1/UBND"
    )
    saturday = D(2026, 3, 21)
    set_calendar_day(day=saturday, kind=CalendarDayKind.WORKING_DAY, name="Làm bù 16/3")
    assert not is_working_day(monday)
    assert is_working_day(saturday)
    assert add_working_days(D(2026, 3, 13), 1) == D(2026, 3, 17)
    assert add_working_days(D(2026, 3, 20), 1) == D(2026, 3, 21)
    info = WorkCalendar().info(monday)
    assert (info.working, info.source) == (False, "province")

    assert remove_calendar_day(day=monday, reason="Nhập nhầm")
    assert is_working_day(monday)
    assert not remove_calendar_day(day=monday)
    actions = list(CalendarDayChange.objects.filter(date=monday).values_list("action", flat=True))
    assert actions == ["set", "removed"]


def test_a_province_day_can_cancel_a_national_holiday() -> None:
    set_calendar_day(day=D(2026, 11, 24), kind=CalendarDayKind.WORKING_DAY, name="Làm việc")
    assert is_working_day(D(2026, 11, 24))


def test_setting_the_same_day_twice_writes_one_history_row() -> None:
    for _ in range(2):
        set_calendar_day(day=D(2026, 5, 4), kind=CalendarDayKind.DAY_OFF, name="Nghỉ")
    assert CalendarDay.objects.filter(date=D(2026, 5, 4)).count() == 1
    assert CalendarDayChange.objects.filter(date=D(2026, 5, 4)).count() == 1
    set_calendar_day(day=D(2026, 5, 4), kind=CalendarDayKind.HOLIDAY, name="Lễ hội tỉnh")
    assert CalendarDayChange.objects.filter(date=D(2026, 5, 4)).count() == 2
    assert CalendarDay.objects.get(date=D(2026, 5, 4)).kind == CalendarDayKind.HOLIDAY


@pytest.mark.parametrize(
    ("kind", "name", "field"),
    [("vacation", "Nghỉ", "kind"), ("day_off", "  ", "name")],
)
def test_bad_calendar_days_are_refused(kind: str, name: str, field: str) -> None:
    with pytest.raises(ValidationError) as error:
        set_calendar_day(day=D(2026, 5, 4), kind=kind, name=name)
    assert field in error.value.message_dict
    assert not CalendarDay.objects.filter(date=D(2026, 5, 4)).exists()


def test_one_query_per_year(django_assert_num_queries: Any) -> None:
    set_calendar_day(day=D(2026, 3, 16), kind=CalendarDayKind.DAY_OFF, name="Nghỉ")
    calendar = WorkCalendar()
    with django_assert_num_queries(2):  # the schedule version, then the year's entries
        for n in range(365):
            calendar.is_working_day(D(2026, 1, 1) + dt.timedelta(days=n))
        calendar.add_working_days(D(2026, 1, 5), 100)
        calendar.working_days_between(D(2026, 1, 1), D(2026, 12, 31))
    with django_assert_num_queries(1):
        calendar.add_working_days(D(2026, 12, 1), 30)  # reaches 2027
    # Another calendar of the process reads the version only: the years are cached under it.
    with django_assert_num_queries(1):
        again = WorkCalendar()
        assert not again.is_working_day(D(2026, 3, 16))
        again.add_working_days(D(2026, 12, 1), 30)


def test_a_calendar_change_is_seen_at_once_by_the_next_calendar() -> None:
    assert WorkCalendar().is_working_day(D(2026, 3, 17))
    set_calendar_day(day=D(2026, 3, 17), kind=CalendarDayKind.DAY_OFF, name="Nghỉ")
    assert not WorkCalendar().is_working_day(D(2026, 3, 17))
    remove_calendar_day(day=D(2026, 3, 17))
    assert WorkCalendar().is_working_day(D(2026, 3, 17))
    # A write through the ORM (the admin, a shell) bumps the version too.
    row = CalendarDay.objects.create(date=D(2026, 3, 18), kind=CalendarDayKind.DAY_OFF, name="X")
    assert not WorkCalendar().is_working_day(D(2026, 3, 18))
    row.delete()
    assert WorkCalendar().is_working_day(D(2026, 3, 18))


def test_calendar_command() -> None:
    out = StringIO()
    call_command("calendar", "2026", "--json", stdout=out)
    days = {d["date"]: d for d in json.loads(out.getvalue())["days"]}
    assert days["2026-02-17"]["working"] is False
    assert days["2026-08-22"]["working"] is True
    assert "2026-04-26" not in days  # a Sunday anyway; its Monday in lieu is listed
    assert days["2026-04-27"]["working"] is False
    out = StringIO()
    call_command("calendar", "--between", "2026-02-13", "2026-02-23", stdout=out)
    assert out.getvalue().startswith("1 ")


def test_admin_edits_calendar_days_through_the_actions(client: Client, superuser: User) -> None:
    client.force_login(superuser)
    response = client.post(
        "/admin/scheduling/calendarday/add/",
        {
            "date": "2026-03-16",
            "kind": "day_off",
            "name": "Nghỉ",
            "scope": "province",
            "source": "",
            "reason": "TB",
        },
    )
    assert response.status_code == 302
    row = CalendarDay.objects.get(date=D(2026, 3, 16))
    assert not is_working_day(D(2026, 3, 16))
    response = client.post(f"/admin/scheduling/calendarday/{row.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert is_working_day(D(2026, 3, 16))
    actions = list(
        CalendarDayChange.objects.filter(date=D(2026, 3, 16)).values_list("action", "reason")
    )
    assert actions == [("set", "TB"), ("removed", "")]
