"""The import preview names the agencies and groups each lead/partner cell resolves to."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from cchc.conftest import SEED_PLAN

pytestmark = pytest.mark.django_db


def test_json_preview_has_lead_and_partner_agencies(mini_registry):
    out = StringIO()
    call_command("import_plan", str(SEED_PLAN), "--dry-run", "--json", stdout=out)
    payload = json.loads(out.getvalue())
    rows = {i["number"].rstrip("."): i for i in payload["items"]}
    assert [a["name"] for a in rows["64"]["lead_agencies"]] == [
        "Sở Thông tin và Truyền thông tỉnh Bắc Giang"
    ]
    partners = rows["64"]["partner_agencies"]
    assert any(p.get("group") and p["name"] == "UBND cấp huyện" for p in partners)
    assert rows["2"]["lead_agencies"][0]["code"] == "bg.so-tu-phap"
    unresolved = [w for w in payload["warnings"] if w["code"] == "unresolved-agency"]
    assert unresolved and all(w["line"] for w in unresolved)
    # Every fragment not resolved is warned, with its row's line.
    assert any("Sở Tài chính" in w["message"] for w in unresolved)


def test_json_preview_without_registry_says_so():
    out = StringIO()
    call_command("import_plan", str(SEED_PLAN), "--dry-run", "--json", stdout=out)
    payload = json.loads(out.getvalue())
    assert [w["code"] for w in payload["warnings"]].count("no-registry") == 1
    assert payload["items"][0]["lead_agencies"] == []


def test_web_preview_shows_resolved_agencies(mini_registry, importer_client):
    upload = SimpleUploadedFile(SEED_PLAN.name, SEED_PLAN.read_bytes())
    page = importer_client.post(reverse("plans:import_upload"), {"file": upload})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Sở Thông tin và Truyền thông tỉnh Bắc Giang" in text
    assert "UBND cấp huyện" in text


def test_web_preview_shows_the_schedule(importer_client):
    upload = SimpleUploadedFile(SEED_PLAN.name, SEED_PLAN.read_bytes())
    text = importer_client.post(reverse("plans:import_upload"), {"file": upload}).content.decode()
    # "Triển khai 2022, hoàn thành 2025" (row 64) read as a span.
    assert "2022-01-01 → 2025-12-31" in text


def test_web_preview_lists_the_targets_read_from_the_text(importer_client):
    upload = SimpleUploadedFile(SEED_PLAN.name, SEED_PLAN.read_bytes())
    text = importer_client.post(reverse("plans:import_upload"), {"file": upload}).content.decode()
    table = text.split('id="preview-targets"')[1].split("</table>")[0]
    # The online-dossier promise of objective 2 of section II, with its phrase and year.
    assert "tthc.dossiers_online" in table
    assert "≥ 50% (2025)" in table
    assert "nhóm 15" in table  # the PAR Index rank target's phrase
    assert table.count("<tr>") > 20
