"""``/api/v1/service-quality/``: the numbers of ``cchc dossiers indicators --json`` for the same
hand-made dossiers, the scores of the page's rollups, who may read them (not an ingest token),
and the fields named in every 400."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from cchc.accounts.models import Role
from cchc.agencies.models import Agency, AgencyLevel
from cchc.conftest import member
from cchc.dossiers.actions import create_token
from cchc.servicequality import actions, selectors
from cchc.servicequality.tests.factories import at, dossier, store
from cchc.servicequality.tests.test_engines import hand_made
from cchc.servicequality.tests.test_rollups import JAN

pytestmark = pytest.mark.django_db

BASE = "/api/v1/service-quality"
PAGE_KEYS = ("count", "limit", "offset")


@pytest.fixture
def rolled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Agencies A (a department) and B (a commune), their hand-made dossiers of January 2026
    (``test_engines.hand_made``), the rollups of January."""
    monkeypatch.setenv("CCHC_DOSSIER_PARQUET", str(tmp_path / "pq"))
    Agency.objects.create(code="A", name="Sở Tư pháp (thử)", level=AgencyLevel.DEPARTMENT)
    Agency.objects.create(code="B", name="UBND xã B (thử)", level=AgencyLevel.COMMUNE)
    store(hand_made())
    actions.refresh_rollups(months=[JAN], trigger="test")


def logged_in(username: str, role: str, code: str) -> Client:
    client = Client()
    client.force_login(member(username, role, Agency.objects.get(code=code)))
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def focal_b(rolled: None) -> Client:
    return logged_in("focal-b", Role.FOCAL_POINT, "B")


def cli(*args: str) -> dict[str, Any]:
    out = io.StringIO()
    call_command("dossier_indicators", *args, "--json", stdout=out)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def api(client: Client, path: str, **query: Any) -> Any:
    response = client.get(BASE + path, query)
    assert response["Content-Type"].startswith("application/json"), response
    return response


def without_page(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k not in PAGE_KEYS}


# -- the same numbers as the command line ------------------------------------------------------


def test_the_indicators_are_the_commands_json(rolled: None, leader_client: Client) -> None:
    response = api(leader_client, "/indicators", **{"from": "2026-01-01", "to": "2026-01-31"})
    assert response.status_code == 200, response.content
    body = response.json()
    expected = cli("--from", "2026-01-01", "--to", "2026-01-31")
    assert without_page(body) == expected
    assert body["count"] == len(expected["indicators"]) == 3 * 8  # province, A, B
    # Worked out by hand (test_engines): A's three dossiers, two on time; the province's
    # online share 3 of 4 received in January (B's December dossier is carried over).
    by = {(i["code"], i["agency"]): i for i in body["indicators"]}
    assert by["766.2.1", "A"] | {} == {
        "code": "766.2.1",
        "agency": "A",
        "numerator": 2,
        "denominator": 3,
        "rate": 66.67,
        "points": by["766.2.1", "A"]["points"],
    }
    assert (by["766.3.3", None]["numerator"], by["766.3.3", None]["denominator"]) == (3, 4)
    assert body["bieu06"]["carried_over"] == 1
    assert body["bieu06"]["total"] == body["bieu06"]["resolved"] + body["bieu06"]["pending"]


def test_one_agency_and_dd_mm_yyyy_dates_as_the_command(
    rolled: None, leader_client: Client
) -> None:
    body = api(
        leader_client, "/indicators", **{"from": "01/01/2026", "to": "31/03/2026", "agency": "B"}
    ).json()
    assert without_page(body) == cli("--from", "01/01/2026", "--to", "31/03/2026", "--agency", "B")
    assert {i["agency"] for i in body["indicators"]} == {"B"}


