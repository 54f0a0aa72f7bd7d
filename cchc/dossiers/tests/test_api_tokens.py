import json
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cchc.dossiers.actions import TokenError, authenticate_token, create_token, revoke_token
from cchc.dossiers.models import Dossier, DossierEvent, IngestRun, IngestSource, IngestToken
from cchc.dossiers.tests.conftest import row

pytestmark = pytest.mark.django_db
URL = "/api/v1/dossiers/events"


def post(client: Any, body: Any, token: str | None = None, **extra: Any) -> Any:
    if token is not None:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client.post(URL, json.dumps(body), content_type="application/json", **extra)


@pytest.fixture
def token():
    return create_token(name="Một cửa tỉnh", user=None)


def test_token_is_stored_hashed_and_shown_once(token):
    stored = IngestToken.objects.get()
    assert token.plain not in (stored.hashed, stored.prefix)
    assert len(stored.hashed) == 64 and token.plain.startswith(stored.prefix)
    assert authenticate_token(token.plain) == stored
    assert authenticate_token(token.plain + "x") is None
    assert authenticate_token(stored.prefix + "A" * 35) is None
    with pytest.raises(TokenError):
        create_token(name="Một cửa tỉnh", user=None)


def test_api_batch_stores_rows_and_events(client, token, agency):
    body = {
        "dossiers": [row(MaHoSo="A1", NgayKetThucXuLy=""), {**row(MaHoSo="A2"), "KenhThucHien": 1}],
        "events": [{"MaHoSo": "A1", "kind": "finished", "at": "2026-03-05T10:00"}],
    }
    response = post(client, body, token.plain)
    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["outcome"] == "done"
    assert answer["rows"]["created"] == 2 and answer["events"]["created"] == 1
    assert Dossier.objects.get(code="A1").finished_at is not None
    run = IngestRun.objects.get(pk=answer["run"])
    assert run.source == IngestSource.API and run.token.name == "Một cửa tỉnh"
    assert IngestToken.objects.get().last_used_at is not None
    # Idempotent: the same batch again changes nothing.
    again = post(client, body, token.plain).json()
    assert again["rows"]["unchanged"] == 2 and again["events"]["unchanged"] == 1
    assert DossierEvent.objects.count() == 1


def test_api_refused_batch_names_part_item_and_column(client, token, agency):
    body = {
        "dossiers": [row(MaHoSo="A1"), row(MaHoSo="A2", CapThucHien="huyen")],
        "events": [{"MaHoSo": "A1", "kind": "paid", "at": "bad"}],
    }
    response = post(client, body, token.plain)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [(e["part"], e["line"], e["column"]) for e in errors] == [
        ("dossiers", 2, "CapThucHien"),
        ("events", 1, "at"),
    ]
    assert not Dossier.objects.exists()
    skipped = post(client, {**body, "mode": "skip"}, token.plain)
    assert skipped.status_code == 200
    assert list(Dossier.objects.values_list("code", flat=True)) == ["A1"]


def test_api_schema_refuses_unknown_fields(client, token):
    response = post(client, {"dossiers": [], "other": 1}, token.plain)
    assert response.status_code == 422


def test_wrong_missing_and_revoked_tokens_are_refused(client, token, agency):
    body = {"dossiers": [row()]}
    assert post(client, body).status_code == 401
    assert post(client, body, "not-a-token").status_code == 401
    # One character changed (a token that ends in "A" gets a "B": "A" would be the token itself).
    wrong = token.plain[:-1] + ("B" if token.plain.endswith("A") else "A")
    assert post(client, body, wrong).status_code == 401
    revoke_token(name="Một cửa tỉnh", user=None)
    refused = post(client, body, token.plain)
    assert refused.status_code == 401
    assert "revoked" in refused.json()["detail"] or refused.json()["detail"]
    assert not Dossier.objects.exists()


def test_session_login_does_not_open_the_ingest(client, importer, agency):
    client.force_login(importer)
    assert post(client, {"dossiers": [row()]}).status_code == 401
    assert not Dossier.objects.exists()


def test_a_token_reads_nothing_else(client, token):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token.plain}"}
    for path in (
        "/api/v1/reports/1",
        "/api/v1/obligations/",
        "/api/v1/status/",
        "/api/v1/indicators",
    ):
        response = client.get(path, **headers)
        assert response.status_code in (401, 403), path
    assert client.get("/dossiers/", **headers).status_code == 302  # to the login page


def test_token_command(capsys):
    call_command("dossier_token", "create", "Hệ thống xã")
    plain = capsys.readouterr().out.strip()
    assert authenticate_token(plain) is not None
    call_command("dossier_token", "list")
    listed = capsys.readouterr().out
    assert "Hệ thống xã" in listed and plain not in listed
    call_command("dossier_token", "revoke", "Hệ thống xã")
    assert authenticate_token(plain) is None
    with pytest.raises(CommandError):
        call_command("dossier_token", "revoke", "nobody")
