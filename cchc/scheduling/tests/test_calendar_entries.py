"""The announced calendar overrides the holidays package (issue 13): dated entries with their
legal basis, the New Year 2026 swap, no 24/11 day off, Chạp names from the lunar table, the
command's --diff, and the secretariat's page."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cchc.agencies.models import Agency, AgencyLevel
from cchc.conftest import member, secretariat_agency
from cchc.scheduling import lunar
from cchc.scheduling.actions import confirm_calendar_day, set_calendar_day
from cchc.scheduling.models import CalendarDay, CalendarDayChange, CalendarDayKind
from cchc.scheduling.workdays import WorkCalendar, add_working_days, is_working_day

D = dt.date
pytestmark = pytest.mark.django_db


def _agency() -> Agency:
    return Agency.objects.create(
        code="test.so-cal", name="Sở thử nghiệm lịch", level=AgencyLevel.DEPARTMENT
    )


def test_new_year_2026_swap_as_announced() -> None:
    assert not is_working_day(D(2026, 1, 2))  # Friday off
    assert is_working_day(D(2026, 1, 10))  # Saturday worked
    assert add_working_days(D(2026, 1, 9), 1) == D(2026, 1, 10)
    entry = CalendarDay.objects.get(date=D(2026, 1, 2))
    assert (entry.basis_number, entry.basis_date, entry.confirmed) == (
        "12729/VPCP-KGVX",
        D(2025, 12, 25),
        True,
    )
    assert WorkCalendar().info(D(2026, 1, 10)).source == "national"


def test_vietnamese_culture_day_is_not_a_day_off() -> None:
    assert is_working_day(D(2026, 11, 24))  # the package counts it in 2026
    assert WorkCalendar(province=False).is_working_day(D(2027, 11, 24))  # package years too


def test_package_years_name_chap_days_from_the_lunar_table() -> None:
    info = WorkCalendar(province=False).info(D(2027, 2, 4))
    assert (info.working, info.name) == (False, "28 tháng Chạp")


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2025, 1, 27), "28 tháng Chạp"),  # the package says "29 Tết"
        (D(2025, 1, 28), "29 Tết"),  # no 30 Tết in 2025
        (D(2024, 2, 8), "29 Tết"),
        (D(2024, 2, 9), "30 Tết"),
        (D(2026, 2, 16), "29 Tết"),
        (D(2026, 2, 17), None),  # mùng 1
    ],
)
def test_chap_names(day: dt.date, name: str | None) -> None:
    assert lunar.chap_name(day) == name


def test_announced_names_follow_the_lunar_date() -> None:
    assert CalendarDay.objects.get(date=D(2025, 1, 27)).name.startswith("28 tháng Chạp")


def test_diff_lists_where_the_package_differs() -> None:
    out = StringIO()
    call_command("calendar", "2026", "--diff", "--json", stdout=out)
    rows = {r["date"]: r for r in json.loads(out.getvalue())["differences"]}
    assert set(rows) == {"2026-01-02", "2026-01-10", "2026-11-24"}
    assert rows["2026-01-02"]["package_working"] is True
    assert rows["2026-01-02"]["working"] is False
    assert rows["2026-11-24"]["package_name"] == "Ngày Văn hóa Việt Nam"
    out = StringIO()
    call_command("calendar", "2025", "--diff", stdout=out)
    assert "agree" in out.getvalue() or "khớp" in out.getvalue()


def test_a_confirmed_entry_needs_its_legal_basis() -> None:
    with pytest.raises(ValidationError) as error:
        set_calendar_day(
            day=D(2026, 5, 4), kind=CalendarDayKind.DAY_OFF, name="Nghỉ", confirmed=True
        )
    assert "basis_number" in error.value.message_dict
    row = set_calendar_day(day=D(2026, 5, 4), kind=CalendarDayKind.DAY_OFF, name="Nghỉ")
    assert not row.confirmed
    row = confirm_calendar_day(
        row=row,
        basis_number="1/TB-UBND",
        basis_date=D(2026, 4, 1),
        basis_issuer="UBND tỉnh",
        reason="Đã đối chiếu",
    )
    assert row.confirmed and row.basis == "1/TB-UBND, 01/04/2026, UBND tỉnh"
    assert CalendarDayChange.objects.filter(date=D(2026, 5, 4)).count() == 2


def test_calendar_page_lists_entries_and_the_secretariat_sets_one(client: Client) -> None:
    secretariat = member("sec-cal", "secretariat", secretariat_agency())
    client.force_login(secretariat)
    response = client.get(reverse("scheduling:calendar") + "?year=2026")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-date="2026-01-02"' in html and "12729/VPCP-KGVX" in html
    assert 'data-date="2026-11-24"' in html.split('id="calendar-diff"', 1)[1]
    response = client.post(
        reverse("scheduling:calendar"),
        {
            "date": "2026-05-04",
            "kind": "day_off",
            "name": "Nghỉ bù lễ hội tỉnh",
            "scope": "province",
            "basis_number": "",
            "confirmed": "on",
            "reason": "",
        },
    )
    assert response.status_code == 200  # refused: confirmed without a basis
    assert "basis_number" in response.context["form"].errors
    response = client.post(
        reverse("scheduling:calendar"),
        {
            "date": "2026-05-04",
            "kind": "day_off",
            "name": "Nghỉ bù lễ hội tỉnh",
            "scope": "province",
            "basis_number": "12/QĐ-UBND",
            "confirmed": "on",
            "reason": "Quyết định của tỉnh",
        },
    )
    assert response.status_code == 302
    assert not is_working_day(D(2026, 5, 4))
    change = CalendarDayChange.objects.get(date=D(2026, 5, 4))
    assert change.actor == secretariat and change.reason == "Quyết định của tỉnh"


def test_a_leader_sees_the_calendar_but_cannot_set_days(client: Client) -> None:
    agency = _agency()
    client.force_login(member("leader-cal", "leader", agency))
    assert client.get(reverse("scheduling:calendar")).status_code == 200
    response = client.post(
        reverse("scheduling:calendar"),
        {"date": "2026-05-04", "kind": "day_off", "name": "x", "scope": "province"},
    )
    assert response.status_code == 403
    assert not CalendarDay.objects.filter(date=D(2026, 5, 4)).exists()
