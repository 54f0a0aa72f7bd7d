"""Progress: an activity counts its lead agencies' latest approved reports; tasks,
objectives, areas and the plan take the mean of the activities beneath them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from cchc.plans.models import Node, NodeKind
from cchc.reporting.actions import (
    add_evidence,
    approve_report,
    save_draft,
    start_report,
    submit_report,
)
from cchc.reporting.models import Evidence, Report
from cchc.reporting.progress import plan_progress, progress_for
from cchc.scheduling.models import Obligation

pytestmark = pytest.mark.django_db


def report(obligation, user, *, percent, work_status="in_progress", approve=True) -> Report:
    item = start_report(obligation=obligation, user=user)
    save_draft(
        report=item,
        user=user,
        expected_version=item.version,
        work_status=work_status,
        percent=percent,
        explanation="Báo cáo muộn.",
        narrative="Đã triển khai.",
    )
    if work_status in ("done", "done_late"):
        add_evidence(report=item, user=user, description="Quyết định", document_number="1/QĐ")
    submit_report(report=item, user=user, expected_version=item.version)
    if approve:
        # Someone other than the writer reviews it (separation of duties).
        reviewer, _created = User.objects.get_or_create(username="progress-reviewer")
        approve_report(report=item, user=reviewer)
    return item


def lead(activity: Node, label: str) -> Obligation:
    return Obligation.objects.get(activity=activity, role="lead", period_label=label)


def activities_under(node: Node) -> int:
    count, stack = 0, [node]
    while stack:
        current = stack.pop()
        children = list(Node.objects.filter(parent=current))
        count += sum(1 for c in children if c.kind == NodeKind.ACTIVITY)
        stack.extend(c for c in children if c.kind != NodeKind.ACTIVITY)
    return count


def test_latest_approved_report_counts_and_rolls_up(plan, focal, django_assert_num_queries):
    row2 = Node.objects.get(plan=plan, number="2")
    report(lead(row2, "Quý I/2024"), focal, percent=40)
    report(lead(row2, "6 tháng đầu năm 2024"), focal, percent=70)
    # A later report not yet approved says nothing yet.
    report(lead(row2, "Quý III/2024"), focal, percent=90, approve=False)

    with django_assert_num_queries(2):
        progress = progress_for(plan)
    assert progress.activities[row2.pk].percent == 70
    assert not progress.activities[row2.pk].done
    others = [a for pk, a in progress.activities.items() if pk != row2.pk]
    assert others and all(a.percent == 0 for a in others)
    total = Node.objects.filter(plan=plan, kind=NodeKind.ACTIVITY).count()
    assert len(progress.activities) == total
    assert progress.overall == pytest.approx(70 / total)
    # Every ancestor: the mean of the activities beneath it.
    ancestor = row2.parent
    assert ancestor is not None
    while ancestor is not None:
        assert progress.nodes[ancestor.pk] == pytest.approx(70 / activities_under(ancestor))
        ancestor = ancestor.parent
    assert plan_progress(plan) == progress.nodes


def test_done_needs_an_approved_done_report_with_evidence(plan, focal):
    row2 = Node.objects.get(plan=plan, number="2")
    done = report(lead(row2, "Quý I/2024"), focal, percent=100, work_status="done")
    item = progress_for(plan).activities[row2.pk]
    assert (item.percent, item.done, item.leads, item.reported) == (100, True, 1, 1)
    Evidence.objects.filter(report=done).delete()
    assert not progress_for(plan).activities[row2.pk].done
    # A later approved report that is not done replaces it.
    report(lead(row2, "6 tháng đầu năm 2024"), focal, percent=60)
    assert progress_for(plan).activities[row2.pk].percent == 60


def test_an_activity_with_several_leads_counts_each(plan, focal):
    leads = Obligation.objects.filter(activity__plan=plan, role="lead", period_label="Năm 2024")
    counts: dict[int, int] = {}
    for obligation in leads:
        counts[obligation.activity_id] = counts.get(obligation.activity_id, 0) + 1
    activity_id, n = max(counts.items(), key=lambda item: item[1])
    assert n >= 2
    first = leads.filter(activity_id=activity_id).order_by("agency__code")[0]
    report(first, focal, percent=100, work_status="done")
    item = progress_for(plan).activities[activity_id]
    assert item.percent == pytest.approx(100 / n)
    assert (item.done, item.leads, item.reported) == (False, n, 1)


def test_query_count_does_not_grow_with_reports(plan, focal, django_assert_num_queries):
    for obligation in Obligation.objects.filter(
        activity__plan=plan, role="lead", period_label="Quý I/2024"
    ).order_by("pk")[:6]:
        done = obligation.pk % 2 == 1
        status = "done" if done else "in_progress"
        report(obligation, focal, percent=100 if done else 50, work_status=status)
    with django_assert_num_queries(2):
        plan_progress(plan)


def test_a_plan_without_reports_is_at_zero(small_plan):
    progress = progress_for(small_plan)
    assert len(progress.activities) == 4 and progress.overall == 0
    assert progress.done_count == 0
    sections = Node.objects.filter(plan=small_plan, kind=NodeKind.SECTION)
    assert all(progress.nodes[s.pk] == 0 for s in sections)


def test_pages_show_the_one_definition(plan, focal, client):
    """The plan page's tree, the plan's figure and the activity page show what
    ``progress_for`` computes; ``activity_progress`` agrees with it."""
    from cchc.reporting.progress import activity_progress

    row2 = Node.objects.get(plan=plan, number="2")
    report(lead(row2, "Quý I/2024"), focal, percent=40)
    progress = progress_for(plan)
    assert activity_progress(row2.pk) == progress.activities[row2.pk]
    assert progress.activities[row2.pk].percent == 40
    client.force_login(focal)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert f'data-value="{progress.overall:.1f}"' in page
    area = row2.area
    assert area is not None
    assert f'data-progress="{progress.nodes[area.pk]:.1f}"' in page
    activity_page = client.get(row2.get_absolute_url()).content.decode()
    assert 'id="node-progress"' in activity_page and 'data-progress="40.0"' in activity_page


def test_the_progress_workbook_reads_back(plan, focal, client):
    import io

    from openpyxl import load_workbook

    row2 = Node.objects.get(plan=plan, number="2")
    report(lead(row2, "Quý I/2024"), focal, percent=40)
    progress = progress_for(plan)
    client.force_login(focal)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert 'id="progress-export"' in page
    response = client.get(f"/reports/plans/{plan.pk}/progress.xlsx")
    assert response.status_code == 200
    assert "tien-do-402-KH-UBND.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == plan.title
    assert f"{progress.overall:.1f}%" in rows[2][0]
    assert rows[4][:5] == ("STT", "Nội dung", "Cấp", "Cơ quan chủ trì", "Tiến độ (%)")
    body = rows[5:]
    activities = [r for r in body if r[2] == "Hoạt động"]
    assert len(activities) == 70
    by_number = {r[0]: r for r in activities}
    assert by_number["2"][4] == 40 and by_number["2"][5] == "Chưa" and by_number["2"][6] == "1/1"
    areas = [r for r in body if r[2] == "Lĩnh vực"]
    assert len(areas) == 7
    expected_areas = sorted(
        round(v, 1)
        for k, v in progress.nodes.items()
        if k in {n.pk for n in Node.objects.filter(plan=plan, kind="section", parent__isnull=True)}
    )
    assert sorted(r[4] for r in areas) == expected_areas


def test_a_subtree_has_the_figures_of_the_whole(plan, focal, django_assert_num_queries):
    """A part of the tree (what a lazy subtree of the plan page draws): the same figures as
    the whole plan's, from its own activities' obligations only (one query)."""
    row2 = Node.objects.get(plan=plan, number="2")
    report(lead(row2, "6 tháng đầu năm 2024"), focal, percent=70)
    progress = progress_for(plan)
    top = row2
    while top.parent is not None:
        top = top.parent
    part: list[tuple[int, int | None, str]] = [(top.pk, None, top.kind)]
    below = [top.pk]
    while below:
        children = list(
            Node.objects.filter(parent_id__in=below).values_list("id", "parent_id", "kind")
        )
        part += children
        below = [pk for pk, _parent, kind in children if kind != NodeKind.ACTIVITY]
    with django_assert_num_queries(1):
        scoped = progress_for(plan, nodes=part, subtree=True)
    assert scoped.activities[row2.pk].percent == 70
    assert set(scoped.nodes) == {pk for pk, _parent, _kind in part if pk in progress.nodes}
    assert scoped.nodes == {pk: v for pk, v in progress.nodes.items() if pk in scoped.nodes}
    assert scoped.activities == {
        pk: a for pk, a in progress.activities.items() if pk in scoped.activities
    }
