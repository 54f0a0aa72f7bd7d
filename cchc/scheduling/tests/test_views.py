"""The scheduling pages end to end through Django's test client: what is due for a period
and for one agency, the two buttons, the timeline."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

from cchc.accounts.models import Role
from cchc.agencies.models import Agency, AgencyLevel, Contact
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import PASSWORD, build_small_plan, import_seed, member, secretariat_agency
from cchc.plans.models import Node, NodeKind, Plan
from cchc.scheduling.models import Obligation, ObligationStatus, Reminder
from cchc.scheduling.views import common

pytestmark = pytest.mark.django_db

# Quý I/2024 of the PAR report: 15/12/2023–14/03/2024, due on Wednesday 20/03/2024.
Q1 = {
    "report": "par",
    "period_kind": "quarter",
    "period_label": "Quý I/2024",
    "period_start": dt.date(2023, 12, 15),
    "period_end": dt.date(2024, 3, 14),
    "deadline": dt.date(2024, 3, 20),
}
Q1_URL = "?year=2024&period=quarter-1"
# Wednesday a week after Q1's deadline: 5 working days late (21, 22, 25, 26, 27 March).
TODAY = dt.date(2024, 3, 27)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    monkeypatch.setattr(common, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def secretariat(db: None) -> User:
    user = User.objects.create_user("secretariat", "cchc@snv.example.vn", PASSWORD)
    return member(user.username, Role.SECRETARIAT, secretariat_agency())


@pytest.fixture
def secretariat_client(client: Client, secretariat: User) -> Client:
    client.force_login(secretariat)
    return client


def _agency(n: int) -> Agency:
    return Agency.objects.create(
        code=f"test.so-{n:03d}", name=f"Sở thử nghiệm {n:03d}", level=AgencyLevel.DEPARTMENT
    )


def _activities(plan: Plan) -> list[Node]:
    return list(Node.objects.filter(plan=plan, kind=NodeKind.ACTIVITY).order_by("position"))


def make_grid(plan: Plan, *, agencies: int, activities: int = 4, roles: int = 2) -> None:
    """agencies × activities × roles obligations of Q1/2024, statuses cycling through
    late, submitted, open (open: stored before the clock moved it; shown as late)."""
    statuses = [ObligationStatus.LATE, ObligationStatus.SUBMITTED, ObligationStatus.OPEN]
    rows = []
    for i in range(agencies):
        agency = _agency(i)
        for j, activity in enumerate(_activities(plan)[:activities]):
            for role in ("lead", "partner")[:roles]:
                rows.append(
                    Obligation(
                        activity=activity,
                        agency=agency,
                        role=role,
                        status=statuses[(i + j) % 3],
                        **Q1,
                    )
                )
    Obligation.objects.bulk_create(rows)


def _row_ids(html: str) -> list[int]:
    table = html.split('id="obligation-table"', 1)[1]
    return [int(pk) for pk in re.findall(r'data-obligation="(\d+)"', table)]


# -- login and permissions ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name,kwargs",
    [
        ("scheduling:due", {}),
        ("scheduling:agency_due", {"pk": 1}),
        ("scheduling:plan_timeline", {"pk": 1}),
    ],
)
def test_every_page_requires_login(client: Client, name: str, kwargs: dict[str, int]):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["scheduling:generate", "scheduling:remind"])
def test_buttons_require_login(client: Client, name: str):
    response = client.post(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_reader_sees_no_buttons_and_is_refused(
    reader_client: Client, leader_client: Client, small_plan: Plan
):
    # Without a role, no list of what is due; a leader reads it, without the buttons.
    assert reader_client.get(reverse("scheduling:due")).status_code == 403
    page = leader_client.get(reverse("scheduling:due")).content.decode()
    assert "Tạo/cập nhật danh sách báo cáo" not in page
    assert "Gửi nhắc việc" not in page
    response = reader_client.post(
        reverse("scheduling:generate"),
        {"plan": small_plan.pk, "since": "2024-01-01", "until": "2024-12-31"},
    )
    assert response.status_code == 403
    assert not Obligation.objects.exists()
    make_grid(small_plan, agencies=1)
    assert reader_client.post(reverse("scheduling:remind")).status_code == 403
    assert not Reminder.objects.exists()


def test_buttons_only_post(secretariat_client: Client):
    assert secretariat_client.get(reverse("scheduling:generate")).status_code == 405
    # The reminder button opens its confirmation page; sending is a post from it.
    assert secretariat_client.get(reverse("scheduling:remind")).status_code == 200
    assert not Reminder.objects.exists()


def test_secretariat_generates_the_grid(secretariat_client: Client):
    load_registry(path=MINI)
    plan = import_seed()
    page = secretariat_client.get(reverse("scheduling:due")).content.decode()
    assert "Tạo/cập nhật danh sách báo cáo" in page and "Gửi nhắc việc" in page
    back = reverse("scheduling:due") + Q1_URL
    response = secretariat_client.post(
        reverse("scheduling:generate"),
        {"plan": plan.pk, "since": "2024-01-01", "until": "2024-12-31", "next": back},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == back
    total = Obligation.objects.count()
    assert total > 0
    assert f"{total} mục được tạo" in response.content.decode()
    # The statuses follow the page's day: Q1 is late on 27/3/2024, Q3 not yet due.
    assert set(
        Obligation.objects.filter(period_label="Quý I/2024").values_list("status", flat=True)
    ) == {"late"}
    assert set(
        Obligation.objects.filter(period_label="Quý III/2024").values_list("status", flat=True)
    ) == {"not_due"}
    # Again: nothing new.
    again = secretariat_client.post(
        reverse("scheduling:generate"),
        {"plan": plan.pk, "since": "2024-01-01", "until": "2024-12-31"},
        follow=True,
    )
    assert Obligation.objects.count() == total
    assert f"{total} mục không đổi" in again.content.decode()


def test_generate_refuses_a_reversed_range(secretariat_client: Client, small_plan: Plan):
    response = secretariat_client.post(
        reverse("scheduling:generate"),
        {"plan": small_plan.pk, "since": "2024-12-31", "until": "2024-01-01"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Chưa tạo gì" in response.content.decode()
    assert not Obligation.objects.exists()


def test_secretariat_sends_reminders(secretariat_client: Client, small_plan: Plan, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_grid(small_plan, agencies=2, activities=1, roles=1)
    first = Agency.objects.get(code="test.so-000")
    Contact.objects.create(agency=first, name="Chị Lan", email="lan@so0.example.vn")
    response = secretariat_client.post(reverse("scheduling:remind"), follow=True)
    text = response.content.decode()
    # Agency 0's obligation is late; agency 1's is filed (submitted): nothing to send.
    assert Reminder.objects.count() == 1
    # One e-mail per person: the agency's contact, and (late) the secretariat.
    assert "lan@so0.example.vn" in [m.to[0] for m in mail.outbox]
    assert all(len(m.to) == 1 for m in mail.outbox)
    assert "1 đã gửi, 0 đã gửi trước đó, 0 không gửi được" in text
    again = secretariat_client.post(reverse("scheduling:remind"), follow=True)
    assert "0 đã gửi, 1 đã gửi trước đó" in again.content.decode()
    assert Reminder.objects.count() == 1


# -- what is due: counts and order --------------------------------------------------------


def test_counts_by_status_and_agency(leader_client: Client, small_plan: Plan):
    make_grid(small_plan, agencies=3)
    response = leader_client.get(reverse("scheduling:due") + Q1_URL)
    assert response.status_code == 200
    counts = {c.status: c.count for c in response.context["status_counts"]}
    # Stored "open" obligations are past their deadline on 27/3: shown as late.
    assert counts == {
        "not_due": 0,
        "open": 0,
        "submitted": Obligation.objects.filter(status="submitted").count(),
        "late": Obligation.objects.exclude(status="submitted").count(),
        "approved": 0,
        "not_applicable": 0,
    }
    table = response.context["agency_counts"]
    overdue = [row.overdue for row in table]
    assert overdue == sorted(overdue, reverse=True) and sum(overdue) == counts["late"]
    assert all(row.total == 8 for row in table)
    # Sorted the other way round on request.
    up = leader_client.get(reverse("scheduling:due") + Q1_URL + "&sort=overdue")
    assert [r.overdue for r in up.context["agency_counts"]] == sorted(overdue)


def test_overdue_rows_first_with_working_days(leader_client: Client, small_plan: Plan):
    make_grid(small_plan, agencies=3)
    response = leader_client.get(reverse("scheduling:due") + Q1_URL)
    rows = response.context["rows"]
    statuses = [row.status for row in rows]
    first_filed = statuses.index("submitted")
    assert set(statuses[:first_filed]) == {"late"}
    assert set(statuses[first_filed:]) == {"submitted"}
    assert {row.overdue_days for row in rows if row.status == "late"} == {5}
    assert {row.overdue_days for row in rows if row.status == "submitted"} == {0}
    html = response.content.decode()
    assert "20/03/2024" in html
    assert 'class="overdue-days">5<' in html.replace("text-end ", "")
    assert _row_ids(html) == [row.obligation.pk for row in rows]


def test_default_period_is_the_next_deadline(leader_client: Client, monkeypatch):
    response = leader_client.get(reverse("scheduling:due"))
    # On 27/3/2024 the next PAR deadline is the six-month report's (20/6/2024).
    assert response.context["period"].label == "6 tháng đầu năm 2024"
    # After the annual report's deadline, the next one is next year's first quarter.
    monkeypatch.setattr(common, "today", lambda: dt.date(2024, 12, 23))
    assert leader_client.get(reverse("scheduling:due")).context["period"].label == "Quý I/2025"
    # A year whose deadlines have all passed shows its last period.
    past = leader_client.get(reverse("scheduling:due") + "?year=2024")
    assert past.context["period"].label == "Năm 2024"
    # A year the selector does not offer is the default one.
    assert leader_client.get(reverse("scheduling:due") + "?year=1999").context["period"]


def test_filters(leader_client: Client, small_plan: Plan):
    make_grid(small_plan, agencies=3)
    other = build_small_plan(number="100/KH-UBND", title="Kế hoạch khác")
    agency = Agency.objects.get(code="test.so-001")
    Obligation.objects.create(
        activity=_activities(other)[0], agency=agency, role="lead", status="late", **Q1
    )
    url = reverse("scheduling:due") + Q1_URL

    def shown(query: str) -> set[int]:
        return {row.obligation.pk for row in leader_client.get(url + query).context["rows"]}

    assert shown(f"&agency={agency.pk}") == set(
        Obligation.objects.filter(agency=agency).values_list("pk", flat=True)
    )
    assert shown("&status=late") == set(
        Obligation.objects.exclude(status="submitted").values_list("pk", flat=True)
    )
    assert shown("&role=partner") == set(
        Obligation.objects.filter(role="partner").values_list("pk", flat=True)
    )
    assert shown(f"&plan={other.pk}") == set(
        Obligation.objects.filter(activity__plan=other).values_list("pk", flat=True)
    )
    # A filter value that makes no sense is ignored, not an error.
    assert len(shown("&status=nonsense&agency=x")) == Obligation.objects.count()


def test_agency_page_across_periods(leader_client: Client, small_plan: Plan):
    make_grid(small_plan, agencies=2)
    agency = Agency.objects.get(code="test.so-000")
    activity = _activities(small_plan)[0]
    # A later period, not yet due, and a filed one earlier.
    Obligation.objects.create(
        activity=activity,
        agency=agency,
        role="lead",
        report="par",
        period_kind="half",
        period_label="6 tháng đầu năm 2024",
        period_start=dt.date(2023, 12, 15),
        period_end=dt.date(2024, 6, 14),
        deadline=dt.date(2024, 6, 20),
    )
    due_page = leader_client.get(reverse("scheduling:due") + Q1_URL).content.decode()
    link = reverse("scheduling:agency_due", kwargs={"pk": agency.pk})
    assert f'href="{link}"' in due_page
    response = leader_client.get(link)
    assert response.status_code == 200
    rows = response.context["rows"]
    assert {row.obligation.agency_id for row in rows} == {agency.pk}
    ranks = [{"late": 0, "not_due": 1, "submitted": 2}[row.status] for row in rows]
    assert ranks == sorted(ranks)
    assert "6 tháng đầu năm 2024" in response.content.decode()
    counts = {c.status: c.count for c in response.context["status_counts"]}
    assert sum(counts.values()) == Obligation.objects.filter(agency=agency).count()
    assert (
        leader_client.get(reverse("scheduling:agency_due", kwargs={"pk": 999})).status_code == 404
    )


@pytest.mark.parametrize("agencies,roles", [(5, 1), (25, 2)])  # 10 and 200 obligations
def test_query_counts_do_not_grow(
    leader_client: Client,
    small_plan: Plan,
    django_assert_max_num_queries,
    agencies: int,
    roles: int,
):
    make_grid(small_plan, agencies=agencies, activities=2 if roles == 1 else 4, roles=roles)
    assert Obligation.objects.count() in (10, 200)
    agency = Agency.objects.get(code="test.so-000")
    # 16 with the schedule not cached yet (its version, rules and calendar read once).
    with django_assert_max_num_queries(16):  # + the deadline rules, the navigation's queues
        response = leader_client.get(reverse("scheduling:due") + Q1_URL)
    assert len(response.context["rows"]) == min(Obligation.objects.count(), 100)
    with django_assert_max_num_queries(11):
        leader_client.get(reverse("scheduling:agency_due", kwargs={"pk": agency.pk}))
    with django_assert_max_num_queries(8):
        leader_client.get(reverse("scheduling:plan_timeline", kwargs={"pk": small_plan.pk}))


# -- timeline -----------------------------------------------------------------------------


def test_timeline_groups_areas_and_draws_schedules(reader_client: Client):
    load_registry(path=MINI)
    plan = import_seed()
    response = reader_client.get(reverse("scheduling:plan_timeline", kwargs={"pk": plan.pk}))
    assert response.status_code == 200
    timeline = response.context["timeline"]
    assert (timeline.start, timeline.end) == (dt.date(2021, 1, 1), dt.date(2030, 12, 31))
    assert [y.year for y in timeline.years] == list(range(2021, 2031))
    assert len(timeline.groups) == 7
    assert timeline.groups[0].area.title.startswith("Cải cách thể chế")
    assert sum(len(g.rows) for g in timeline.groups) == 70
    rows = {row.activity.number: row for g in timeline.groups for row in g.rows}
    event = rows["27"]
    assert event.schedule.kind == "event" and not event.width
    yearly = next(r for r in rows.values() if r.schedule.kind == "recurring")
    assert yearly.dashed and float(yearly.width) > 0
    html = response.content.decode()
    assert "chưa xác định thời gian" in html
    assert "Khi có Thông tư mới" in html
    assert "hằng năm" in html
    assert 'class="timeline-marker"' in html
    assert 'class="timeline-today"' in html  # 27/3/2024 is within 2021–2030
    assert html.count('class="h6 mb-1 timeline-area-title"') == 7


def test_timeline_bars_clip_to_the_plan(reader_client: Client):
    plan = build_small_plan(title="Kế hoạch giai đoạn 2021-2025")
    a, b, c, d = _activities(plan)
    Node.objects.filter(pk=a.pk).update(timeframe="2023")
    Node.objects.filter(pk=b.pk).update(timeframe="Trước ngày 30/6/2022")
    Node.objects.filter(pk=c.pk).update(timeframe="2019")
    Node.objects.filter(pk=d.pk).update(timeframe="2024-2035")
    response = reader_client.get(reverse("scheduling:plan_timeline", kwargs={"pk": plan.pk}))
    rows = {row.activity.pk: row for g in response.context["timeline"].groups for row in g.rows}
    days = (dt.date(2025, 12, 31) - dt.date(2021, 1, 1)).days + 1

    def pct(n: int) -> str:
        return f"{n / days * 100:.3f}"

    # 2023 of 2021–2025: after 730 days, 365 days long, its deadline at its end.
    assert (rows[a.pk].left, rows[a.pk].width, rows[a.pk].marker) == (
        pct(730),
        pct(365),
        pct(1095),
    )
    assert not rows[b.pk].width and rows[b.pk].marker  # a deadline with no start
    assert rows[c.pk].outside and not rows[c.pk].width and not rows[c.pk].marker
    assert (rows[d.pk].left, rows[d.pk].width) == (pct(1095), pct(731))  # clipped at 2025


def test_plan_page_and_navbar_link_here(leader_client: Client, small_plan: Plan):
    page = leader_client.get(small_plan.get_absolute_url()).content.decode()
    assert reverse("scheduling:plan_timeline", kwargs={"pk": small_plan.pk}) in page
    assert f'href="{reverse("scheduling:due")}"' in page
