"""The service-quality pages: who sees what, figures linking to their dossiers, query counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from cchc.accounts.models import Role
from cchc.agencies.models import Agency, AgencyLevel
from cchc.conftest import member
from cchc.servicequality import actions
from cchc.servicequality.tests.factories import store
from cchc.servicequality.tests.test_engines import hand_made
from cchc.servicequality.tests.test_rollups import JAN

pytestmark = pytest.mark.django_db


@pytest.fixture
def rolled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_DOSSIER_PARQUET", str(tmp_path / "pq"))
    Agency.objects.create(code="A", name="Sở Tư pháp (thử)", level=AgencyLevel.DEPARTMENT)
    Agency.objects.create(code="B", name="UBND xã B (thử)", level=AgencyLevel.COMMUNE)
    store(hand_made())
    actions.refresh_rollups(months=[JAN], trigger="test")


def test_leader_sees_the_province_and_the_ranking(
    rolled: None, leader_client: Client, django_assert_max_num_queries: object
) -> None:
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        response = leader_client.get("/service-quality/?period=2026-M01")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="province-score"' in html
    assert "Sở Tư pháp (thử)" in html and "UBND xã B (thử)" in html
    assert "75,00" in html or "75.00" in html
    assert "/dossiers/?from=2026-01-01&amp;to=2026-01-31&amp;agency=A" in html
    assert 'id="bieu06"' in html


def test_agency_member_sees_only_their_agency(rolled: None, client: Client) -> None:
    user = member("focal-b", Role.FOCAL_POINT, Agency.objects.get(code="B"))
    client.force_login(user)
    html = client.get("/service-quality/?period=2026-M01").content.decode()
    assert "UBND xã B (thử)" in html
    assert "Sở Tư pháp (thử)" not in html
    assert 'id="province-score"' not in html
    assert client.get("/service-quality/agency/B/?period=2026-M01").status_code == 200
    assert client.get("/service-quality/agency/A/?period=2026-M01").status_code == 404


def test_a_user_without_an_agency_is_refused(rolled: None, reader_client: Client) -> None:
    assert reader_client.get("/service-quality/").status_code == 403


def test_drill_down_to_procedures(
    rolled: None, leader_client: Client, django_assert_max_num_queries: object
) -> None:
    with django_assert_max_num_queries(11):  # type: ignore[operator]
        response = leader_client.get("/service-quality/agency/A/?period=2026-M01")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="procedures"' in html
    assert "procedure=P1" in html and "state=late" in html
