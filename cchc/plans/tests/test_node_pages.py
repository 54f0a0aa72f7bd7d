"""Node pages by kind (area, objective, task, activity), the numbering kept as a label, and the
activity's reports."""

from __future__ import annotations

import datetime as dt
import re
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.test import Client

from cchc.accounts.models import Role
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import import_seed, member
from cchc.plans.actions import correct_node
from cchc.plans.models import Node, NodeKind, Plan, numbered_title
from cchc.plans.parsing.cells import split_numbering
from cchc.plans.views.activity_reports import period_key
from cchc.reporting.actions import approve_report, save_draft, start_report, submit_report
from cchc.scheduling.models import Obligation
from cchc.scheduling.obligations import generate_obligations

pytestmark = pytest.mark.django_db

YEAR = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


@pytest.fixture
def plan(db: None) -> Plan:
    load_registry(path=MINI)
    plan = import_seed()
    generate_obligations(plan=plan, since=YEAR[0], until=YEAR[1], on=dt.date(2024, 7, 1))
    return plan


def _node(plan: Plan, kind: str, **lookup: str) -> Node:
    return Node.objects.get(plan=plan, kind=kind, **lookup)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _approved(obligation: Obligation, *, percent: int) -> None:
    writer, _created = User.objects.get_or_create(username="writer")
    item = start_report(obligation=obligation, user=writer)
    save_draft(
        report=item,
        user=writer,
        expected_version=item.version,
        work_status="in_progress",
        percent=percent,
        explanation="Báo cáo muộn.",
        narrative="Đã triển khai.",
    )
    submit_report(report=item, user=writer, expected_version=item.version)
    reviewer, _created = User.objects.get_or_create(username="reviewer")
    approve_report(report=item, user=reviewer)


# -- numbering: label and words ---------------------------------------------------------


@pytest.mark.parametrize(
    "cell,expected",
    [
        ("3.1: Hoạt động 1: ban hành văn bản", ("3.1", "3.1: Hoạt động 1", "ban hành văn bản")),
        ("3.6. hoạt động 6: kịp thời xử lý", ("3.6", "3.6: Hoạt động 6", "kịp thời xử lý")),
        ("2. 8. Nhiệm vụ 8: Nâng cao", ("2.8", "2.8: Nhiệm vụ 8", "Nâng cao")),
        ("1.1. Mục tiêu 1: Đề xuất cắt giảm", ("1.1", "1.1: Mục tiêu 1", "Đề xuất cắt giảm")),
        ("1.2. Rà soát", ("1.2", "1.2", "Rà soát")),
        # Not numbering: a percentage, a span of years, a number inside words, a bare label.
        ("100% hồ sơ", ("", "", "100% hồ sơ")),
        ("2021-2030 triển khai", ("", "", "2021-2030 triển khai")),
        ("1.2 Rà soát", ("", "", "1.2 Rà soát")),
        ("2.3. Nhiệm vụ 3:", ("", "", "2.3. Nhiệm vụ 3:")),
    ],
)
def test_split_numbering(cell: str, expected: tuple[str, str, str]):
    assert split_numbering(cell) == expected


def test_numbered_title_writes_each_number_once():
    activity = {"kind": NodeKind.ACTIVITY, "title": "ban hành"}
    assert numbered_title(number="1.", label="3.1: Hoạt động 1", **activity) == (
        "1. 3.1: Hoạt động 1: ban hành"
    )
    assert numbered_title(number="1", label="", **activity) == "1. ban hành"
    assert numbered_title(number="", label="", **activity) == "ban hành"
    objective = {"kind": NodeKind.OBJECTIVE, "title": "Cơ bản"}
    assert numbered_title(number="1.1", label="1.1: Mục tiêu 1", **objective) == (
        "1.1: Mục tiêu 1: Cơ bản"
    )
    assert numbered_title(number="1.1", label="", **objective) == "1.1. Cơ bản"
    assert numbered_title(kind=NodeKind.SECTION, number="I", label="", title="Thể chế") == (
        "I. Thể chế"
    )


