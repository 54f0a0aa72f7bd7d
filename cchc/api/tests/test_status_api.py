"""The reporting status of a period over the API: the grid's one definition of the categories,
who may read it, reminders for the secretariat."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from cchc.agencies.models import Contact
from cchc.api.tests.test_api import send
from cchc.reporting import grid
from cchc.reporting.actions import save_draft, start_report, submit_report
from cchc.scheduling import selectors as due
from cchc.scheduling.workdays import WorkCalendar

pytestmark = pytest.mark.django_db

Q1 = {"year": 2024, "period": "quarter-1"}
IN_TIME = dt.datetime(2024, 3, 18, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def sent_on_time(people, obligation):
    report = start_report(obligation=obligation, user=people["focal"])
    save_draft(
        report=report,
        user=people["focal"],
        expected_version=1,
        percent=20,
        narrative="Đã triển khai.",
    )
    submit_report(report=report, user=people["focal"], expected_version=2, now=IN_TIME)
    return report


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("secretariat", 200),
        ("leader", 200),
        ("admin", 200),
        ("focal", 403),
        ("head", 403),
        ("other", 403),
        ("nobody", 403),
        ("anonymous", 401),
    ],
)
def test_who_reads_the_status(clients, who, status):
    assert send(clients[who], "get", "/status/", Q1).status_code == status


def test_the_status_is_the_grids(clients, obligation, sent_on_time):
    response = send(clients["secretariat"], "get", "/status/", Q1)
    assert response.status_code == 200
    body = response.body
    assert body["period"]["key"] == "quarter-1" and body["period"]["label"] == "Quý I/2024"
    rows = {r["agency_id"]: r for r in body["agencies"]}
    mine = rows[obligation.agency_id]
    assert mine["on_time"] == 1 and mine["awaiting_review"] == 1
    assert mine["overdue"] == mine["total"] - 1  # the period is long past
    assert mine["completeness"] == pytest.approx(100 / mine["total"])
    assert mine["timeliness"] == 100
    # The same numbers as the page's grid, for every agency and the totals.
    period = next(
        p
        for p in due.report_periods(2024, calendar=WorkCalendar())
        if due.period_key(p) == "quarter-1"
    )
    expected = grid.status_grid(period=period, on=timezone.localdate(), filters=grid.GridFilters())
    assert [r["agency_id"] for r in body["agencies"]] == [r.agency_id for r in expected.rows]
    for row in expected.rows:
        assert rows[row.agency_id]["total"] == row.total
        assert {c: rows[row.agency_id][c] for c in grid.Category.values} == row.counts
    assert body["totals"]["total"] == expected.totals.total
    # Filters: only agencies with overdue reports, by name.
    filtered = send(
        clients["leader"], "get", "/status/", {**Q1, "overdue_only": True, "sort": "name"}
    )
    assert all(r["overdue"] > 0 for r in filtered.body["agencies"])


def test_the_secretariat_reminds_chosen_agencies(clients, obligation, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Contact.objects.create(agency=obligation.agency, name="Chị Lan", email="lan@stp.example.vn")
    payload = {**Q1, "agencies": [obligation.agency_id]}
    first = send(clients["secretariat"], "post", "/status/remind", payload)
    assert first.status_code == 200 and first.body["sent"] > 0
    assert all(m.to == ["lan@stp.example.vn"] for m in mail.outbox)
    again = send(clients["secretariat"], "post", "/status/remind", payload)
    assert again.body == {"sent": 0, "skipped": first.body["sent"], "no_contact": 0}
    assert send(clients["leader"], "post", "/status/remind", payload).status_code == 403
    bad = send(clients["secretariat"], "post", "/status/remind", {**payload, "period": "x-9"})
    assert bad.status_code == 400
    none = send(clients["secretariat"], "post", "/status/remind", {**payload, "agencies": []})
    assert none.status_code == 400
