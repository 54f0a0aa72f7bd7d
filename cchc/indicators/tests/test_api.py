"""The indicators' API: reading for everyone, decisions for the secretariat, values for an
agency's own focal points; strict input; clear refusals."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from cchc.agencies.models import Agency
from cchc.indicators.models import Measurement, Target, TargetState
from cchc.indicators.tests.conftest import as_user

pytestmark = pytest.mark.django_db
BASE = "/api/v1"


def send(client: Client, method: str, path: str, data: Any = None) -> Any:
    if method == "get":
        response = client.get(BASE + path, data or {})
    else:
        response = client.post(BASE + path, json.dumps(data or {}), content_type="application/json")
    response.body = response.json()  # type: ignore[attr-defined]
    return response


def own_value(**extra: Any) -> dict[str, Any]:
    return {
        "indicator": "tthc.dossiers_online",
        "period_kind": "year",
        "period_year": 2024,
        "value": 41.5,
        "agency_id": Agency.objects.get(code="bg.so-tu-phap").pk,
        **extra,
    }


def test_catalogue_and_targets_with_status(people: dict[str, User], target: Target) -> None:
    client = as_user(people["nobody"])
    codes = [i["code"] for i in send(client, "get", "/indicators").body]
    assert "tthc.dossiers_online" in codes and len(codes) == 34
    one = send(client, "get", "/indicators/tthc.dossiers_online").body
    assert one["unit"] == "%" and "76/NQ-CP" in one["legal_source"]
    assert send(client, "get", "/indicators/no.such").status_code == 404
    rows = send(client, "get", "/targets", {"state": "confirmed", "on": "2024-07-01"}).body
    assert [(r["id"], r["status"], r["comparator"], r["value"]) for r in rows] == [
        (target.pk, "no_data", ">=", 50.0)
    ]
    assert send(client, "get", "/targets", {"state": "maybe"}).status_code == 422


def test_focal_posts_own_agency_values_only(people: dict[str, User], target: Target) -> None:
    focal = as_user(people["focal"])
    response = send(focal, "post", "/measurements", own_value())
    assert response.status_code == 201, response.body
    assert response.body["value"] == 41.5 and response.body["period"] == "Năm 2024"
    other = send(as_user(people["other"]), "post", "/measurements", own_value())
    assert other.status_code == 403
    no_agency = send(focal, "post", "/measurements", own_value(agency_id=None))
    assert no_agency.status_code == 403
    assert Measurement.objects.count() == 1
    rows = send(focal, "get", "/measurements", {"indicator": "tthc.dossiers_online"}).body
    assert [r["value"] for r in rows] == [41.5]


@pytest.mark.parametrize(
    ("extra", "status", "words"),
    [
        ({"value": 130.0}, 400, "100"),
        ({"value": "5"}, 422, "value"),  # strict: a string is no number
        ({"value": None}, 400, "không có số liệu"),  # the API answers in Vietnamese
        ({"period_year": 1990}, 422, "period_year"),
        ({"period_kind": "quarter", "period_number": 7}, 400, "period_number"),
        ({"unknown": 1}, 422, "unknown"),
        ({"target_id": None, "no_data_reason": "x" * 1001}, 422, "no_data_reason"),
    ],
)
def test_bad_values_are_refused_and_nothing_stored(
    people: dict[str, User], target: Target, extra: dict[str, Any], status: int, words: str
) -> None:
    response = send(as_user(people["focal"]), "post", "/measurements", own_value(**extra))
    assert response.status_code == status, response.body
    assert words.lower() in json.dumps(response.body, ensure_ascii=False).lower()
    assert not Measurement.objects.exists()


def test_a_value_outside_the_targets_span_is_refused(
    people: dict[str, User], target: Target
) -> None:
    response = send(
        as_user(people["focal"]),
        "post",
        "/measurements",
        own_value(target_id=target.pk, period_year=2027),
    )
    assert response.status_code == 400
    assert "2027" in response.body["detail"]
    assert not Measurement.objects.exists()


def test_only_the_secretariat_decides(people: dict[str, User], target: Target) -> None:
    target.state = TargetState.PROPOSED
    target.save()
    path = f"/targets/{target.pk}/reject"
    assert send(as_user(people["focal"]), "post", path, {}).status_code == 403
    assert send(as_user(people["leader"]), "post", path, {}).status_code == 403
    response = send(as_user(people["secretariat"]), "post", path, {"reason": "trùng"})
    assert response.status_code == 200 and response.body["state"] == "rejected"
    response = send(as_user(people["secretariat"]), "post", f"/targets/{target.pk}/confirm", {})
    assert response.status_code == 200 and response.body["state"] == "confirmed"


def test_cli_lists_targets_with_status(target: Target) -> None:
    import io as _io

    from django.core.management import call_command

    out = _io.StringIO()
    call_command("targets", str(target.node.plan_id), "--json", "--on", "2024-07-01", stdout=out)
    payload = json.loads(out.getvalue())
    assert payload["on"] == "2024-07-01"
    assert [(t["indicator"], t["state"], t["status"]) for t in payload["targets"]] == [
        ("tthc.dossiers_online", "confirmed", "no_data")
    ]
    out = _io.StringIO()
    call_command("targets", str(target.node.plan_id), stdout=out)
    assert "tthc.dossiers_online ≥ 50% (2025)" in out.getvalue()


def test_a_share_posted_with_its_counts(people: dict[str, User], target: Target) -> None:
    focal = as_user(people["focal"])
    counted = own_value(value=None, numerator=455, denominator=500)
    response = send(focal, "post", "/measurements", counted)
    assert response.status_code == 201, response.body
    assert (response.body["value"], response.body["numerator"]) == (91.0, 455.0)
    disagreeing = send(focal, "post", "/measurements", own_value(numerator=455, denominator=500))
    assert disagreeing.status_code == 400 and "455" in json.dumps(disagreeing.body)
    negative = send(focal, "post", "/measurements", own_value(numerator=-1, denominator=5))
    assert negative.status_code == 422
    assert Measurement.objects.count() == 1
