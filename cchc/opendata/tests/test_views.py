"""The public pages, the catalogue, the CKAN API and the secretariat's pages."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from cchc.conftest import member
from cchc.opendata.actions import approve_release, build_release, publish_release
from cchc.opendata.models import Publication, Release, ReleaseState, Subject
from cchc.opendata.tests.conftest import (
    HIDDEN_INDICATOR,
    HIDDEN_PLAN,
    HIDDEN_TARGET,
    PUBLIC_INDICATOR,
    World,
)

pytestmark = pytest.mark.django_db

SECRETS = (HIDDEN_PLAN, HIDDEN_TARGET, HIDDEN_INDICATOR, "od.hidden")


def _published(world: World, key: str = "quarter-1", changelog: str = "") -> Release:
    release = build_release(period_key=key, year=2024, user=world.builder, changelog=changelog)
    release = approve_release(release=release, user=world.approver)
    return publish_release(release=release, user=world.approver)


def _as(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_public_pages_show_only_what_is_public(
    client: Client, world: World, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(6):
        index = client.get(reverse("opendata:public_index"))
    assert index.status_code == 200
    text = index.content.decode()
    assert world.plan.title in text and PUBLIC_INDICATOR in text
    assert not any(secret in text for secret in SECRETS)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("opendata:public_plan", args=[world.plan.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Cải cách thể chế" in text and "Cải cách tổ chức bộ máy" in text
    assert 'id="public-targets"' in text
    assert not any(secret in text for secret in SECRETS)
    assert (
        client.get(reverse("opendata:public_plan", args=[world.hidden_plan.pk])).status_code == 404
    )
    values = client.get(reverse("opendata:public_indicator", args=["od.public"]))
    assert values.status_code == 200
    assert "93,5" in values.content.decode()
    assert client.get(reverse("opendata:public_indicator", args=["od.hidden"])).status_code == 404


def test_targets_hidden_while_only_the_progress_is_public(client: Client, world: World) -> None:
    from cchc.opendata.actions import set_publication

    set_publication(subject=Subject.TARGETS, plan=world.plan, public=False, user=world.builder)
    page = client.get(reverse("opendata:public_plan", args=[world.plan.pk]))
    assert 'id="public-targets"' not in page.content.decode()


def test_catalogue_is_dcat_json_ld(client: Client, world: World) -> None:
    release = _published(world, changelog="Bản đầu tiên")
    build_release(period_key="half-1", year=2024, user=world.builder)  # a draft: not listed
    response = client.get(reverse("opendata:catalog"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    data = json.loads(response.content)
    assert data["@type"] == "dcat:Catalog"
    assert data["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    for key in ("dct:title", "dct:description", "dct:publisher", "dct:license", "dcat:dataset"):
        assert key in data
    (dataset,) = data["dcat:dataset"]
    assert dataset["@type"] == "dcat:Dataset"
    assert dataset["dct:identifier"] == release.slug
    for key in ("dct:title", "dct:issued", "dct:modified", "dct:publisher", "dct:temporal"):
        assert dataset[key]
    assert dataset["dct:temporal"]["dcat:startDate"]["@value"] == "2023-12-15"
    assert dataset["dct:temporal"]["dcat:endDate"]["@value"] == "2024-03-14"
    assert "Bản đầu tiên" in dataset["dct:description"]["@value"]
    distributions = dataset["dcat:distribution"]
    assert len(distributions) == len(release.files) == 11
    media = {
        d["dcat:mediaType"]["@id"].rsplit("/", 2)[-2]
        + "/"
        + d["dcat:mediaType"]["@id"].rsplit("/", 1)[-1]
        for d in distributions
    }
    assert {"text/csv", "application/json"} <= media
    for d in distributions:
        assert d["@type"] == "dcat:Distribution"
        assert d["dct:license"]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
        assert d["dct:issued"]["@value"]
        # Every download answers, anonymously.
        path = d["dcat:downloadURL"]["@id"].removeprefix("http://testserver")
        assert client.get(path).status_code == 200
    _check_json_ld(data, data["@context"])


def _check_json_ld(node: Any, context: dict[str, str]) -> None:
    """What a JSON-LD processor needs to expand the document to RDF: every term a compact
    IRI of a declared prefix, every node reference an absolute IRI, every typed value a
    declared datatype."""
    if isinstance(node, list):
        for item in node:
            _check_json_ld(item, context)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key == "@context":
            continue
        if key in ("@id",):
            assert isinstance(value, str) and value.startswith(("http://", "https://")), value
        elif key == "@type":
            assert value.split(":")[0] in context, value
        elif key in ("@value", "@language"):
            assert isinstance(value, str) and value, (key, value)
        else:
            assert ":" in key and key.split(":")[0] in context, key
            _check_json_ld(value, context)


def test_ckan_actions(client: Client, world: World) -> None:
    first = _published(world, changelog="Quý I")
    second = _published(world, key="half-1", changelog="Sáu tháng")
    listed = client.get("/api/3/action/package_list").json()
    assert listed["success"] is True and listed["help"].endswith("name=package_list")
    assert set(listed["result"]) == {first.slug, second.slug}
    shown = client.get("/api/3/action/package_show", {"id": first.slug}).json()
    assert shown["success"] is True
    package = shown["result"]
    assert package["name"] == first.slug and package["license_id"] == "CC-BY-4.0"
    assert package["num_resources"] == len(package["resources"]) == 11
    assert {r["format"] for r in package["resources"]} == {"CSV", "JSON"}
    missing = client.get("/api/3/action/package_show", {"id": "cchc-2024-quarter-1-v9"})
    assert missing.status_code == 404
    assert missing.json()["success"] is False
    assert missing.json()["error"]["__type"] == "Not Found Error"
    found = client.get("/api/3/action/package_search", {"q": "sau thang", "rows": "5"}).json()
    assert found["success"] is True
    assert found["result"]["count"] == 1
    assert [p["name"] for p in found["result"]["results"]] == [second.slug]
    paged = client.get("/api/3/action/package_search", {"rows": 1, "start": 1}).json()["result"]
    assert paged["count"] == 2 and len(paged["results"]) == 1
    bad = client.get("/api/3/action/package_search", {"rows": "-1"})
    assert bad.status_code == 409 and bad.json()["success"] is False


def test_drafts_are_not_public(client: Client, world: World) -> None:
    draft = build_release(period_key="quarter-1", year=2024, user=world.builder)
    assert client.get(reverse("opendata:release_detail", args=[draft.slug])).status_code == 404
    assert (
        client.get(reverse("opendata:release_file", args=[draft.slug, "progress.csv"])).status_code
        == 404
    )
    assert client.get("/api/3/action/package_list").json()["result"] == []


def test_secretariat_builds_approves_and_publishes_on_the_pages(world: World) -> None:
    builder, approver = _as(world.builder), _as(world.approver)
    response = builder.post(
        reverse("opendata:build"), {"period": "quarter-1", "year": 2024, "changelog": "Quý I"}
    )
    release = Release.objects.get()
    assert response["Location"] == reverse("opendata:manage_release", args=[release.pk])
    page = builder.get(response["Location"]).content.decode()
    assert 'id="validation-ok"' in page and "Quý I" in page
    # The builder's own approval is refused while another member exists.
    builder.post(reverse("opendata:approve", args=[release.pk]), {"changelog": "Quý I"})
    release.refresh_from_db()
    assert release.state == ReleaseState.DRAFT
    approver.post(reverse("opendata:approve", args=[release.pk]), {"changelog": "Quý I, sửa"})
    approver.post(reverse("opendata:publish", args=[release.pk]))
    release.refresh_from_db()
    assert release.state == ReleaseState.PUBLISHED and release.changelog == "Quý I, sửa"
    listing = builder.get(reverse("opendata:manage")).content.decode()
    assert "snv-approver" in listing


def test_secretariat_makes_things_public_with_history(world: World) -> None:
    client = _as(world.builder)
    client.post(
        reverse("opendata:publication"),
        {"subject": "plan", "object_id": world.hidden_plan.pk, "public": "on"},
    )
    last = Publication.objects.order_by("-pk").first()
    assert last is not None and last.public and last.actor == world.builder
    assert (
        Client().get(reverse("opendata:public_plan", args=[world.hidden_plan.pk])).status_code
        == 200
    )
    client.post(
        reverse("opendata:publication"), {"subject": "plan", "object_id": world.hidden_plan.pk}
    )
    assert (
        Client().get(reverse("opendata:public_plan", args=[world.hidden_plan.pk])).status_code
        == 404
    )
    assert Publication.objects.filter(plan=world.hidden_plan, subject="plan").count() == 4


def test_only_the_secretariat_manages(world: World, leader: User) -> None:
    from cchc.accounts.models import Role
    from cchc.agencies.models import Agency

    agency = Agency.objects.create(
        code="test.so-tu-phap", name="Sở Tư pháp (kiểm thử)", level="department"
    )
    focal = member("focal", Role.FOCAL_POINT, agency)
    for user in (leader, focal):
        client = _as(user)
        assert client.get(reverse("opendata:manage")).status_code == 403
        assert (
            client.post(reverse("opendata:build"), {"period": "year", "year": 2024}).status_code
            == 403
        )
    assert Client().get(reverse("opendata:manage")).status_code == 302
    assert not Release.objects.exists()


def test_lists_answer_in_a_fixed_number_of_queries(
    client: Client, world: World, django_assert_max_num_queries: Any
) -> None:
    for key in ("quarter-1", "half-1", "nine_months-1"):
        _published(world, key=key)
    for path in (
        reverse("opendata:releases"),
        reverse("opendata:catalog"),
        "/api/3/action/package_list",
        "/api/3/action/package_search?q=cchc",
    ):
        with django_assert_max_num_queries(3):
            assert client.get(path).status_code == 200
    secretariat = _as(world.builder)
    with django_assert_max_num_queries(12):
        assert secretariat.get(reverse("opendata:manage")).status_code == 200
