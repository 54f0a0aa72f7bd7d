"""``sync_plan_assignments`` on a re-imported, edited plan (moved to a successor, ended, kept)
and its statements: a fixed number for a whole plan, not a few per row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.agencies.actions import record_succession, sync_plan_assignments
from cchc.agencies.models import Assignment, AssignmentChange
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.agencies.tests.helpers import activity, add_successor_of_justice, agency, synced_plan
from cchc.conftest import PlanBuilder
from cchc.plans.models import Node, NodeKind, Plan

pytestmark = pytest.mark.django_db

# Statements of one sync, whatever the plan's size: the plan, the activities, the registry
# (Resolver.load), the locked read of the open assignments, the moved ones' history, then at
# most one INSERT of new assignments, one of their history, one UPDATE of the ended ones and
# one INSERT of their history (and the savepoint around them inside a test's transaction).
MAX_STATEMENTS = 16


def open_state(plan: Plan) -> set[tuple[str, str, str, str]]:
    """(activity number, role, agency or group code, text as written) of the open rows."""
    return {
        (a.activity.number, a.role, a.agency.code if a.agency else a.group.code, a.source_text)
        for a in Assignment.objects.open()
        .filter(activity__plan=plan)
        .select_related("activity", "agency", "group")
    }


def test_reimport_keeps_moved_ends_dropped_and_creates_new(django_user_model):
    user = django_user_model.objects.create_user("importer", password="a-long-password-9")
    plan = synced_plan(load=True)
    before = open_state(plan)
    assert ("2", "lead", "bg.so-tu-phap", "Sở Tư pháp") in before
    assert ("1", "partner", "bg.so-tu-phap", "Sở Tư pháp") in before
    assert ("22", "lead", "bg.so-noi-vu", "Sở Nội vụ") in before
    assert ("2", "partner", "so-nganh", "Các Sở, ngành") in before
    # Sở Tư pháp merged: its two open assignments move to its successor.
    successor = add_successor_of_justice()
    moved = record_succession(
        predecessor=agency("bg.so-tu-phap"), successors=[successor], on=dt.date(2025, 7, 1)
    )
    assert moved.moved == 2
    # The plan is edited: activity 22 now led by the provincial office, activity 2 without
    # partners; every other text unchanged.
    Node.objects.filter(pk=activity(plan, "22").pk).update(lead="Văn phòng UBND tỉnh")
    Node.objects.filter(pk=activity(plan, "2").pk).update(partners="")
    history_before = AssignmentChange.objects.count()
    old_ids = set(Assignment.objects.open().values_list("pk", flat=True))

    result = sync_plan_assignments(plan_id=plan.pk, user=user)

    assert (result.created, result.ended) == (1, 2)
    assert result.kept == len(before) - 2
    after = open_state(plan)
    # Kept: the moved ones stay with the successor (the text still says "Sở Tư pháp").
    assert ("2", "lead", "bn.so-tu-phap", "Sở Tư pháp") in after
    assert ("1", "partner", "bn.so-tu-phap", "Sở Tư pháp") in after
    assert not any(code == "bg.so-tu-phap" for _n, _r, code, _t in after)
    # Ended: Sở Nội vụ as lead of 22, the group as partner of 2; created: the office.
    assert after == (
        before
        - {
            ("2", "lead", "bg.so-tu-phap", "Sở Tư pháp"),
            ("1", "partner", "bg.so-tu-phap", "Sở Tư pháp"),
            ("22", "lead", "bg.so-noi-vu", "Sở Nội vụ"),
            ("2", "partner", "so-nganh", "Các Sở, ngành"),
        }
    ) | {
        ("2", "lead", "bn.so-tu-phap", "Sở Tư pháp"),
        ("1", "partner", "bn.so-tu-phap", "Sở Tư pháp"),
        ("22", "lead", "bg.vp-ubnd", "Văn phòng UBND tỉnh"),
    }
    # Every open assignment that was open before and is still open is the same row.
    still = set(Assignment.objects.open().values_list("pk", flat=True))
    assert len(still - old_ids) == 1
    # History: one row per change, with who, what and why.
    new_rows = AssignmentChange.objects.order_by("pk")[history_before:]
    assert len(new_rows) == 3
    created = Assignment.objects.get(
        activity=activity(plan, "22"), role="lead", agency=agency("bg.vp-ubnd")
    )
    assert created.ended_on is None and created.started_on is None and created.created_at
    (change,) = created.history.all()
    assert (change.action, change.actor, change.to_agency, change.from_agency, change.reason) == (
        "created",
        user,
        agency("bg.vp-ubnd"),
        None,
        "",
    )
    ended = Assignment.objects.get(
        activity=activity(plan, "22"), role="lead", ended_on__isnull=False
    )
    assert ended.agency == agency("bg.so-noi-vu")
    assert ended.ended_on == timezone.localdate()
    assert [c.action for c in ended.history.all()] == ["created", "ended"]
    last = ended.history.last()
    assert last is not None
    assert (last.actor, last.from_agency, last.to_agency, last.reason) == (
        user,
        agency("bg.so-noi-vu"),
        None,
        _("No longer named by the plan."),
    )
    group_row = Assignment.objects.get(activity=activity(plan, "2"), role="partner")
    assert group_row.ended_on == timezone.localdate()
    assert group_row.history.last().from_agency is None
    # Again: nothing to do, nothing written.
    history_now = AssignmentChange.objects.count()
    again = sync_plan_assignments(plan_id=plan.pk, user=user)
    assert (again.created, again.ended, again.kept) == (0, 0, len(after))
    assert AssignmentChange.objects.count() == history_now
    assert open_state(plan) == after


def big_plan(rows: int, number: str) -> Plan:
    """A plan of ``rows`` activities naming agencies and groups, a few texts unresolved."""
    leads = ["Sở Tư pháp", "Sở Nội vụ", "Các Sở, ngành", "Văn phòng UBND tỉnh"]
    partners = ["Các Sở, ngành", "Sở Tư pháp", "UBND huyện, thành phố", "Sở Ngoại vụ", ""]
    b = PlanBuilder(number=number)
    area = b.node(NodeKind.SECTION, None, "Cải cách thể chế", number="I")
    for i in range(rows):
        b.node(
            NodeKind.ACTIVITY,
            area,
            f"Hoạt động {i}",
            number=str(i + 1),
            lead=leads[i % len(leads)],
            partners=partners[i % len(partners)],
        )
    return b.plan


@pytest.mark.parametrize("rows", [5, 60])
def test_statements_do_not_grow_with_the_rows(rows):
    load_registry(path=MINI)
    plan = big_plan(rows, f"{rows}/KH-X")
    with CaptureQueriesContext(connection) as first:
        result = sync_plan_assignments(plan_id=plan.pk)
    assert result.created >= rows and result.ended == 0
    assert len(first) <= MAX_STATEMENTS, [q["sql"][:120] for q in first.captured_queries]
    assert AssignmentChange.objects.filter(action="created").count() == result.created
    assert set(
        AssignmentChange.objects.filter(action="created").values_list("assignment_id", flat=True)
    ) == set(Assignment.objects.values_list("pk", flat=True))
    # Every row's texts changed: every assignment ended and another one created.
    plan.nodes.filter(kind=NodeKind.ACTIVITY).update(
        lead="Sở Thông tin và Truyền thông", partners=""
    )
    with CaptureQueriesContext(connection) as second:
        edited = sync_plan_assignments(plan_id=plan.pk)
    assert edited.ended == result.created and edited.created == rows
    assert len(second) <= MAX_STATEMENTS, [q["sql"][:120] for q in second.captured_queries]
    with CaptureQueriesContext(connection) as third:
        same = sync_plan_assignments(plan_id=plan.pk)
    assert (same.created, same.ended, same.kept) == (0, 0, rows)
    assert len(third) <= MAX_STATEMENTS


def test_statements_are_the_same_for_5_and_60_rows():
    load_registry(path=MINI)
    counts = []
    for rows in (5, 60):
        plan = big_plan(rows, f"{rows}/KH-Y")
        with CaptureQueriesContext(connection) as ctx:
            sync_plan_assignments(plan_id=plan.pk)
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_a_sync_that_writes_bumps_the_registry_version(django_capture_on_commit_callbacks):
    """Bulk writes send no post_save: the sync bumps the version itself, once, and only when
    it wrote something (what is cached under it: an activity's agencies, ended agencies)."""
    from cchc.core import versions

    with django_capture_on_commit_callbacks(execute=True):  # their own bumps run first
        load_registry(path=MINI)
        plan = big_plan(5, "5/KH-Z")
    before = versions.current(versions.REGISTRY_KEY)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sync_plan_assignments(plan_id=plan.pk)
    bumps = [c for c in callbacks if versions.REGISTRY_KEY in getattr(c, "version_keys", ())]
    assert len(bumps) == 1
    after = versions.current(versions.REGISTRY_KEY)
    assert after != before
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sync_plan_assignments(plan_id=plan.pk)
    assert not [c for c in callbacks if versions.REGISTRY_KEY in getattr(c, "version_keys", ())]
    assert versions.current(versions.REGISTRY_KEY) == after
