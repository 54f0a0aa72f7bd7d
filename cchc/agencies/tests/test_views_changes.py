"""The agencies pages that change things, through Django's test client: recording a
succession, mapping unresolved texts, moving work from the plan page; the activity page."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from cchc.agencies.actions import record_succession
from cchc.agencies.models import (
    Agency,
    AgencyAlias,
    AgencyGroup,
    Assignment,
    AssignmentChange,
    GroupPhrase,
    Succession,
)
from cchc.agencies.resolver import Resolver
from cchc.agencies.tests.helpers import (
    activity,
    add_successor_of_justice,
    agency,
    make_secretariat,
    open_assignments,
    synced_plan,
)
from cchc.conftest import PlanBuilder
from cchc.plans.models import Node, NodeKind, Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(db: None) -> User:
    return make_secretariat()


@pytest.fixture
def secretariat_client(client: Client, secretariat: User) -> Client:
    client.force_login(secretariat)
    return client


@pytest.fixture
def plan(mini_registry: None) -> Plan:
    return synced_plan()


# -- succession -----------------------------------------------------------------------------


def test_record_a_succession_moves_the_assignments(secretariat_client: Client, plan: Plan):
    justice = agency("bg.so-tu-phap")
    successor = add_successor_of_justice()
    page = secretariat_client.get(justice.get_absolute_url()).content.decode()
    form = page.split('id="succession-form"', 1)[1].split("</form>", 1)[0]
    # The successors offered exist on the day after the agency ended.
    assert "Sở Tư pháp tỉnh Bắc Ninh" in form and 'value="2025-07-01"' in form
    assert "Sở Nội vụ tỉnh Bắc Giang" not in form
    response = secretariat_client.post(
        reverse("agencies:agency_succession", args=[justice.pk]),
        {
            "on": "2025-07-01",
            "successors": [successor.pk],
            "kind": "merged",
            "legal_basis": "Nghị quyết 01/NQ-HĐND",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == justice.get_absolute_url()
    page = response.content.decode()
    assert "Đã chuyển 2 việc được giao" in page
    assert open_assignments("bg.so-tu-phap") == []
    assert open_assignments("bn.so-tu-phap") == [("1", "partner"), ("2", "lead")]
    row = Succession.objects.get(predecessor=justice)
    assert (row.successor, row.on, row.legal_basis) == (
        successor,
        dt.date(2025, 7, 1),
        "Nghị quyết 01/NQ-HĐND",
    )
    moves = AssignmentChange.objects.filter(action=AssignmentChange.Action.TRANSFERRED)
    assert {(m.from_agency, m.to_agency, m.actor.username) for m in moves} == {
        (justice, successor, "secretariat")
    }
    history = page.split('id="move-history"', 1)[1].split("</table>", 1)[0]
    assert "secretariat" in history and "Nghị quyết 01/NQ-HĐND" in history


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"on": "2025-07-01", "kind": "merged"}, "Trường này là bắt buộc."),
        ({"on": "2025-07-01", "successors": ["x"], "kind": "merged"}, "“x” không phải cơ quan"),
        ({"on": "31/02/2025", "successors": [], "kind": "merged"}, "Nhập một ngày hợp lệ"),
        (
            {"on": "2025-07-01", "successors": ["OLD"], "kind": "merged"},
            "không tồn tại vào ngày đã chọn",
        ),
        ({"on": "2025-07-01", "successors": ["NEW"], "kind": "eaten"}, "không hợp lệ"),
    ],
)
def test_bad_succession_input_is_a_form_error(
    secretariat_client: Client, plan: Plan, data: dict[str, Any], message: str
):
    justice = agency("bg.so-tu-phap")
    successor = add_successor_of_justice()
    names = {"OLD": str(agency("bg.so-noi-vu").pk), "NEW": str(successor.pk)}
    data = {**data, "successors": [names.get(s, s) for s in data.get("successors", [])]}
    response = secretariat_client.post(
        reverse("agencies:agency_succession", args=[justice.pk]), data
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Succession.objects.filter(predecessor=justice).exists()
    assert open_assignments("bg.so-tu-phap") == [("1", "partner"), ("2", "lead")]


def test_refused_succession_shows_why_and_changes_nothing(secretariat_client: Client, plan: Plan):
    # Bắc Ninh's Sở Nội vụ succeeded Bắc Giang's: the reverse would make a cycle.
    new = agency("bn.so-noi-vu")
    old = agency("bg.so-noi-vu")
    response = secretariat_client.post(
        reverse("agencies:agency_succession", args=[new.pk]),
        {"on": "2025-06-01", "successors": [old.pk], "kind": "renamed"},
    )
    assert response.status_code == 400
    errors = response.content.decode().split('id="succession-errors"', 1)[1].split("</div>", 1)[0]
    assert "vòng lặp: bg.so-noi-vu → bn.so-noi-vu → bg.so-noi-vu" in errors
    new.refresh_from_db()
    assert new.valid_until is None
    assert not Succession.objects.filter(predecessor=new).exists()


def test_succession_form_offers_agencies_of_the_date(secretariat_client: Client, plan: Plan):
    justice = agency("bg.so-tu-phap")
    page = secretariat_client.get(justice.get_absolute_url(), {"on": "2025-01-01"}).content.decode()
    form = page.split('id="succession-form"', 1)[1].split("</form>", 1)[0]
    assert "Sở Thông tin và Truyền thông tỉnh Bắc Giang" in form
    assert "Sở Nội vụ tỉnh Bắc Ninh" not in form
    assert "Sở Tư pháp tỉnh Bắc Giang" not in form  # never its own successor


# -- mapping unresolved texts ---------------------------------------------------------------


def _fragments(html: str) -> list[str]:
    return re.findall(r'<tr data-fragment="([^"]*)">', html)


def test_mapping_lists_unresolved_texts_with_their_activities(
    secretariat_client: Client, plan: Plan, django_assert_max_num_queries: Any
):
    url = reverse("agencies:mapping")
    page = secretariat_client.get(url).content.decode()
    assert plan.title in page and _fragments(page) == []
    with django_assert_max_num_queries(16):  # + the merged pages' queues, targets, deadline rules
        page = secretariat_client.get(url, {"plan": plan.pk}).content.decode()
    assert sorted(_fragments(page)) == ["Các sở", "cơ quan", "đơn vị"]
    row = page.split('data-fragment="Các sở"', 1)[1].split("</tr>", 1)[0]
    assert ">22</a>" in row and ">23</a>" in row
    assert "Các sở, ban, ngành thuộc UBND tỉnh" in row  # a group to choose
    assert secretariat_client.get(url, {"plan": 999}).status_code == 404
    # More activities with the same texts: the same number of queries.
    builder = PlanBuilder.__new__(PlanBuilder)
    builder.plan, builder.position = plan, 100
    task = Node.objects.filter(plan=plan, kind=NodeKind.TASK).first()
    for i in range(20):
        builder.node(NodeKind.ACTIVITY, task, f"Hoạt động {i}", number=f"{50 + i}", lead="Các sở")
    with django_assert_max_num_queries(16):
        secretariat_client.get(url, {"plan": plan.pk})


def test_map_a_text_to_a_group(secretariat_client: Client, plan: Plan):
    url = reverse("agencies:mapping")
    group = AgencyGroup.objects.get(code="so-nganh")
    response = secretariat_client.post(
        url, {"plan": plan.pk, "text": "Các sở", "target": f"group:{group.pk}"}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"{url}?plan={plan.pk}"
    page = response.content.decode()
    assert "“Các sở” nay được hiểu là Các sở, ban, ngành thuộc UBND tỉnh" in page
    assert sorted(_fragments(page)) == ["cơ quan", "đơn vị"]
    assigned = Assignment.objects.open().filter(group=group, activity__plan=plan)
    assert sorted((a.activity.number, a.role) for a in assigned) == [
        ("1", "lead"),
        ("2", "partner"),
        ("22", "partner"),
        ("23", "lead"),
    ]
    # A later import reads the text the same way.
    resolved = Resolver.load().resolve("Các sở, Sở Tư pháp", on=dt.date(2021, 8, 21))
    assert [g.group.code for g in resolved.groups] == ["so-nganh"]
    assert resolved.unresolved == []


def test_map_a_text_to_an_agency(secretariat_client: Client, plan: Plan):
    home = agency("bg.so-noi-vu")
    secretariat_client.post(
        reverse("agencies:mapping"),
        {"plan": plan.pk, "text": "cơ quan", "target": f"agency:{home.pk}"},
    )
    alias = AgencyAlias.objects.get(agency=home, text="cơ quan")
    assert alias.kind == "mapped" and alias.created_by is not None
    assert ("22", "partner") in open_assignments("bg.so-noi-vu")


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("", "Trường này là bắt buộc."),
        ("agency:99999", "Lựa chọn không hợp lệ"),
        ("plan:1", "Lựa chọn không hợp lệ"),
        ("CLASH", "đã có nghĩa là nhóm"),
    ],
)
def test_bad_mapping_is_a_form_error(
    secretariat_client: Client, plan: Plan, target: str, message: str
):
    if target == "CLASH":
        # "các sở" is already a phrase of the departments group? No: "sở, ngành" is; map a
        # text that one group has to another.
        target = f"group:{AgencyGroup.objects.get(code='ubnd-cap-huyen').pk}"
        text = "sở, ngành"
    else:
        text = "Các sở"
    before = (AgencyAlias.objects.count(), GroupPhrase.objects.count(), Assignment.objects.count())
    response = secretariat_client.post(
        reverse("agencies:mapping"), {"plan": plan.pk, "text": text, "target": target}
    )
    assert response.status_code == 400
    page = response.content.decode()
    errors = page.split('id="mapping-errors"', 1)[1].split("</div>", 1)[0]
    assert message in errors
    assert "Các sở" in _fragments(page)
    after = (AgencyAlias.objects.count(), GroupPhrase.objects.count(), Assignment.objects.count())
    assert before == after


# -- plan page and activity page ------------------------------------------------------------


def test_plan_page_lists_ended_agencies_and_moves_their_work(
    secretariat_client: Client, plan: Plan
):
    page = secretariat_client.get(plan.get_absolute_url()).content.decode()
    section = page.split('id="ended-agencies"', 1)[1].split("</section>", 1)[0]
    home = section.split('data-agency="bg.so-noi-vu"', 1)[1].split('data-agency="', 1)[0]
    assert "Sở Nội vụ tỉnh Bắc Ninh" in home  # the proposed successor
    assert ">22</a> (chủ trì)" in home
    justice = section.split('data-agency="bg.so-tu-phap"', 1)[1]
    assert "chưa có" in justice
    assert reverse("agencies:agency_transfer", args=[agency("bg.so-tu-phap").pk]) not in justice
    response = secretariat_client.post(
        reverse("agencies:agency_transfer", args=[agency("bg.so-noi-vu").pk]),
        {"plan": plan.pk},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == plan.get_absolute_url()
    page = response.content.decode()
    assert "Đã chuyển 2 việc được giao của Sở Nội vụ tỉnh Bắc Giang" in page
    assert open_assignments("bn.so-noi-vu") == [("22", "lead"), ("23", "partner")]
    assert 'data-agency="bg.so-noi-vu"' not in page
    # An agency that still exists keeps its work.
    response = secretariat_client.post(
        reverse("agencies:agency_transfer", args=[agency("bn.so-noi-vu").pk]),
        {"plan": plan.pk},
        follow=True,
    )
    assert "vẫn còn tồn tại" in response.content.decode()
    assert open_assignments("bn.so-noi-vu") == [("22", "lead"), ("23", "partner")]


def test_activity_page_shows_assignments_members_and_history(reader_client: Client, plan: Plan):
    record_succession(
        predecessor=agency("bg.so-tu-phap"),
        successors=[add_successor_of_justice()],
        on=dt.date(2025, 7, 1),
        legal_basis="NQ thử",
    )
    page = reader_client.get(activity(plan, "1").get_absolute_url()).content.decode()
    section = page.split('id="assignments"', 1)[1].split("</section>", 1)[0]
    lead = section.split('data-role="lead"', 1)[1].split("</ul>", 2)
    assert "Các sở, ban, ngành thuộc UBND tỉnh" in lead[0]
    assert "Sở Nội vụ tỉnh Bắc Ninh" in section  # a member today
    partner = section.split('data-role="partner"', 1)[1].split("</ul>", 1)[0]
    assert "Sở Tư pháp tỉnh Bắc Ninh" in partner
    ended = section.split('data-role="ended"', 1)[1].split("</ul>", 1)[0]
    assert "Sở Tư pháp tỉnh Bắc Giang" in ended
    history = section.split('id="assignment-history"', 1)[1]
    assert "Chuyển cho cơ quan kế thừa" in history and "NQ thử" in history


def test_plan_page_query_count_does_not_grow_with_ended_agencies(
    reader_client: Client, plan: Plan, django_assert_max_num_queries: Any
):
    home = agency("bn.so-noi-vu")
    for round_ in range(2):
        # The plan page's own queries and the resolver's snapshot of the registry.
        with django_assert_max_num_queries(15):
            page = reader_client.get(plan.get_absolute_url()).content.decode()
        assert page.count('data-agency="') == 2 + 10 * round_
        for i in range(10):
            ended = Agency.objects.create(
                code=f"x.ended-{round_}-{i}",
                name=f"Cơ quan đã giải thể {round_}.{i}",
                level="department",
                valid_until=dt.date(2025, 6, 30),
            )
            Succession.objects.create(
                predecessor=ended, successor=home, on=dt.date(2025, 7, 1), kind="merged"
            )
            for node in Node.objects.activities().filter(plan=plan):
                Assignment.objects.create(activity=node, role="partner", agency=ended)
