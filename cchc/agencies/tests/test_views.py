"""The agencies pages end to end through Django's test client, on the mini registry.

Personas: ``reader`` (logged in, no permission) and ``secretariat`` (may map texts, record
successions and move assignments: the three permissions the pages ask for).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

from cchc.agencies.actions import record_succession, sync_plan_assignments
from cchc.agencies.models import (
    Agency,
    AgencyAlias,
    AgencyGroup,
    AgencyLevel,
    Assignment,
    AssignmentChange,
    GroupPhrase,
    Role,
    Succession,
)
from cchc.agencies.resolver import Resolver
from cchc.conftest import PASSWORD, PlanBuilder, build_small_plan
from cchc.plans.models import Node, NodeKind, Plan

pytestmark = pytest.mark.django_db

SECRETARIAT_PERMISSIONS = ("add_agencyalias", "add_succession", "change_assignment")


def make_secretariat(username: str = "secretariat") -> User:
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="agencies", codename__in=SECRETARIAT_PERMISSIONS
        )
    )
    return user


def add_successor_of_justice() -> Agency:
    """Bắc Ninh's Sở Tư pháp, which the mini registry does not have."""
    return Agency.objects.create(
        code="bn.so-tu-phap",
        name="Sở Tư pháp tỉnh Bắc Ninh",
        short_name="Sở Tư pháp",
        level=AgencyLevel.DEPARTMENT,
        parent=Agency.objects.get(code="bn.ubnd-tinh"),
        valid_from=dt.date(2025, 7, 1),
    )


@pytest.fixture
def secretariat(db: None) -> User:
    return make_secretariat()


@pytest.fixture
def secretariat_client(client: Client, secretariat: User) -> Client:
    client.force_login(secretariat)
    return client


@pytest.fixture
def plan(mini_registry: None) -> Plan:
    """The small plan (issued 21/08/2021) with its assignments read from its texts."""
    plan = build_small_plan()
    sync_plan_assignments(plan_id=plan.pk)
    return plan


def agency(code: str) -> Agency:
    return Agency.objects.get(code=code)


def _activity(plan: Plan, number: str) -> Node:
    return Node.objects.get(plan=plan, kind=NodeKind.ACTIVITY, number=number)


def _open(code: str) -> list[tuple[str, str]]:
    return sorted(
        (a.activity.number, a.role)
        for a in Assignment.objects.open().filter(agency__code=code).select_related("activity")
    )