def test_a_period_is_its_first_and_last_day(rolled: None, leader_client: Client) -> None:
    by_period = api(leader_client, "/indicators", period="2026-M01").json()
    by_dates = api(leader_client, "/indicators", **{"from": "2026-01-01", "to": "2026-01-31"})
    assert by_period == by_dates.json()
    assert (by_period["from"], by_period["to"]) == ("2026-01-01", "2026-01-31")


def test_one_administrative_level(rolled: None, leader_client: Client) -> None:
    body = api(leader_client, "/indicators", period="2026-M01", level="commune").json()
    assert {i["agency"] for i in body["indicators"]} == {None, "B"}
    report = selectors.indicator_report(
        start=JAN, end=JAN.replace(day=31), level="commune", agency=None
    )
    assert body["indicators"] == report["indicators"]
    # B's two dossiers of January: the December one carried over, the one received.
    assert body["bieu06"]["total"] == 2 and body["bieu06"]["carried_over"] == 1


def test_no_data_is_null_never_zero(leader_client: Client) -> None:
    store([dossier(agency_code="C", received_at=at("2026-05-04"), fee=None)])
    body = api(leader_client, "/indicators", period="2026-M05", agency="C").json()
    paid = next(i for i in body["indicators"] if i["code"] == "766.3.6")
    assert paid["denominator"] == 0 and paid["rate"] is None and paid["points"] is None


def test_the_indicators_are_paged(rolled: None, leader_client: Client) -> None:
    whole = api(leader_client, "/indicators", period="2026-M01").json()
    page = api(leader_client, "/indicators", period="2026-M01", limit=5, offset=6).json()
    assert page["indicators"] == whole["indicators"][6:11]
    assert (page["count"], page["limit"], page["offset"]) == (24, 5, 6)
    assert page["bieu06"] == whole["bieu06"]


# -- the scores of the page --------------------------------------------------------------------


def test_the_scores_are_the_pages_rollups(rolled: None, leader_client: Client) -> None:
    response = api(leader_client, "/scores", year=2026, period="M01")
    assert response.status_code == 200, response.content
    body = response.json()
    _span, cards = selectors.scorecards("2026-M01")
    province = body["province"]
    assert body["period"]["key"] == "2026-M01"
    assert province["score"] == cards[0].score
    assert {g["group"]: g["points"] for g in province["groups"]} == cards[0].groups
    assert province["bieu06"] == cards[0].bieu06
    assert [f["rate"] for f in province["figures"]] == [f["rate"] for f in cards[0].figures]
    ranked = [a["agency"] for a in body["agencies"]]
    scores = {c.agency: c.score for c in cards[1:]}
    assert sorted(ranked) == ["A", "B"]
    assert [a["rank"] for a in body["agencies"]] == [1, 2]
    best, second = scores[ranked[0]], scores[ranked[1]]
    assert best is not None
    assert second is None or best >= second
    assert body["agencies"][0]["name"] in {"Sở Tư pháp (thử)", "UBND xã B (thử)"}
    assert body == api(leader_client, "/scores", period="2026-M01").json()
    # Without a period: the newest month the rollups hold, as the page.
    assert api(leader_client, "/scores").json()["period"]["key"] == "2026-M01"


def test_the_ranking_is_paged(rolled: None, leader_client: Client) -> None:
    whole = api(leader_client, "/scores", period="2026-M01").json()
    second = api(leader_client, "/scores", period="2026-M01", limit=1, offset=1).json()
    assert second["agencies"] == whole["agencies"][1:]
    assert second["count"] == 2 and second["agencies"][0]["rank"] == 2


def test_a_year_alone_is_the_calendar_year(rolled: None, leader_client: Client) -> None:
    body = api(leader_client, "/scores", year=2026).json()
    assert body["period"]["key"] == "2026-Y"
    assert body["period"]["start"] == "2026-01-01" and body["period"]["end"] == "2026-12-31"


# -- who reads ---------------------------------------------------------------------------------