def test_seed_nodes_keep_number_label_and_words(plan: Plan):
    row1 = _node(plan, NodeKind.ACTIVITY, number="1")
    assert row1.label == "3.1: Hoạt động 1"
    assert row1.title.startswith("ban hành văn bản QPPL")
    assert row1.display.startswith("1. 3.1: Hoạt động 1: ban hành")
    assert not Node.objects.filter(plan=plan, number__endswith=".").exists()
    objective = row1.parent.parent
    assert (objective.kind, objective.number, objective.label) == (
        "objective",
        "1.1",
        "1.1: Mục tiêu 1",
    )
    assert objective.title.startswith("Cơ bản hoàn thiện thể chế")
    # "3.6. hoạt động 6:" is printed another way: one spelling of the label.
    assert _node(plan, NodeKind.ACTIVITY, number="6").label == "3.6: Hoạt động 6"
    for node in Node.objects.filter(plan=plan).exclude(kind=NodeKind.SECTION):
        assert ".." not in node.display[: len(node.display) - len(node.title)]
        assert not node.title.lower().startswith(("hoạt động", "mục tiêu", "nhiệm vụ"))


def test_reimport_updates_numbers_labels_and_titles_in_place(plan: Plan):
    before = dict(Node.objects.filter(plan=plan).values_list("key", "pk"))
    # The nodes as an import before labels stored them.
    for node in Node.objects.filter(plan=plan).exclude(label=""):
        node.title = f"{node.label}: {node.title}"
        node.label = ""
        if node.kind == NodeKind.ACTIVITY:
            node.number = f"{node.number}."
        node.save(update_fields=["title", "label", "number"])
    again = import_seed()
    assert again.pk == plan.pk
    assert dict(Node.objects.filter(plan=plan).values_list("key", "pk")) == before
    row1 = _node(plan, NodeKind.ACTIVITY, number="1")
    assert (row1.label, row1.title[:8]) == ("3.1: Hoạt động 1", "ban hành")
    # Obligations and their reports stay on the same nodes.
    assert Obligation.objects.filter(activity=row1).exists()


# -- area, objective and task pages ------------------------------------------------------


def test_area_page_shows_what_it_is_and_what_is_beneath(plan: Plan, leader: User):
    area = _node(plan, NodeKind.SECTION, number="I")
    row2 = _node(plan, NodeKind.ACTIVITY, number="2")
    _approved(
        Obligation.objects.get(activity=row2, role="lead", period_label="Quý I/2024"), percent=40
    )
    page = _client(leader).get(area.get_absolute_url()).content.decode()
    assert 'id="node-kind">Lĩnh vực<' in page
    assert "Cải cách thể chế" in page and "3- Hoạt động" not in page
    children = page.split('id="node-children"', 1)[1]
    objectives = Node.objects.filter(parent=area).order_by("position")
    assert objectives.count() >= 2
    for objective in objectives:
        assert f'href="{objective.get_absolute_url()}"' in children
        assert objective.title[:40] in children
    beneath = Node.objects.filter(plan=plan, area=area, kind=NodeKind.ACTIVITY).count()
    assert f'data-activities="{beneath}"' in page
    assert 'data-count="in_progress">1 ' in page
    assert f'data-count="no_report">{beneath - 1} ' in page
    assert 'id="node-progress"' in page and 'data-progress="' in page
    assert 'id="node-up"' in page and f'href="{plan.get_absolute_url()}" id="node-up"' in page


def test_objective_and_task_pages_link_up_and_down(plan: Plan, leader: User):
    row2 = _node(plan, NodeKind.ACTIVITY, number="2")
    task = row2.parent
    objective = task.parent
    area = objective.parent
    client = _client(leader)
    page = client.get(objective.get_absolute_url()).content.decode()
    assert 'id="node-kind">Mục tiêu<' in page
    assert 'id="node-label">1.2: Mục tiêu 2<' in page
    crumbs = page.split('class="breadcrumb node-breadcrumb"', 1)[1].split("</ol>", 1)[0]
    assert f'href="{plan.get_absolute_url()}"' in crumbs
    assert f'href="{area.get_absolute_url()}"' in crumbs
    assert f'href="{task.get_absolute_url()}"' in page.split('id="node-children"', 1)[1]
    page = client.get(task.get_absolute_url()).content.decode()
    assert 'id="node-kind">Nhiệm vụ<' in page
    children = page.split('id="node-children"', 1)[1]
    assert f'href="{row2.get_absolute_url()}"' in children
    assert "Cơ quan chủ trì: Sở Tư pháp" in children
    assert f'href="{objective.get_absolute_url()}" id="node-up"' in page


