"""``insert_rows``: tuples stored as a model instance would store them, ids given back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cchc.agencies.models import Agency, AgencyLevel, Assignment, AssignmentChange
from cchc.conftest import PlanBuilder
from cchc.core import bulk
from cchc.core.bulk import insert_rows
from cchc.plans.models import Node, NodeKind

pytestmark = pytest.mark.django_db

COLUMNS = ("plan_id", "key", "kind", "position", "title", "lead", "extra", "source_line")


def rows(plan_id: int, n: int) -> list[tuple[Any, ...]]:
    return [
        (plan_id, f"k{i}", NodeKind.ACTIVITY.value, i, f"Việc {i}", "Sở X", {"Cột": f"ô {i}"}, i)
        for i in range(n)
    ]


def test_rows_are_stored_as_the_model_stores_them():
    plan = PlanBuilder().plan
    made = Node.objects.create(
        plan=plan, key="k0", kind=NodeKind.ACTIVITY, position=0, title="Việc 0", lead="Sở X",
        extra={"Cột": "ô 0"}, source_line=0,
    )  # fmt: skip
    made.delete()
    [(pk, key)] = insert_rows(Node, COLUMNS, rows(plan.pk, 1), returning=("id", "key"))
    stored = Node.objects.get(pk=pk)
    assert key == "k0"
    # The fields not given take their defaults (depth 0, empty texts, no parent).
    assert model_to_dict(stored, exclude=["id"]) == model_to_dict(made, exclude=["id"])
    assert stored.extra == {"Cột": "ô 0"}


def test_the_returned_ids_are_the_rows_ids():
    plan = PlanBuilder().plan
    returned = insert_rows(Node, COLUMNS, rows(plan.pk, 25), returning=("id", "key"))
    assert len(returned) == 25
    assert dict(returned) == dict(Node.objects.filter(plan=plan).values_list("id", "key"))


def test_rows_go_in_batches(monkeypatch: pytest.MonkeyPatch):
    plan = PlanBuilder().plan
    monkeypatch.setattr(bulk, "MAX_ROWS", 2)
    with CaptureQueriesContext(connection) as ctx:
        returned = insert_rows(Node, COLUMNS, rows(plan.pk, 5), returning=("id", "key"))
    inserts = [q for q in ctx.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 3
    assert sorted(k for _pk, k in returned) == [f"k{i}" for i in range(5)]
    assert Node.objects.filter(plan=plan).count() == 5


def test_without_returning_from_a_bulk_insert_rows_go_one_by_one(monkeypatch: pytest.MonkeyPatch):
    """SQLite before 3.35 (PostgreSQL always returns rows)."""
    if connection.vendor != "sqlite":
        pytest.skip("only SQLite may lack RETURNING")
    plan = PlanBuilder().plan
    monkeypatch.setattr(type(connection.features), "can_return_rows_from_bulk_insert", False)
    with CaptureQueriesContext(connection) as ctx:
        returned = insert_rows(Node, COLUMNS, rows(plan.pk, 3), returning=("id", "key"))
    assert len([q for q in ctx.captured_queries if q["sql"].startswith("INSERT")]) == 3
    assert dict(returned) == dict(Node.objects.filter(plan=plan).values_list("id", "key"))


def test_dates_and_timestamps_are_converted_and_auto_fields_filled():
    node = PlanBuilder().node(NodeKind.ACTIVITY, None, "Việc")
    agency = Agency.objects.create(code="X", name="Sở X", level=AgencyLevel.PROVINCE)
    before = timezone.now()
    [(pk,)] = insert_rows(
        Assignment,
        ("activity_id", "role", "agency_id", "started_on"),
        [(node.pk, "lead", agency.pk, dt.date(2025, 7, 1))],
        returning=("id",),
    )
    insert_rows(AssignmentChange, ("assignment_id", "action"), [(pk, "created")])
    stored = Assignment.objects.get(pk=pk)
    assert (stored.started_on, stored.ended_on, stored.source_text) == (
        dt.date(2025, 7, 1),
        None,
        "",
    )
    assert before <= stored.created_at <= timezone.now()
    change = AssignmentChange.objects.get(assignment_id=pk)
    assert (change.action, change.actor, change.from_agency, change.reason) == (
        "created",
        None,
        None,
        "",
    )
    assert change.at >= before


def test_the_database_still_checks_the_constraints():
    plan = PlanBuilder().plan
    insert_rows(Node, COLUMNS, rows(plan.pk, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(Node, COLUMNS, rows(plan.pk, 1))  # the same key twice in one plan
    empty_title: list[tuple[Any, ...]] = [
        (plan.pk, "k9", NodeKind.ACTIVITY.value, 9, "", "", {}, None)
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(Node, COLUMNS, empty_title)


def test_on_postgresql_the_rows_go_as_one_array_per_column():
    """A short statement whatever the rows (the driver parses no placeholder per value)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's UNNEST")
    plan = PlanBuilder().plan
    with CaptureQueriesContext(connection) as ctx:
        returned = insert_rows(Node, COLUMNS, rows(plan.pk, 40), returning=("id", "key"))
    [insert] = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("INSERT")]
    assert "UNNEST" in insert
    assert dict(returned) == dict(Node.objects.filter(plan=plan).values_list("id", "key"))
    stored = Node.objects.get(plan=plan, key="k7")
    assert (stored.extra, stored.source_line, stored.depth) == ({"Cột": "ô 7"}, 7, 0)