def test_an_agency_member_reads_only_their_agency(rolled: None, focal_b: Client) -> None:
    mine = api(focal_b, "/indicators", period="2026-M01")
    assert mine.status_code == 200
    assert without_page(mine.json()) == cli(
        "--from", "2026-01-01", "--to", "2026-01-31", "--agency", "B"
    )
    assert api(focal_b, "/indicators", period="2026-M01", agency="A").status_code == 404
    scores = api(focal_b, "/scores", period="2026-M01").json()
    assert scores["province"] is None
    assert [a["agency"] for a in scores["agencies"]] == ["B"]


def test_the_refused(rolled: None, client: Client, reader_client: Client) -> None:
    for path in ("/indicators?period=2026-M01", "/scores"):
        assert Client().get(BASE + path).status_code == 401
        assert reader_client.get(BASE + path).status_code == 403  # no agency, no role


def test_an_ingest_token_reads_nothing(rolled: None) -> None:
    token = create_token(name="Một cửa xã", user=None).plain
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    for path in ("/indicators?period=2026-M01", "/scores"):
        response = Client().get(BASE + path, **bearer)  # type: ignore[arg-type]
        assert response.status_code == 401
        assert "indicators" not in response.json() and "agencies" not in response.json()


# -- errors named by field ---------------------------------------------------------------------


def fields(response: Any) -> dict[str, str]:
    assert response.status_code == 400, (response.status_code, response.content)
    body = response.json()
    assert body["detail"]
    assert {e["location"] for e in body["errors"]} == {"query"}
    return {e["field"]: e["message"] for e in body["errors"]}


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ({"from": "2026-13-01", "to": "2026-01-31"}, {"from"}),
        ({"from": "hôm qua", "to": "mai"}, {"from", "to"}),
        ({"from": "2026-02-01", "to": "2026-01-31"}, {"to"}),
        ({"to": "2026-01-31"}, {"from"}),
        ({"from": "0001-01-01", "to": "9999-12-31"}, {"from", "to"}),
        ({"period": "2026-Z"}, {"period"}),
        ({"period": "2026-M01", "from": "2026-01-01"}, {"period"}),
        ({"period": "2026-M01", "agency": "KHONG-CO"}, {"agency"}),
    ],
)
def test_indicator_errors_name_the_field(
    rolled: None, leader_client: Client, query: dict[str, str], named: set[str]
) -> None:
    assert set(fields(api(leader_client, "/indicators", **query))) == named


def test_a_bad_level_is_a_422(rolled: None, leader_client: Client) -> None:
    response = api(leader_client, "/indicators", period="2026-M01", level="huyen")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["level"]


def test_score_errors_name_the_field(rolled: None, leader_client: Client) -> None:
    assert set(fields(api(leader_client, "/scores", period="2026-Q5"))) == {"period"}
    assert set(fields(api(leader_client, "/scores", year=2025, period="2026-M01"))) == {"period"}
    assert (
        api(leader_client, "/scores", year=2026, period="ND09-Q1").json()["period"]["key"]
        == "ND09-2026-Q1"
    )


def test_a_member_of_two_agencies_chooses_one(rolled: None) -> None:
    client = logged_in("both", Role.FOCAL_POINT, "A")
    member("both", Role.FOCAL_POINT, Agency.objects.get(code="B"))
    assert set(fields(api(client, "/indicators", period="2026-M01"))) == {"agency"}
    assert api(client, "/indicators", period="2026-M01", agency="A").status_code == 200


def test_the_scores_take_a_fixed_number_of_queries(
    leader_client: Client, django_assert_num_queries: Any
) -> None:
    """However many agencies: the session, the reader with their rights, the rules, one query
    over the rollups, the agencies' names."""
    store(hand_made() + [dossier(agency_code=code) for code in ("C", "D", "E", "F")])
    actions.refresh_rollups(months=[JAN], trigger="test")
    with django_assert_num_queries(5):
        body = api(leader_client, "/scores", period="2026-M01").json()
    assert body["count"] == 6