def test_group_page_queries_do_not_grow_with_children(
    plan: Plan, leader: User, django_assert_max_num_queries
):
    client = _client(leader)
    area = _node(plan, NodeKind.SECTION, number="I")  # many activities beneath
    task = _node(plan, NodeKind.ACTIVITY, number="2").parent  # one
    assert Node.objects.filter(area=area).count() > 10
    # Session, user, plan, node, the plan's tree, progress, the user's memberships (nav).
    for node in (area, task):
        with django_assert_max_num_queries(
            8
        ):  # + the merged pages' queues, targets, deadline rules
            assert client.get(node.get_absolute_url()).status_code == 200


# -- the activity's reports ----------------------------------------------------------------


def _period(o: Obligation) -> dict[str, str]:
    """The GET parameter that shows the obligation's reporting period."""
    return {"period": period_key(o.period_kind, o.period_end)}


def test_activity_page_lists_its_reports_for_those_who_see_them(
    plan: Plan, leader: User, django_assert_max_num_queries
):
    row2 = _node(plan, NodeKind.ACTIVITY, number="2")
    q1 = Obligation.objects.get(activity=row2, role="lead", period_label="Quý I/2024")
    _approved(q1, percent=40)
    obligations = Obligation.objects.filter(activity=row2)
    assert obligations.count() > 4
    client = _client(leader)
    # Session, user, the node with its plan, the plan's version and whether it has targets
    # (3); its ancestors and its progress, read once per plan version (2, cold here); the
    # assignments, their history and their group's members today (3, plain values); the
    # reports (one query whatever their number), the memberships, the navigation's queues
    # (3); the node's targets and their indicators' values (2, only when the node has
    # targets). The pin was 17 when every period was drawn, then 16.
    with django_assert_max_num_queries(13):
        page = client.get(row2.get_absolute_url(), _period(q1)).content.decode()
    # The ancestors and the progress are drawn once per plan version (the pin was 14).
    with django_assert_max_num_queries(11):
        client.get(row2.get_absolute_url(), _period(q1))
    reports = page.split('id="activity-reports"', 1)[1]
    in_period = obligations.filter(period_label="Quý I/2024")
    assert reports.count('class="report-row ') == in_period.count() < obligations.count()
    approved = reports.split(f'data-obligation="{q1.pk}"', 1)[1].split("</li>", 1)[0]
    assert "Đã duyệt" in approved
    period = reports.split('data-period="Quý I/2024"', 1)[1].split("</ul>", 1)[0]
    assert f'data-obligation="{q1.pk}"' in period and "1 đã duyệt" in period
    assert q1.agency.name in approved and "(chủ trì)" in approved
    assert f'href="/reports/obligations/{q1.pk}/"' in approved
    assert "hạn nộp 20/03/2024" in approved
    # The selector offers every period, this one chosen.
    selector = reports.split('id="report-period"', 1)[1].split("</select>", 1)[0]
    keys = {period_key(o.period_kind, o.period_end) for o in obligations}
    assert selector.count("<option ") == len(keys)
    assert f'value="{_period(q1)["period"]}" selected' in selector
    # Each period shows all its expected reports, lead agencies first; together, all of them.
    seen: set[str] = set()
    for key in keys:
        part = client.get(row2.get_absolute_url(), {"period": key}).content.decode()
        rows = part.split('id="activity-reports"', 1)[1].split("</section>", 1)[0]
        found = re.findall(r'data-obligation="(\d+)"', rows)
        seen.update(found)
        roles = re.findall(r'class="report-row [^"]*?( report-lead)?"', rows)
        assert roles == sorted(roles, reverse=True)
    assert seen == {str(o.pk) for o in obligations}
    # An expected report nobody wrote, past its deadline.
    other = obligations.exclude(pk=q1.pk).filter(progress_report__isnull=True).first()
    assert other is not None
    page = client.get(row2.get_absolute_url(), _period(other)).content.decode()
    row = page.split(f'data-obligation="{other.pk}"', 1)[1].split("</li>", 1)[0]
    assert "chưa có báo cáo" in row and "Quá hạn" in row
    assert f"hạn nộp {other.deadline:%d/%m/%Y}" in row


