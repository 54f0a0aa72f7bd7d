"""The secretariat's status grid: the one category rule, the page's counts, totals and rates,
who sees it, its filters and links, reminders sent from it, and the review list filtered to
one agency and period with its bulk approval.

The scenario is the third quarter of 2024 (cut-off 14/9, deadline 20/9), seen on 25/9/2024.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from cchc.accounts.models import Role
from cchc.agencies.models import Agency, Contact
from cchc.core.text import fold
from cchc.plans.models import Plan
from cchc.reporting import grid
from cchc.reporting.actions import (
    approve_report,
    return_report,
    save_draft,
    start_report,
    submit_report,
)
from cchc.reporting.grid import Category, GridFilters, category
from cchc.reporting.models import Report, ReportState
from cchc.reporting.signoff import set_sign_off
from cchc.reporting.tests.test_views import as_user, member, messages_of
from cchc.reporting.views import common
from cchc.scheduling import selectors as due
from cchc.scheduling.models import Obligation, ObligationStatus, Reminder
from cchc.scheduling.workdays import WorkCalendar

pytestmark = pytest.mark.django_db

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
ON = dt.date(2024, 9, 25)
DEADLINE = dt.date(2024, 9, 20)
LATER = dt.date(2024, 9, 30)
Q3 = {"year": "2024", "period": "quarter-3"}
TP, TT = "bg.so-tu-phap", "bg.so-tt-tt"


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL)


# -- the rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "submitted_at", "deadline", "expected"),
    [
        # Reached the secretariat: on time up to the last minute of the deadline, local time.
        ("submitted", at(DEADLINE, 23, 59), DEADLINE, Category.ON_TIME),
        ("approved", at(DEADLINE, 8), DEADLINE, Category.ON_TIME),
        # 21/9 00:30 in Vietnam is still 20/9 in UTC: late all the same.
        ("submitted", at(DEADLINE + dt.timedelta(days=1), 0, 30), DEADLINE, Category.LATE),
        ("approved", at(dt.date(2024, 9, 24), 9), DEADLINE, Category.LATE),
        # Sent after the day looked at is still sent: the deadline alone decides.
        ("submitted", at(dt.date(2024, 9, 28), 9), LATER, Category.ON_TIME),
        # Not sent, deadline to come (the day of the deadline included).
        ("draft", None, LATER, Category.IN_PROGRESS),
        ("returned", at(dt.date(2024, 9, 22), 9), LATER, Category.IN_PROGRESS),
        ("awaiting_sign_off", at(dt.date(2024, 9, 22), 9), LATER, Category.IN_PROGRESS),
        ("draft", None, ON, Category.IN_PROGRESS),
        (None, None, LATER, Category.NOT_STARTED),
        (None, None, ON, Category.NOT_STARTED),
        # Not sent, deadline passed.
        ("draft", None, DEADLINE, Category.OVERDUE),
        ("returned", at(dt.date(2024, 9, 18), 9), DEADLINE, Category.OVERDUE),
        ("awaiting_sign_off", at(dt.date(2024, 9, 19), 9), DEADLINE, Category.OVERDUE),
        (None, None, DEADLINE, Category.OVERDUE),
    ],
)
def test_the_category_rule(state, submitted_at, deadline, expected):
    assert category(deadline=deadline, state=state, submitted_at=submitted_at, on=ON) == expected


def test_category_labels():
    with translation.override("en"):
        assert [str(c.label) for c in Category] == [
            "On time",
            "Submitted late",
            "In progress within deadline",
            "Overdue",
            "Not started yet",
        ]


# -- the scenario -----------------------------------------------------------------------------


def q3(code: str) -> list[Obligation]:
    return list(
        Obligation.objects.filter(
            agency__code=code, role="lead", period_kind="quarter", period_end=dt.date(2024, 9, 14)
        ).order_by("activity__position", "pk")
    )


def send(obligation: Obligation, user: User, when: dt.datetime) -> Report:
    report = start_report(obligation=obligation, user=user)
    report = save_draft(
        report=report,
        user=user,
        expected_version=report.version,
        work_status="in_progress",
        percent=50,
        explanation="Chờ ý kiến các sở.",
        narrative="Đã triển khai.",
    )
    return submit_report(report=report, user=user, expected_version=report.version, now=when)


def set_deadline(obligation: Obligation, day: dt.date) -> None:
    Obligation.objects.filter(pk=obligation.pk).update(deadline=day)


@pytest.fixture
def people(plan: Plan) -> dict[str, User]:
    return {
        "focal": member("focal-tp", Role.FOCAL_POINT, TP),
        "head": member("head-tp", Role.HEAD, TP),
        "focal_tt": member("focal-tt", Role.FOCAL_POINT, TT),
        "head_tt": member("head-tt", Role.HEAD, TT),
        "secretariat": member("snv-staff", Role.SECRETARIAT, "bg.so-noi-vu"),
        "leader": member("leader", Role.LEADER, "bg.ubnd-tinh"),
        "admin": User.objects.create_superuser("root", "root@example.org", None),
    }


@pytest.fixture
def scenario(people, monkeypatch) -> dict[str, Obligation]:
    """Sở Tư pháp (4): A on time and approved, B late and awaiting review, C a draft past
    its deadline, D nothing. Sở TT-TT (10): E draft, F returned, G awaiting the head's
    sign-off, H nothing, all due 30/9; I returned past its deadline; J not applicable; K due
    today, nothing; the three others nothing, past their deadline. Every other agency: nothing,
    past the deadline."""
    monkeypatch.setattr(common, "today", lambda: ON)
    a, b, c, d = q3(TP)
    e, f, g, h, i, j, k, *rest = q3(TT)
    assert len(rest) == 3
    for o in (e, f, g, h):
        set_deadline(o, LATER)
    set_deadline(k, ON)
    focal, focal_tt, snv = people["focal"], people["focal_tt"], people["secretariat"]
    approve_report(report=send(a, focal, at(DEADLINE, 23, 30)), user=snv)
    send(b, focal, at(DEADLINE + dt.timedelta(days=1), 0, 30))
    start_report(obligation=c, user=focal)
    start_report(obligation=e, user=focal_tt)
    return_report(report=send(f, focal_tt, at(ON, 8)), user=snv, comment="Bổ sung số liệu.")
    return_report(report=send(i, focal_tt, at(ON, 8)), user=snv, comment="Bổ sung số liệu.")
    set_sign_off(agency=Agency.objects.get(code=TT), required=True, by=snv)
    assert send(g, focal_tt, at(ON, 9)).state == ReportState.AWAITING_SIGN_OFF
    Obligation.objects.filter(pk=j.pk).update(
        status=ObligationStatus.NOT_APPLICABLE, reason="Đã hoàn thành từ năm trước."
    )
    return dict(zip("abcdefghijk", (a, b, c, d, e, f, g, h, i, j, k), strict=True))


def the_grid(**filters: Any) -> grid.Grid:
    period = next(
        p
        for p in due.report_periods(2024, calendar=WorkCalendar())
        if due.period_key(p) == "quarter-3"
    )
    return grid.status_grid(period=period, on=ON, filters=GridFilters(**filters))


def counts(row: grid.GridRow) -> dict[str, int]:
    return {**row.counts, "approved": row.approved, "awaiting_review": row.awaiting_review}


TP_COUNTS = {
    "on_time": 1,
    "late": 1,
    "in_progress": 0,
    "overdue": 2,
    "not_started": 0,
    "approved": 1,
    "awaiting_review": 1,
}
TT_COUNTS = {
    "on_time": 0,
    "late": 0,
    "in_progress": 3,
    "overdue": 4,
    "not_started": 2,
    "approved": 0,
    "awaiting_review": 0,
}


def test_the_grid_counts_each_agency_by_category(scenario):
    result = the_grid()
    rows = {r.agency_id: r for r in result.rows}
    tp, tt = Agency.objects.get(code=TP), Agency.objects.get(code=TT)
    assert counts(rows[tp.pk]) == TP_COUNTS
    assert counts(rows[tt.pk]) == TT_COUNTS
    assert (rows[tp.pk].total, rows[tp.pk].completeness, rows[tp.pk].timeliness) == (4, 50, 50)
    # Nothing sent: completeness 0 %, timeliness undefined.
    assert (rows[tt.pk].total, rows[tt.pk].completeness, rows[tt.pk].timeliness) == (9, 0, None)
    # The not-applicable obligation is nowhere, not even in the lists behind the counts.
    assert scenario["j"].pk not in result.obligations
    # Every other agency: all overdue.
    others = [r for r in result.rows if r.agency_id not in (tp.pk, tt.pk)]
    assert others and all(r.overdue == r.total for r in others)
    # Totals: the province's 54 lead reports of the quarter less the one not applicable.
    assert result.totals.total == 53 == sum(r.total for r in result.rows)
    assert result.totals.counts["on_time"] == 1 and result.totals.counts["late"] == 1
    assert result.totals.counts["overdue"] == 53 - 1 - 1 - 3 - 2
    assert result.totals.completeness == pytest.approx(200 / 53)
    assert result.totals.timeliness == 50
    # Most overdue first.
    assert [r.overdue for r in result.rows] == sorted(
        (r.overdue for r in result.rows), reverse=True
    )


def test_each_case_through_the_one_function(scenario):
    """The grid's category of every obligation is the rule's answer for its report."""
    result = the_grid()
    expected = {
        "a": Category.ON_TIME,
        "b": Category.LATE,
        "c": Category.OVERDUE,
        "d": Category.OVERDUE,
        "e": Category.IN_PROGRESS,
        "f": Category.IN_PROGRESS,
        "g": Category.IN_PROGRESS,
        "h": Category.NOT_STARTED,
        "i": Category.OVERDUE,
        "k": Category.NOT_STARTED,
    }
    for name, cat in expected.items():
        obligation = Obligation.objects.get(pk=scenario[name].pk)
        report = Report.objects.filter(obligation=obligation).first()
        assert (
            category(
                deadline=obligation.deadline,
                state=report.state if report else None,
                submitted_at=report.submitted_at if report else None,
                on=ON,
            )
            == cat
        ), name
        assert result.obligations[obligation.pk][1] == cat, name


# -- the page ---------------------------------------------------------------------------------


def english(user: User) -> Client:
    """A logged-in client that chose English (the pages are Vietnamese until one does)."""
    client = as_user(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def grid_page(client: Client, **params: str):
    return client.get(reverse("reporting:grid"), {**Q3, **params})


def cells(html: str, agency: Agency | None) -> dict[str, str]:
    """The text of each count cell of an agency's row (or of the totals row)."""
    marker = f'data-agency="{agency.pk}"' if agency else 'id="grid-totals"'
    row = html.split(marker, 1)[1].split("</tr>", 1)[0]
    return {
        name: re.sub(r"<[^>]+>", "", value).strip()
        for name, value in re.findall(r'data-count="([a-z_]+)">(.*?)</td>', row, re.S)
    }


