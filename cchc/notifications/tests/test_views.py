"""The inbox, the work queues in the navigation, the home page by role, "my reports" with
returned reports first and its filters, the return comment at the top of a report; with
their query counts pinned (the navigation's queues: one query)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import translation

from cchc.accounts import permissions
from cchc.accounts.models import Role
from cchc.agencies.models import Agency
from cchc.conftest import member
from cchc.notifications import selectors
from cchc.notifications.actions import notify
from cchc.notifications.models import Notification
from cchc.notifications.tests.conftest import People, drafted
from cchc.reporting.actions import return_report, submit_report
from cchc.reporting.models import Report
from cchc.reporting.signoff import decline_sign_off, set_sign_off
from cchc.reporting.tests.conftest import ON
from cchc.reporting.views import common
from cchc.scheduling.models import Obligation

pytestmark = pytest.mark.django_db

IN_TIME = dt.datetime(2024, 3, 18, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(common, "today", lambda: ON)
    with translation.override("en"):
        yield


def client_of(user: User) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


def returned(obligation: Obligation, people: People, comment: str = "Bổ sung số liệu.") -> Report:
    report = drafted(obligation, people.focal)
    submit_report(report=report, user=people.focal, expected_version=report.version, now=IN_TIME)
    return return_report(report=report, user=people.secretariat, comment=comment)


def text(response: Any) -> str:
    return str(response.content.decode())


# -- the navigation --------------------------------------------------------------------------


def test_each_role_sees_its_queue_with_its_count(obligation, people):
    returned(obligation, people)
    focal = text(client_of(people.focal).get(reverse("plans:plan_list")))
    assert re.search(r'id="nav-returned-count">1<', focal)
    assert 'href="/reports/?state=returned"' in focal
    assert 'id="nav-review"' not in focal and 'id="nav-sign-off"' not in focal
    assert re.search(r'id="nav-bell-count">1<', focal)
    secretariat = text(client_of(people.secretariat).get(reverse("plans:plan_list")))
    assert re.search(r'id="nav-review-count">0<', secretariat)
    assert 'id="nav-returned"' not in secretariat
    assert 'id="nav-bell-count"' not in secretariat
    head = text(client_of(people.head).get(reverse("plans:plan_list")))
    assert re.search(r'id="nav-sign-off-count">0<', head)
    # Another agency's focal point: nothing returned to them, no queue shown.
    other = text(client_of(people.other_focal).get(reverse("plans:plan_list")))
    assert 'id="nav-returned"' not in other


def test_the_queues_cost_one_query(obligation, people, django_assert_num_queries):
    returned(obligation, people)
    set_sign_off(agency=obligation.agency, required=True, by=people.head)
    everyone = member("focal", Role.HEAD, obligation.agency)
    everyone = member("focal", Role.SECRETARIAT, Agency.objects.get(code="bg.so-noi-vu"))
    permissions.memberships_of(everyone)  # read once per request by every page anyway
    with django_assert_num_queries(1):
        queues = selectors.work_queues(user=everyone)
    assert (queues.review, queues.sign_off, queues.returned, queues.unread) == (0, 0, 1, 1)


# -- the inbox ---------------------------------------------------------------------------------


def test_the_inbox_lists_ones_own_newest_first_and_opening_marks_read(obligation, people):
    returned(obligation, people)
    client = client_of(people.focal)
    page = text(client.get(reverse("notifications:inbox")))
    assert "Report returned for changes" in page
    assert "Bổ sung số liệu." in page
    assert "notification-unread" in page
    note = Notification.objects.get(recipient=people.focal)
    response = client.get(reverse("notifications:open", args=[note.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:obligation", args=[obligation.pk])
    note.refresh_from_db()
    assert note.read_at is not None
    assert "notification-unread" not in text(client.get(reverse("notifications:inbox")))
    # Someone else's notification does not exist for them.
    assert (
        client_of(people.focal2).get(reverse("notifications:open", args=[note.pk])).status_code
        == 404
    )
    assert client_of(people.other_focal).get(reverse("notifications:inbox")).status_code == 200
    assert "Bổ sung" not in text(client_of(people.other_focal).get(reverse("notifications:inbox")))


def test_mark_all_read_is_a_post_of_ones_own(obligation, people):
    returned(obligation, people)
    client = client_of(people.focal)
    assert client.get(reverse("notifications:read_all")).status_code == 405
    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(recipient=people.focal, read_at=None).exists()
    assert Notification.objects.filter(recipient=people.focal2, read_at=None).exists()


def test_the_inbox_page_costs_a_fixed_number_of_queries(
    obligation, people, django_assert_max_num_queries
):
    for n in range(30):
        notify(
            recipients=[people.focal.pk],
            kind="reminder",
            url="/",
            text=f"Nhắc {n}",
            actor=people.secretariat,
        )
    client = client_of(people.focal)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("notifications:inbox"))
    assert text(response).count('class="list-group-item notification') == 30


def test_the_api_lists_and_reads_ones_own_only(obligation, people):
    returned(obligation, people)
    client = client_of(people.focal)
    body = client.get("/api/v1/notifications/").json()
    assert body["count"] == 1 and body["unread"] == 1
    item = body["items"][0]
    assert item["kind"] == "returned" and item["comment"] == "Bổ sung số liệu."
    assert item["url"] == reverse("reporting:obligation", args=[obligation.pk])
    other = client_of(people.focal2)
    theirs = other.get("/api/v1/notifications/").json()["items"][0]["id"]
    assert client.post(f"/api/v1/notifications/{theirs}/read").status_code == 404
    answer = client.post(f"/api/v1/notifications/{item['id']}/read")
    assert answer.status_code == 200 and answer.json()["read_at"]
    assert client.get("/api/v1/notifications/?unread=true").json()["count"] == 0


# -- the home page -----------------------------------------------------------------------------


def test_a_focal_points_home_shows_the_returned_report_first(
    obligation, people, django_assert_max_num_queries
):
    returned(obligation, people)
    client = client_of(people.focal)
    with django_assert_max_num_queries(15):  # + the merged pages' queues, targets, deadline rules
        page = text(client.get("/"))
    assert 'id="home-agency"' in page
    work = page[page.index('id="home-work"') :]
    first = re.search(r'data-obligation="(\d+)"', work)
    assert first is not None and int(first.group(1)) == obligation.pk
    assert 'data-state="returned"' in work.split("</li>")[0]
    assert 'id="home-plans-link"' in page
    assert 'id="home-province"' not in page


def test_the_secretariats_home_counts_reports_to_review_and_late_agencies(
    obligation, people, django_assert_max_num_queries
):
    report = drafted(obligation, people.focal)
    submit_report(report=report, user=people.focal, expected_version=report.version, now=IN_TIME)
    client = client_of(people.secretariat)
    with django_assert_max_num_queries(17):  # + the merged pages' queues, targets, deadline rules
        page = text(client.get("/"))
    assert re.search(r'id="count-review"[^>]*><span[^>]*>1<', page)
    # The period whose deadline passed last (Quý I/2024's on 1 July: none yet, the half
    # year's is 20/6) and the one due next.
    rows = re.findall(r'<tr data-period="([a-z_]+-\d+)"', page)
    assert rows == ["half-1", "quarter-3"]
    late = re.search(r'data-period="half-1">.*?class="text-end late-agencies">(\d+)<', page, re.S)
    assert late is not None and int(late.group(1)) > 0
    assert 'id="home-due-link"' in page and 'id="home-grid-link"' in page
    assert 'id="home-agency"' not in page


def test_a_leaders_home_is_the_province_overview(obligation, people):
    response = client_of(people.leader).get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboards:overview")
    page = text(client_of(people.leader).get("/", follow=True))
    assert 'id="headline"' in page
    assert 'id="count-review"' not in page


def test_a_user_without_a_role_sees_the_plans_and_why(plan, reader):
    page = text(client_of(reader).get("/"))
    assert 'id="no-role"' in page
    assert plan.title[:30] in page
    assert 'id="home-agency"' not in page and 'id="home-province"' not in page


# -- my reports --------------------------------------------------------------------------------


def test_my_reports_lists_returned_reports_first_and_filters_them(obligation, people):
    returned(obligation, people)
    client = client_of(people.focal)
    page = text(client.get(reverse("reporting:mine")))
    first = re.search(r'<tr data-obligation="(\d+)"', page)
    assert first is not None and int(first.group(1)) == obligation.pk
    only = text(client.get(reverse("reporting:mine"), {"state": "returned"}))
    assert re.findall(r'<tr data-obligation="(\d+)"', only) == [str(obligation.pk)]
    late = text(client.get(reverse("reporting:mine"), {"state": "late"}))
    assert f'data-obligation="{obligation.pk}"' not in late
    assert "data-obligation" in late
    period = text(client.get(reverse("reporting:mine"), {"year": "2024", "period": "half-1"}))
    assert f'data-obligation="{obligation.pk}"' not in period


@pytest.mark.parametrize(
    "query",
    [
        {"state": "nonsense"},
        {"agency": "²"},
        {"agency": "99999999999999999999999"},
        {"year": "abc", "period": "quarter-1"},
        {"period": "../../etc"},
    ],
)
def test_my_reports_drops_filters_that_name_nothing(obligation, people, query):
    returned(obligation, people)
    response = client_of(people.focal).get(reverse("reporting:mine"), query)
    assert response.status_code == 200
    assert f'data-obligation="{obligation.pk}"' in text(response)


def test_my_reports_costs_a_fixed_number_of_queries(
    obligation, people, django_assert_max_num_queries
):
    returned(obligation, people)
    client = client_of(people.focal)
    with django_assert_max_num_queries(10):  # + the merged pages' queues, targets, deadline rules
        client.get(reverse("reporting:mine"), {"state": "returned"})


# -- the report page ---------------------------------------------------------------------------


def test_the_return_comment_is_at_the_top_with_who_and_when(obligation, people):
    people.secretariat.first_name = "Lan"
    people.secretariat.last_name = "Nguyễn"
    people.secretariat.save()
    returned(obligation, people, comment="Bổ sung kết quả quý I.")
    page = text(client_of(people.focal).get(reverse("reporting:obligation", args=[obligation.pk])))
    alert = page[page.index('id="return-comment"') :]
    assert alert.index("Bổ sung kết quả quý I.") < alert.index("</div>\n</div>") + 20
    assert "returned this report" in alert[:400]
    assert "Lan Nguyễn" in alert[:600]
    # Above the report's form, not only in the history.
    assert page.index('id="return-comment"') < page.index('id="report-form"')


def test_a_declined_sign_off_comment_is_at_the_top_too(obligation, people):
    set_sign_off(agency=obligation.agency, required=True, by=people.head)
    report = drafted(obligation, people.focal)
    submit_report(report=report, user=people.focal, expected_version=report.version, now=IN_TIME)
    decline_sign_off(report=report, user=people.head, comment="Thiếu minh chứng.")
    page = text(client_of(people.focal).get(reverse("reporting:obligation", args=[obligation.pk])))
    assert 'data-from="awaiting_sign_off"' in page
    assert "declined to sign off" in page
    assert "Thiếu minh chứng." in page[page.index('id="return-comment"') :][:800]


def test_no_return_comment_on_a_report_not_returned(obligation, people):
    drafted(obligation, people.focal)
    page = text(client_of(people.focal).get(reverse("reporting:obligation", args=[obligation.pk])))
    assert 'id="return-comment"' not in page


def test_my_reports_and_the_review_list_filter_by_reform_area(obligation, people):
    from cchc.plans.models import Node

    returned(obligation, people)
    area = obligation.activity.area_id
    other = (
        Node.objects.filter(plan=obligation.activity.plan, kind="section", parent=None)
        .exclude(pk=area)
        .first()
    )
    assert area is not None and other is not None
    client = client_of(people.focal)
    inside = text(client.get(reverse("reporting:mine"), {"area": str(area)}))
    assert f'data-obligation="{obligation.pk}"' in inside
    outside = text(client.get(reverse("reporting:mine"), {"area": str(other.pk)}))
    assert f'data-obligation="{obligation.pk}"' not in outside
    # The review list: the resubmitted report, filtered by area, agency and period.
    report = Report.objects.get(obligation=obligation)
    submit_report(report=report, user=people.focal, expected_version=report.version, now=IN_TIME)
    reviewer = client_of(people.secretariat)
    row = f'data-report="{report.pk}"'
    assert row in text(reviewer.get(reverse("reporting:review"), {"area": str(area)}))
    assert row not in text(reviewer.get(reverse("reporting:review"), {"area": str(other.pk)}))
    page = text(reviewer.get(reverse("reporting:review"), {"agency": str(obligation.agency_id)}))
    assert row in page and 'id="review-filter-form"' in page
    later = {"year": "2024", "period": "half-1"}
    assert row not in text(reviewer.get(reverse("reporting:review"), later))
    # An area that is no area is dropped, not an error.
    assert row in text(reviewer.get(reverse("reporting:review"), {"area": "999999"}))


def test_the_sign_off_list_filters_by_period_and_area(obligation, people):
    set_sign_off(agency=obligation.agency, required=True, by=people.head)
    report = drafted(obligation, people.focal)
    submit_report(report=report, user=people.focal, expected_version=report.version, now=IN_TIME)
    client = client_of(people.head)
    row = f'data-report="{report.pk}"'
    page = text(client.get(reverse("reporting:sign_off")))
    assert row in page and 'id="sign-off-filter-form"' in page
    assert row in text(
        client.get(reverse("reporting:sign_off"), {"year": "2024", "period": "quarter-1"})
    )
    assert row not in text(
        client.get(reverse("reporting:sign_off"), {"year": "2024", "period": "half-1"})
    )
    area = str(obligation.activity.area_id)
    assert row in text(client.get(reverse("reporting:sign_off"), {"area": area}))
    assert row in text(client.get(reverse("reporting:sign_off"), {"area": "x", "period": "../"}))
