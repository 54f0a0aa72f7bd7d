"""The agencies pages end to end through Django's test client, on the mini registry: access,
the registry list, the groups, an agency's page, the admin. Changes: test_views_changes.py.

Personas: ``reader`` (logged in, no permission) and ``secretariat`` (helpers.py).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from cchc.agencies.actions import record_succession, sync_plan_assignments
from cchc.agencies.models import (
    Agency,
    AgencyAlias,
    AgencyGroup,
    AgencyLevel,
    Assignment,
    GroupPhrase,
    Role,
    Succession,
)
from cchc.agencies.resolver import Resolver
from cchc.agencies.tests.helpers import (
    add_successor_of_justice,
    agency,
    make_secretariat,
    open_assignments,
    synced_plan,
)
from cchc.conftest import build_small_plan
from cchc.plans.models import Node, Plan

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
    assert open_assignments("bg.so-noi-vu") == [("22", "lead"), ("23", "partner")]
    plan_page = reader_client.get(plan.get_absolute_url()).content.decode()
    assert "Sở Nội vụ tỉnh Bắc Giang" in plan_page  # the section is shown to every reader
    assert reverse("agencies:agency_transfer", args=[agency("bg.so-noi-vu").pk]) not in plan_page


# -- registry list and groups ---------------------------------------------------------------


def _names(html: str) -> list[str]:
    table = html.split('id="agency-table"', 1)
    if len(table) < 2:
        return []
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


# -- admin ----------------------------------------------------------------------------------


def test_admin_pages_open_and_history_is_read_only(client: Client, superuser: User, plan: Plan):
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


def test_admin_variant_is_found_by_the_resolver(client: Client, superuser: User, plan: Plan):
    """A name variant added in the admin is folded like the loader's, so plans resolve it."""
    client.force_login(superuser)
    justice = agency("bg.so-tu-phap")
    url = reverse("admin:agencies_agency_change", args=[justice.pk])
    data = {
        "code": justice.code,
        "name": justice.name,
        "short_name": justice.short_name,
        "level": justice.level,
        "parent": justice.parent_id,
        "valid_until": "2025-06-30",
        "confirmed": "on",
        "aliases-TOTAL_FORMS": "1",
        "aliases-INITIAL_FORMS": "0",
        "aliases-MIN_NUM_FORMS": "0",
        "aliases-MAX_NUM_FORMS": "1000",
        "aliases-0-text": "STP tỉnh",
        "aliases-0-kind": "abbreviation",
        "aliases-0-agency": justice.pk,
        # The contacts reminders go to, inline on the same page: none.
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
    }
    response = client.post(url, data)
    errors = re.findall(r"errorlist[^>]*>(.*?)</ul>", response.content.decode(), re.S)
    assert response.status_code == 302, errors
    alias = AgencyAlias.objects.get(agency=justice)
    assert (alias.text, alias.folded, alias.created_by) == ("STP tỉnh", "stp tinh", superuser)
    resolved = Resolver.load().resolve("STP tỉnh", on=dt.date(2021, 8, 21))
    assert [m.agency.code for m in resolved.agencies] == ["bg.so-tu-phap"]


def test_admin_group_phrase_is_folded_and_unique(client: Client, superuser: User, plan: Plan):
    client.force_login(superuser)
    group = AgencyGroup.objects.get(code="ubnd-cap-huyen")
    url = reverse("admin:agencies_agencygroup_change", args=[group.pk])
    phrases = list(group.phrases.order_by("pk"))
    data: dict[str, Any] = {
        "name": group.name,
        "levels": ["district"],
        "notes": "",
        "phrases-TOTAL_FORMS": str(len(phrases) + 1),
        "phrases-INITIAL_FORMS": str(len(phrases)),
        "phrases-MIN_NUM_FORMS": "0",
        "phrases-MAX_NUM_FORMS": "1000",
    }
    for i, phrase in enumerate(phrases):
        data.update({f"phrases-{i}-id": phrase.pk, f"phrases-{i}-text": phrase.text})
        data[f"phrases-{i}-group"] = group.pk
    new = len(phrases)
    data.update({f"phrases-{new}-text": "Các sở, ngành", f"phrases-{new}-group": group.pk})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Cụm từ này đã thuộc một nhóm khác." in response.content.decode()
    data[f"phrases-{new}-text"] = "UBND các huyện, TP"
    assert client.post(url, data).status_code == 302
    assert group.phrases.get(text="UBND các huyện, TP").folded == "ubnd cac huyen, tp"
    assert [
        g.group.code
        for g in Resolver.load().resolve("UBND các huyện, TP", on=dt.date(2021, 8, 21)).groups
    ] == ["ubnd-cap-huyen"]