def test_the_page_shows_the_counts_rates_and_totals(scenario, people):
    response = grid_page(english(people["secretariat"]))
    assert response.status_code == 200
    html = response.content.decode()
    tp, tt = Agency.objects.get(code=TP), Agency.objects.get(code=TT)
    assert cells(html, tp) == {
        "total": "4",
        **{k: str(v) for k, v in TP_COUNTS.items()},
        "completeness": "50%",
        "timeliness": "50%",
    }
    assert cells(html, tt) == {
        "total": "9",
        **{k: str(v) for k, v in TT_COUNTS.items()},
        "completeness": "0%",
        "timeliness": "—",
    }
    totals = cells(html, None)
    assert totals["total"] == "53" and totals["overdue"] == "46"
    assert totals["completeness"] == "4%" and totals["timeliness"] == "50%"
    for label in (
        "On time",
        "Submitted late",
        "In progress within deadline",
        "Overdue",
        "Not started yet",
    ):
        assert label in html
    # The agency's name leads to its obligations.
    assert reverse("scheduling:agency_due", args=[tp.pk]) in html


@pytest.mark.parametrize(
    ("who", "status", "controls"),
    [
        ("secretariat", 200, True),
        ("leader", 200, False),
        ("admin", 200, False),
        ("focal", 403, False),
        ("head", 403, False),
    ],
)
def test_who_sees_the_page(scenario, people, who, status, controls):
    response = grid_page(english(people[who]))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert ('id="grid-remind-form"' in html) is controls
        assert ('name="agencies"' in html) is controls
        assert ('class="review-link"' in html) is controls
        assert 'id="grid-table"' in html