# -- access -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kwargs", "method"),
    [
        ("agencies:agency_list", {}, "get"),
        ("agencies:group_list", {}, "get"),
        ("agencies:mapping", {}, "get"),
        ("agencies:agency_detail", {"pk": 1}, "get"),
        ("agencies:agency_succession", {"pk": 1}, "post"),
        ("agencies:agency_transfer", {"pk": 1}, "post"),
    ],
)
def test_every_agency_page_requires_login(
    client: Client, name: str, kwargs: dict[str, int], method: str
):
    response = getattr(client, method)(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_reader_sees_but_cannot_change(reader_client: Client, plan: Plan):
    justice = agency("bg.so-tu-phap")
    successor = add_successor_of_justice()
    assert reader_client.get(reverse("agencies:agency_list")).status_code == 200
    assert reader_client.get(reverse("agencies:group_list")).status_code == 200
    page = reader_client.get(justice.get_absolute_url()).content.decode()
    assert "Sở Tư pháp tỉnh Bắc Giang" in page
    assert 'id="succession-form"' not in page
    assert reverse("agencies:mapping") not in page
    assert reader_client.get(reverse("agencies:mapping")).status_code == 403
    data = {"on": "2025-07-01", "successors": [successor.pk], "kind": "merged"}
    response = reader_client.post(reverse("agencies:agency_succession", args=[justice.pk]), data)
    assert response.status_code == 403
    response = reader_client.post(
        reverse("agencies:mapping"), {"plan": plan.pk, "text": "Các sở", "target": "group:1"}
    )
    assert response.status_code == 403
    response = reader_client.post(
        reverse("agencies:agency_transfer", args=[agency("bg.so-noi-vu").pk]), {"plan": plan.pk}
    )
    assert response.status_code == 403
    assert not Succession.objects.filter(predecessor=justice).exists()
    assert not GroupPhrase.objects.filter(text="Các sở").exists()
    assert _open("bg.so-noi-vu") == [("22", "lead"), ("23", "partner")]
    plan_page = reader_client.get(plan.get_absolute_url()).content.decode()
    assert "Sở Nội vụ tỉnh Bắc Giang" in plan_page  # the section is shown to every reader
    assert reverse("agencies:agency_transfer", args=[agency("bg.so-noi-vu").pk]) not in plan_page


# -- registry list and groups ---------------------------------------------------------------


def _names(html: str) -> list[str]:
    table = html.split('id="agency-table"', 1)
    if len(table) < 2:
        return []
    import re

    return re.findall(r'<td><a href="/agencies/\d+/">([^<]*)</a>', table[1])


def test_list_filters_by_level_validity_and_search(reader_client: Client, mini_registry: None):
    url = reverse("agencies:agency_list")
    everything = reader_client.get(url).content.decode()
    assert len(_names(everything)) == Agency.objects.count() == 13
    assert "13 cơ quan trong danh mục" in everything
    districts = _names(reader_client.get(url, {"level": "district"}).content.decode())
    assert sorted(districts) == ["UBND huyện Yên Thế", "UBND thành phố Bắc Giang"]
    active = _names(
        reader_client.get(url, {"status": "active", "on": "2025-01-01"}).content.decode()
    )
    assert "Sở Thông tin và Truyền thông tỉnh Bắc Giang" in active
    assert "Sở Nội vụ tỉnh Bắc Ninh" not in active
    ended = _names(reader_client.get(url, {"status": "ended", "on": "2025-07-01"}).content.decode())
    assert "Sở Nội vụ tỉnh Bắc Giang" in ended
    assert "Sở Nội vụ tỉnh Bắc Ninh" not in ended
    for q in ("so noi vu", "SỞ NỘI VỤ", "Sở Nội Vụ"):
        found = _names(reader_client.get(url, {"q": q}).content.decode())
        assert sorted(found) == ["Sở Nội vụ tỉnh Bắc Giang", "Sở Nội vụ tỉnh Bắc Ninh"]
    # Name variants are searched too.
    assert _names(reader_client.get(url, {"q": "snv"}).content.decode()) == [
        "Sở Nội vụ tỉnh Bắc Giang"
    ]
    # A bad value is dropped, not refused.
    response = reader_client.get(url, {"level": "ministry", "on": "not a date"})
    assert response.status_code == 200
    assert len(_names(response.content.decode())) == 13


def _grow_registry(count: int, plan: Plan, start: int = 0) -> None:
    """More agencies, each with an alias, a succession and open assignments."""
    activities = list(Node.objects.activities().filter(plan=plan))
    parent = agency("bn.ubnd-tinh")
    previous: Agency | None = None
    for i in range(start, start + count):
        new = Agency.objects.create(
            code=f"x.so-{i}",
            name=f"Sở Thử nghiệm {i}",
            level=AgencyLevel.DEPARTMENT,
            parent=parent,
            valid_until=dt.date(2024, 12, 31) if i % 2 == 0 else None,
        )
        AgencyAlias.objects.create(
            agency=new, text=f"STN{i}", folded=f"stn{i}", kind="abbreviation"
        )
        if previous is not None and i % 2 == 1:
            Succession.objects.create(
                predecessor=previous, successor=new, on=dt.date(2025, 1, 1), kind="merged"
            )
        for activity in activities:
            for role in Role.values:
                Assignment.objects.create(activity=activity, role=role, agency=new)
        previous = new


def test_list_query_counts_do_not_grow(
    reader_client: Client, plan: Plan, django_assert_max_num_queries: Any
):
    urls = [
        reverse("agencies:agency_list"),
        reverse("agencies:agency_list") + "?q=so&level=department&status=active",
        reverse("agencies:group_list"),
    ]
    for start in (0, 30):
        for url in urls:
            # Session, user, permissions (2), then the page's own (at most 4).
            with django_assert_max_num_queries(8):
                assert reader_client.get(url).status_code == 200
        _grow_registry(30, plan, start)
    page = reader_client.get(reverse("agencies:agency_list")).content.decode()
    assert "Sở Thử nghiệm 59" in page


def test_groups_show_phrases_and_members_today(reader_client: Client, mini_registry: None):
    page = reader_client.get(reverse("agencies:group_list")).content.decode()
    section = page.split('id="group-so-nganh"', 1)[1].split("</section>", 1)[0]
    assert "các sở, ban, ngành" in section
    # Today the Bắc Giang departments have merged into Bắc Ninh's.
    assert "Sở Nội vụ tỉnh Bắc Ninh" in section
    assert "Sở Nội vụ tỉnh Bắc Giang" not in section
    assert "2 thành viên hôm nay" in section
    related = page.split('id="group-lien-quan"', 1)[1].split("</section>", 1)[0]
    assert "Không có quy tắc thành viên" in related


# -- agency page --------------------------------------------------------------------------


def test_agency_page_shows_names_successions_and_assignments(
    reader_client: Client, plan: Plan, django_assert_max_num_queries: Any
):
    old = agency("bg.so-noi-vu")
    with django_assert_max_num_queries(10):
        page = reader_client.get(old.get_absolute_url()).content.decode()
    assert "Sở Nội vụ tỉnh Bắc Giang" in page and "bg.so-noi-vu" in page
    assert "SNV" in page  # a name variant
    assert "đến 30/06/2025" in page
    assert "không còn tồn tại" in page
    successions = page.split('id="successions"', 1)[1].split("</table>", 1)[0]
    assert "Sở Nội vụ tỉnh Bắc Ninh" in successions and "01/07/2025" in successions
    open_rows = page.split('id="open-assignments"', 1)[1].split("</table>", 1)[0]
    assert "3.1: Hoạt động 1: Hướng dẫn, đôn đốc xây dựng Đề án" in open_rows
    assert "99/KH-UBND" in open_rows
    kst = agency("bg.so-kh-cn").get_absolute_url()
    page = reader_client.get(kst).content.decode()
    successions = page.split('id="successions"', 1)[1].split("</table>", 1)[0]
    assert "Sở Thông tin và Truyền thông tỉnh Bắc Giang" in successions
    assert "Nghị quyết của HĐND tỉnh Bắc Giang (test)" in successions
    assert reader_client.get(reverse("agencies:agency_detail", args=[9999])).status_code == 404


def test_agency_page_query_count_does_not_grow(
    reader_client: Client, plan: Plan, secretariat: User, django_assert_max_num_queries: Any
):
    justice = agency("bg.so-tu-phap")
    successor = add_successor_of_justice()
    record_succession(predecessor=justice, successors=[successor], on=dt.date(2025, 7, 1))
    for url in (justice.get_absolute_url(), successor.get_absolute_url()):
        with django_assert_max_num_queries(10):
            page = reader_client.get(url).content.decode()
        assert 'id="move-history"' in page
    for _i in range(5):
        build = build_small_plan(
            number=f"{_i}/KH", title=f"Kế hoạch {_i}", issued_on=dt.date(2021, 1, 1)
        )
        sync_plan_assignments(plan_id=build.pk)
    record_succession(predecessor=justice, successors=[successor], on=dt.date(2025, 7, 1))
    with django_assert_max_num_queries(10):
        page = reader_client.get(successor.get_absolute_url()).content.decode()
    assert '<span class="badge text-bg-light" id="open-count">12</span>' in page


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
    assert _open("bg.so-tu-phap") == []
    assert _open("bn.so-tu-phap") == [("1", "partner"), ("2", "lead")]
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
        ({"on": "2025-07-01", "successors": ["NEW"], "kind": "eaten"}, "lựa chọn hợp lệ"),
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
    assert _open("bg.so-tu-phap") == [("1", "partner"), ("2", "lead")]


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
    import re

    return re.findall(r'<tr data-fragment="([^"]*)">', html)


def test_mapping_lists_unresolved_texts_with_their_activities(
    secretariat_client: Client, plan: Plan, django_assert_max_num_queries: Any
):
    url = reverse("agencies:mapping")
    page = secretariat_client.get(url).content.decode()
    assert plan.title in page and _fragments(page) == []
    with django_assert_max_num_queries(15):
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
    with django_assert_max_num_queries(15):
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
    assert ("22", "partner") in _open("bg.so-noi-vu")


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("", "Trường này là bắt buộc."),
        ("agency:99999", "lựa chọn hợp lệ"),
        ("plan:1", "lựa chọn hợp lệ"),
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
    assert _open("bn.so-noi-vu") == [("22", "lead"), ("23", "partner")]
    assert 'data-agency="bg.so-noi-vu"' not in page
    # An agency that still exists keeps its work.
    response = secretariat_client.post(
        reverse("agencies:agency_transfer", args=[agency("bn.so-noi-vu").pk]),
        {"plan": plan.pk},
        follow=True,
    )
    assert "vẫn còn tồn tại" in response.content.decode()
    assert _open("bn.so-noi-vu") == [("22", "lead"), ("23", "partner")]


def test_activity_page_shows_assignments_members_and_history(reader_client: Client, plan: Plan):
    record_succession(
        predecessor=agency("bg.so-tu-phap"),
        successors=[add_successor_of_justice()],
        on=dt.date(2025, 7, 1),
        legal_basis="NQ thử",
    )
    page = reader_client.get(_activity(plan, "1").get_absolute_url()).content.decode()
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


# -- admin ----------------------------------------------------------------------------------


def test_admin_pages_open_and_keep_variants_searchable(client: Client, superuser: User, plan: Plan):
    client.force_login(superuser)
    for name in ("agency", "succession", "agencygroup", "assignment"):
        assert client.get(reverse(f"admin:agencies_{name}_changelist")).status_code == 200
    home = agency("bg.so-noi-vu")
    assert client.get(reverse("admin:agencies_agency_change", args=[home.pk])).status_code == 200
    assert client.get(reverse("admin:agencies_succession_add")).status_code == 403
    group = AgencyGroup.objects.get(code="so-nganh")
    assert (
        client.get(reverse("admin:agencies_agencygroup_change", args=[group.pk])).status_code == 200
    )
    assignment = Assignment.objects.filter(agency=home).first()
    assert assignment is not None
    url = reverse("admin:agencies_assignment_change", args=[assignment.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 403