def test_the_default_period_is_the_one_now_due(plan: Plan, leader: User):
    row2 = _node(plan, NodeKind.ACTIVITY, number="2")
    obligations = list(Obligation.objects.filter(activity=row2))
    client = _client(leader)
    # Every deadline passed (the obligations are of 2024): the last period is shown.
    page = client.get(row2.get_absolute_url()).content.decode()
    reports = page.split('id="activity-reports"', 1)[1]
    last = max(obligations, key=lambda o: (o.period_end, o.deadline))
    assert f'data-key="{period_key(last.period_kind, last.period_end)}" data-current="1"' in reports
    # On a day before a deadline, the period due next.
    due = sorted({o.deadline for o in obligations})[1]
    with mock.patch("django.utils.timezone.localdate", return_value=due - dt.timedelta(days=3)):
        page = client.get(row2.get_absolute_url()).content.decode()
    shown = page.split('class="report-period', 1)[1].split("</ul>", 1)[0]
    assert 'data-current="1"' in shown and 'id="current-period"' in shown
    assert f"hạn nộp {due:%d/%m/%Y}" in shown and "Quá hạn" not in shown
    # An unknown period shows the default one.
    page = client.get(row2.get_absolute_url(), {"period": "1999-01-01-x"}).content.decode()
    assert f'data-key="{period_key(last.period_kind, last.period_end)}" data-current="1"' in page


def test_the_selector_swaps_only_the_section(plan: Plan, leader: User):
    row2 = _node(plan, NodeKind.ACTIVITY, number="2")
    q1 = Obligation.objects.get(activity=row2, role="lead", period_label="Quý I/2024")
    response = _client(leader).get(
        row2.get_absolute_url(),
        _period(q1),
        headers={"HX-Request": "true", "HX-Target": "activity-reports"},
    )
    part = response.content.decode()
    assert part.lstrip().startswith('<section class="mt-4" aria-labelledby="reports-heading"')
    assert "<html" not in part and 'id="assignments"' not in part
    assert f'data-obligation="{q1.pk}"' in part
    # Another htmx request to the page gets the whole page.
    whole = _client(leader).get(row2.get_absolute_url(), headers={"HX-Request": "true"})
    assert 'id="assignments"' in whole.content.decode()


def test_a_focal_point_sees_only_their_agencys_reports(plan: Plan):
    row6 = _node(plan, NodeKind.ACTIVITY, number="6")
    by_agency: dict[int, list[Obligation]] = {}
    for o in Obligation.objects.filter(activity=row6):
        by_agency.setdefault(o.agency_id, []).append(o)
    assert len(by_agency) > 1
    groups = list(by_agency.values())
    mine, theirs = groups[0], [o for group in groups[1:] for o in group]
    focal = member("focal-x", Role.FOCAL_POINT, mine[0].agency)
    client = _client(focal)
    for o in mine:
        page = client.get(row6.get_absolute_url(), _period(o)).content.decode()
        reports = page.split('id="activity-reports"', 1)[1]
        assert f'data-obligation="{o.pk}"' in reports
        assert f'href="/reports/obligations/{o.pk}/"' in reports
        for other in theirs:
            assert f'data-obligation="{other.pk}"' not in reports
            assert f"/reports/obligations/{other.pk}/" not in page
        assert 'id="reports-hidden"' in reports


def test_what_is_cached_under_the_plan_version_follows_its_data(plan: Plan, leader: User):
    """The activity's ancestors and progress are kept per plan version: an approval and a
    correction show at once."""
    row2 = _node(plan, NodeKind.ACTIVITY, number="2")
    client = _client(leader)
    before = client.get(row2.get_absolute_url()).content.decode()
    assert 'id="node-progress"' in before and 'data-progress="40.0"' not in before
    lead = Obligation.objects.filter(activity=row2, role="lead").order_by("-period_end").first()
    assert lead is not None
    _approved(lead, percent=40)
    after = client.get(row2.get_absolute_url()).content.decode()
    progress = after.split('id="node-progress"', 1)[1].split("</dd>", 1)[0]
    assert 'data-progress="40.0"' in progress
    parent = row2.parent
    assert parent is not None
    correct_node(node=parent, changes={"title": "Nhiệm vụ đã sửa tên"}, user=None)
    page = client.get(row2.get_absolute_url()).content.decode()
    crumbs = page.split("node-breadcrumb", 1)[1].split("</nav>", 1)[0]
    assert "Nhiệm vụ đã sửa tên" in crumbs