def test_anonymous_is_sent_to_log_in(plan):
    response = Client().get(reverse("reporting:grid"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_page_costs_the_same_whatever_the_agencies(
    scenario, people, django_assert_max_num_queries
):
    client = english(people["secretariat"])
    with django_assert_max_num_queries(11):
        response = grid_page(client, category="overdue")
    assert response.context["grid"].rows and len(response.context["list_rows"]) == 46
    # More agencies with reports: the same number of queries.
    for code in ("bg.ubnd-tinh", "bg.ubnd-yen-the", "bg.vp-ubnd"):
        user = member(f"focal-{code}", Role.FOCAL_POINT, code)
        send(q3(code)[0], user, at(ON, 10))
    with django_assert_max_num_queries(11):
        response = grid_page(client, category="late")
    assert len(response.context["list_rows"]) == 4


def test_each_count_lists_its_obligations(scenario, people):
    client = english(people["secretariat"])
    tp = Agency.objects.get(code=TP)
    response = grid_page(client, agency=str(tp.pk), category="overdue")
    listed = [r.obligation.pk for r in response.context["list_rows"]]
    assert listed == [scenario["c"].pk, scenario["d"].pk]
    html = response.content.decode()
    assert f'data-obligation="{scenario["c"].pk}"' in html
    assert reverse("reporting:obligation", args=[scenario["c"].pk]) in html
    # The links of the row carry the filters and the count.
    assert f"agency={tp.pk}&amp;category=overdue" in html or (
        f"category=overdue&amp;agency={tp.pk}" in html
    )
    response = grid_page(client, agency=str(tp.pk), category="approved")
    assert [r.obligation.pk for r in response.context["list_rows"]] == [scenario["a"].pk]
    response = grid_page(client, agency=str(tp.pk), category="all")
    assert len(response.context["list_rows"]) == 4
    # Of every agency: the totals row's links.
    response = grid_page(client, category="not_started")
    assert {r.obligation.pk for r in response.context["list_rows"]} == {
        scenario["h"].pk,
        scenario["k"].pk,
    }
    # An unknown count lists nothing.
    response = grid_page(client, category="whatever")
    assert "list_rows" not in response.context


def test_filters_and_order(scenario, people):
    client = english(people["secretariat"])
    tp, tt = Agency.objects.get(code=TP), Agency.objects.get(code=TT)
    # Kind of agency: departments only.
    response = grid_page(client, level="department")
    ids = [r.agency_id for r in response.context["grid"].rows]
    assert tp.pk in ids and tt.pk in ids
    assert set(Agency.objects.filter(pk__in=ids).values_list("level", flat=True)) == {"department"}
    # Reform area: only the obligations of the activities of that area.
    area_id = scenario["a"].activity.area_id
    response = grid_page(client, plan=str(scenario["a"].activity.plan_id), area=str(area_id))
    expected = Obligation.objects.filter(
        pk__in=list(the_grid().obligations), activity__area_id=area_id
    ).count()
    assert 0 < response.context["grid"].totals.total == expected < 53
    # An unknown plan is dropped, not refused.
    assert grid_page(client, plan="999999").context["grid"].totals.total == 53
    # By name.
    response = grid_page(client, sort="name")
    names = [r.name for r in response.context["grid"].rows]
    assert names == sorted(names, key=fold)


def test_only_agencies_with_overdue_reports(plan, people, monkeypatch):
    # 19/9: after the cut-off (14/9), before the deadline (20/9).
    monkeypatch.setattr(common, "today", lambda: dt.date(2024, 9, 19))
    client = english(people["secretariat"])
    response = grid_page(client)
    assert response.context["grid"].rows and response.context["grid"].totals.overdue == 0
    assert grid_page(client, overdue="on").context["grid"].rows == []
    late = q3(TP)[0]
    set_deadline(late, dt.date(2024, 9, 16))
    response = grid_page(client, overdue="on")
    assert [r.agency_id for r in response.context["grid"].rows] == [late.agency_id]
    assert response.context["grid"].totals.total == 4


# -- reminders from the grid ------------------------------------------------------------------


@pytest.fixture
def contacts(plan) -> None:
    tp = Agency.objects.get(code=TP)
    Contact.objects.create(agency=tp, name="Chị Lan", email="lan@stp.example.vn")
    Contact.objects.create(
        agency=tp, name="Anh Hùng", email="hung@stp.example.vn", role=Contact.Role.HEAD
    )
    Contact.objects.create(agency=tp, name="Cũ", email="old@stp.example.vn", active=False)


def remind(client: Client, *agencies: Agency, **extra: str):
    return client.post(
        reverse("reporting:grid_remind"),
        {"agencies": [a.pk for a in agencies], **Q3, **extra},
        follow=True,
    )


def test_reminders_go_to_the_agencys_contacts_once_a_day(
    scenario, people, contacts, settings, monkeypatch
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client = english(people["secretariat"])
    tp, tt = Agency.objects.get(code=TP), Agency.objects.get(code=TT)
    # Sở TT-TT: its members have no e-mail address, and it has no contact.
    User.objects.filter(pk__in=[people["focal_tt"].pk, people["head_tt"].pk]).update(email="")
    response = remind(client, tp, tt)
    assert response.status_code == 200
    # Sở Tư pháp: C and D are sent (A approved, B submitted), to the focal point and head's
    # accounts and contacts.
    # One e-mail per person, each listing both reports.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "focal-tp@example.org",
        "head-tp@example.org",
        "hung@stp.example.vn",
        "lan@stp.example.vn",
    ]
    assert all(len(m.to) == 1 and "2" in m.subject for m in mail.outbox)
    rows = Reminder.objects.filter(stage=Reminder.Stage.MANUAL)
    assert {r.obligation_id for r in rows} == {scenario["c"].pk, scenario["d"].pk}
    assert {(r.sent_on, r.requested_by_id) for r in rows} == {(ON, people["secretariat"].pk)}
    assert messages_of(response) == [
        "Reminders: 2 sent, 0 already sent today, 9 not sent because the agency has no contact."
    ]
    # The second click the same day sends nothing.
    response = remind(client, tp)
    assert len(mail.outbox) == 4
    assert messages_of(response) == [
        "Reminders: 0 sent, 2 already sent today, 0 not sent because the agency has no contact."
    ]
    # The next day it goes again.
    monkeypatch.setattr(common, "today", lambda: ON + dt.timedelta(days=1))
    remind(client, tp)
    assert len(mail.outbox) == 8
    # Back to the grid the button was on.
    assert response.redirect_chain[-1][0].startswith(reverse("reporting:grid"))


def test_reminders_are_refused_to_others(scenario, people, contacts, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    tp = Agency.objects.get(code=TP)
    for who in ("leader", "admin", "focal", "head"):
        assert remind(english(people[who]), tp).status_code == 403
    assert (
        Client()
        .post(reverse("reporting:grid_remind"), {"agencies": [tp.pk], **Q3})["Location"]
        .startswith("/accounts/login/")
    )
    assert not mail.outbox and not Reminder.objects.exists()


def test_a_reminder_needs_agencies_and_the_period_shown(scenario, people, contacts, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client = english(people["secretariat"])
    response = remind(client)
    assert messages_of(response) == ["Choose the agencies to remind."]
    tp = Agency.objects.get(code=TP)
    response = remind(client, tp, period="quarter-9")
    assert messages_of(response) == ["Choose a reporting period."]
    assert not mail.outbox


# -- review from the grid ---------------------------------------------------------------------


def test_the_review_list_filtered_to_an_agency_and_period(
    scenario, people, django_assert_max_num_queries
):
    focal, snv = people["focal"], people["secretariat"]
    q1 = Obligation.objects.filter(agency__code=TP, role="lead", period_label="Quý I/2024")[0]
    other_period = send(q1, focal, at(dt.date(2024, 3, 19), 9))
    tp = Agency.objects.get(code=TP)
    b = Report.objects.get(obligation=scenario["b"])
    # The grid's link.
    html = grid_page(english(snv)).content.decode()
    link = f"{reverse('reporting:review')}?agency={tp.pk}&amp;year=2024&amp;period=quarter-3"
    assert link in html
    client = english(snv)
    with django_assert_max_num_queries(15):  # one of them: counting the pages
        response = client.get(reverse("reporting:review"), {"agency": str(tp.pk), **Q3})
    assert [r.pk for r in response.context["reports"]] == [b.pk]
    assert b'id="review-filter-agency"' in response.content
    # Unfiltered: both.
    response = client.get(reverse("reporting:review"))
    assert {r.pk for r in response.context["reports"]} == {b.pk, other_period.pk}
    # Approving from the filtered list comes back to it.
    response = client.post(
        reverse("reporting:bulk_approve"),
        {"reports": [b.pk], "comment": "Đạt.", "agency": tp.pk, **Q3},
    )
    assert response.status_code == 302
    assert response["Location"] == (
        f"{reverse('reporting:review')}?agency={tp.pk}&year=2024&period=quarter-3"
    )
    assert Report.objects.get(pk=b.pk).state == ReportState.APPROVED
    assert Report.objects.get(pk=other_period.pk).state == ReportState.SUBMITTED
    response = client.get(response["Location"])
    assert response.context["reports"] == []
    assert messages_of(response) == ["1 reports approved."]
    # A refused approval also comes back to the filtered list.
    response = client.post(
        reverse("reporting:bulk_approve"), {"reports": [b.pk], "agency": tp.pk, **Q3}
    )
    assert response["Location"].endswith("period=quarter-3")
    assert Report.objects.get(pk=other_period.pk).state == ReportState.SUBMITTED


def test_links_to_the_grid(plan, people):
    client = english(people["secretariat"])
    due_page = client.get(reverse("scheduling:due"), Q3)
    assert b'id="nav-grid"' in due_page.content
    assert b'id="grid-link"' in due_page.content
    focal_page = english(people["focal"]).get(reverse("scheduling:due"), Q3)
    assert b'id="nav-grid"' not in focal_page.content
    assert b'id="grid-link"' not in focal_page.content
