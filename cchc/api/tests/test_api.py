"""The REST API end to end: the schema, every role against every endpoint, the workflow,
the version conflict, uploads. Permissions are the web's: what a user may not see is a 404."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cchc.reporting.actions import start_report
from cchc.reporting.models import Evidence, Report, ReportState
from cchc.scheduling.models import Obligation

pytestmark = pytest.mark.django_db

BASE = "/api/v1"
PATHS = [
    "/obligations/",
    "/obligations/{obligation_id}",
    "/obligations/{obligation_id}/report",
    "/obligations/{obligation_id}/contribution",
    "/reports/{report_id}",
    "/reports/{report_id}/submit",
    "/reports/{report_id}/resubmit",
    "/reports/{report_id}/withdraw",
    "/reports/{report_id}/return",
    "/reports/{report_id}/approve",
    "/reports/{report_id}/reopen",
    "/reports/{report_id}/sign-off",
    "/reports/{report_id}/decline-sign-off",
    "/sign-off/{agency_id}",
    "/status/",
    "/status/remind",
    "/plans/{plan_id}/progress",
    "/reports/bulk-approve",
    "/reports/{report_id}/evidence",
    "/evidence/{evidence_id}",
    "/evidence/{evidence_id}/file",
    "/notifications/",
    "/notifications/{notification_id}/read",
    "/indicators",
    "/indicators/{code}",
    "/targets",
    "/targets/{target_id}",
    "/targets/{target_id}/confirm",
    "/targets/{target_id}/reject",
    "/measurements",
    "/dossiers/events",
    "/service-quality/indicators",
    "/service-quality/scores",
]


def send(client: Client, method: str, path: str, data: Any = None) -> Any:
    """A JSON request; returns the response with its decoded body as ``.body``."""
    call = getattr(client, method)
    if method == "get":
        response = call(BASE + path, data or {})
    else:
        response = call(BASE + path, json.dumps(data or {}), content_type="application/json")
    response.body = response.json()
    return response


def test_the_schema_lists_every_path(clients):
    response = clients["nobody"].get(f"{BASE}/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert sorted(paths) == sorted(BASE + p for p in PATHS)
    assert clients["nobody"].get(f"{BASE}/docs").status_code == 200


def test_the_docs_ask_for_a_login(clients):
    assert clients["anonymous"].get(f"{BASE}/openapi.json").status_code == 302
    assert clients["anonymous"].get(f"{BASE}/docs").status_code == 302


def test_anonymous_requests_are_refused(clients, obligation):
    assert send(clients["anonymous"], "get", "/obligations/").status_code == 401
    response = send(clients["anonymous"], "post", f"/obligations/{obligation.pk}/report")
    assert response.status_code == 401
    assert not Report.objects.exists()


def test_unsafe_methods_need_the_csrf_token(people, obligation):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["focal"])
    response = client.post(f"{BASE}/obligations/{obligation.pk}/report")
    assert response.status_code == 403
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("secretariat", "all"),
        ("leader", "all"),
        ("admin", "all"),
        ("focal", "own"),
        ("head", "own"),
        ("other", "other"),
        ("nobody", "none"),
    ],
)
def test_the_list_is_what_the_user_may_see(clients, obligation, other_obligation, who, sees):
    body = send(clients[who], "get", "/obligations/", {"period": "Quý I/2024", "limit": 500}).body
    agencies = {row["agency_id"] for row in body["items"]}
    total = Obligation.objects.filter(period_label="Quý I/2024").count()
    expected = {
        "all": {o.agency_id for o in Obligation.objects.filter(period_label="Quý I/2024")},
        "own": {obligation.agency_id},
        "other": {other_obligation.agency_id},
        "none": set(),
    }[sees]
    assert agencies == expected
    assert body["count"] == (total if sees == "all" else len(body["items"]))


def test_the_list_takes_a_fixed_number_of_queries(
    clients, people, obligation, django_assert_max_num_queries
):
    start_report(obligation=obligation, user=people["focal"])
    with django_assert_max_num_queries(6):
        body = send(clients["secretariat"], "get", "/obligations/", {"limit": 200}).body
    assert len(body["items"]) == 200
    assert any(row["report_state"] == "draft" for row in body["items"])


def test_the_list_filters(clients, obligation):
    body = send(
        clients["secretariat"],
        "get",
        "/obligations/",
        {"agency": obligation.agency_id, "status": obligation.status, "period": "Quý I/2024"},
    ).body
    assert obligation.pk in {row["id"] for row in body["items"]}
    assert {row["agency_id"] for row in body["items"]} == {obligation.agency_id}
    assert {row["status"] for row in body["items"]} == {obligation.status}
    assert {row["period_label"] for row in body["items"]} == {"Quý I/2024"}


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("focal", 200),
        ("head", 200),
        ("secretariat", 200),
        ("leader", 200),
        ("admin", 200),
        ("other", 404),
        ("nobody", 404),
    ],
)
def test_reading_an_obligation_and_its_report(clients, people, obligation, who, status):
    report = start_report(obligation=obligation, user=people["focal"])
    assert send(clients[who], "get", f"/obligations/{obligation.pk}").status_code == status
    got = send(clients[who], "get", f"/obligations/{obligation.pk}/report")
    assert got.status_code == status
    assert send(clients[who], "get", f"/reports/{report.pk}").status_code == status
    if status == 404:
        assert obligation.agency.name not in json.dumps(got.body, ensure_ascii=False)
    else:
        assert got.body["id"] == report.pk and got.body["history"][0]["to_state"] == "draft"


def test_an_unknown_obligation_is_a_404_like_a_hidden_one(clients):
    response = send(clients["focal"], "get", "/obligations/999999")
    assert response.status_code == 404 and "detail" in response.body


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("focal", 201),
        ("head", 403),
        ("secretariat", 403),
        ("leader", 403),
        ("admin", 403),
        ("other", 404),
        ("nobody", 404),
    ],
)
def test_only_the_focal_point_starts_a_report(clients, obligation, who, status):
    response = send(clients[who], "post", f"/obligations/{obligation.pk}/report")
    assert response.status_code == status
    assert Report.objects.filter(obligation=obligation).exists() == (status == 201)


FILER_STEPS = [
    ("patch", "", {"version": 1, "percent": 10}),
    ("post", "/submit", {"version": 1}),
    ("post", "/resubmit", {"version": 1}),
]
REVIEW_STEPS = [
    ("post", "/return", {"comment": "Bổ sung."}),
    ("post", "/approve", {"comment": ""}),
    ("post", "/reopen", {"reason": "Sai số liệu."}),
]


@pytest.mark.parametrize(
    ("who", "status"),
    [("head", 403), ("secretariat", 403), ("leader", 403), ("other", 404), ("nobody", 404)],
)
@pytest.mark.parametrize(("method", "suffix", "data"), FILER_STEPS)
def test_others_cannot_write_the_report(
    clients, people, obligation, who, status, method, suffix, data
):
    report = start_report(obligation=obligation, user=people["focal"])
    response = send(clients[who], method, f"/reports/{report.pk}{suffix}", data)
    assert response.status_code == status
    report.refresh_from_db()
    assert (report.state, report.version, report.percent) == (ReportState.DRAFT, 1, 0)


@pytest.mark.parametrize(
    ("who", "status"),
    [("focal", 403), ("head", 403), ("leader", 403), ("other", 404), ("nobody", 404)],
)
@pytest.mark.parametrize(("method", "suffix", "data"), REVIEW_STEPS)
def test_only_the_secretariat_reviews(
    clients, people, obligation, who, status, method, suffix, data
):
    report = start_report(obligation=obligation, user=people["focal"])
    response = send(clients[who], method, f"/reports/{report.pk}{suffix}", data)
    assert response.status_code == status
    response = send(clients[who], "post", "/reports/bulk-approve", {"reports": [report.pk]})
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_others_cannot_add_evidence(clients, people, obligation):
    report = start_report(obligation=obligation, user=people["focal"])
    for who, status in [("other", 404), ("secretariat", 403), ("head", 403)]:
        response = clients[who].post(
            f"{BASE}/reports/{report.pk}/evidence", {"description": "Quyết định 12"}
        )
        assert response.status_code == status
    assert not Evidence.objects.exists()


def test_the_whole_workflow_through_the_api(clients, obligation):
    focal, snv = clients["focal"], clients["secretariat"]
    started = send(focal, "post", f"/obligations/{obligation.pk}/report")
    assert started.status_code == 201
    rid = started.body["id"]
    assert send(focal, "post", f"/obligations/{obligation.pk}/report").body["id"] == rid
    patched = send(
        focal,
        "patch",
        f"/reports/{rid}",
        {
            "version": 1,
            "work_status": "in_progress",
            "percent": 40,
            "narrative": "Đã thẩm định 12 dự thảo.",
            "explanation": "Chờ số liệu của các sở.",
        },
    )
    assert patched.status_code == 200, patched.body
    assert patched.body["version"] == 2 and patched.body["percent"] == 40
    submitted = send(focal, "post", f"/reports/{rid}/submit", {"version": 2})
    assert submitted.status_code == 200, submitted.body
    assert submitted.body["state"] == "submitted"
    # Submitting twice is harmless.
    again = send(focal, "post", f"/reports/{rid}/submit", {"version": 2})
    assert again.status_code == 200 and again.body["version"] == submitted.body["version"]

    refused = send(snv, "post", f"/reports/{rid}/return", {"comment": " "})
    assert refused.status_code == 400 and "Comment" in refused.body["detail"]
    returned = send(snv, "post", f"/reports/{rid}/return", {"comment": "Bổ sung số liệu."})
    assert returned.body["state"] == "returned"
    version = returned.body["version"]
    patched = send(focal, "patch", f"/reports/{rid}", {"version": version, "percent": 50})
    version = patched.body["version"]
    resubmitted = send(focal, "post", f"/reports/{rid}/resubmit", {"version": version})
    assert resubmitted.status_code == 200 and resubmitted.body["state"] == "submitted"
    approved = send(snv, "post", f"/reports/{rid}/approve", {"comment": "Đạt."})
    assert approved.status_code == 200 and approved.body["state"] == "approved"

    locked = send(focal, "patch", f"/reports/{rid}", {"version": approved.body["version"]})
    assert locked.status_code == 400 and "locked" in locked.body["detail"]
    reopened = send(snv, "post", f"/reports/{rid}/reopen", {"reason": "Sai số liệu."})
    assert reopened.status_code == 200 and reopened.body["state"] == "returned"
    history = [(h["actor"], h["from_state"], h["to_state"]) for h in reopened.body["history"]]
    assert [h for h in history if h[1] != h[2]] == [
        ("focal", "", "draft"),
        ("focal", "draft", "submitted"),
        ("snv", "submitted", "returned"),
        ("focal", "returned", "submitted"),
        ("snv", "submitted", "approved"),
        ("snv", "approved", "returned"),
    ]
    obligation.refresh_from_db()
    assert send(focal, "get", f"/obligations/{obligation.pk}").body["report_state"] == "returned"


def test_bulk_approval(clients, people, obligation):
    report = start_report(obligation=obligation, user=people["focal"])
    refused = send(
        clients["secretariat"], "post", "/reports/bulk-approve", {"reports": [report.pk]}
    )
    assert refused.status_code == 400 and "Nothing was approved" in refused.body["detail"]
    draft = {"version": 1, "narrative": "Đã thẩm định.", "explanation": "Trễ."}
    send(clients["focal"], "patch", f"/reports/{report.pk}", draft)
    send(clients["focal"], "post", f"/reports/{report.pk}/submit", {"version": 2})
    done = send(
        clients["secretariat"],
        "post",
        "/reports/bulk-approve",
        {"reports": [report.pk], "comment": "Đạt."},
    )
    assert done.status_code == 200 and [r["state"] for r in done.body] == ["approved"]
    missing = send(clients["secretariat"], "post", "/reports/bulk-approve", {"reports": [999999]})
    assert missing.status_code == 404


def test_a_stale_version_is_a_conflict(clients, obligation):
    focal = clients["focal"]
    rid = send(focal, "post", f"/obligations/{obligation.pk}/report").body["id"]
    assert send(focal, "patch", f"/reports/{rid}", {"version": 1, "percent": 20}).status_code == 200
    stale = send(focal, "patch", f"/reports/{rid}", {"version": 1, "percent": 30})
    assert stale.status_code == 409
    assert "Someone else saved this report" in stale.body["detail"]
    assert send(focal, "post", f"/reports/{rid}/submit", {"version": 1}).status_code == 409
    assert Report.objects.get(pk=rid).percent == 20


def test_invalid_fields_are_a_422_naming_them(clients, obligation):
    focal = clients["focal"]
    rid = send(focal, "post", f"/obligations/{obligation.pk}/report").body["id"]
    unchanged = send(focal, "patch", f"/reports/{rid}", {"version": 1, "narrative": None})
    assert unchanged.status_code == 200 and unchanged.body["version"] == 1
    unknown = send(focal, "patch", f"/reports/{rid}", {"version": 1, "work_status": "nearly"})
    assert unknown.status_code == 422 and "work_status" in unknown.body["detail"]
    response = send(focal, "patch", f"/reports/{rid}", {"version": 1, "percent": 120})
    assert response.status_code == 422 and "percent" in response.body["detail"]


def test_evidence_upload(clients, obligation):
    focal = clients["focal"]
    rid = send(focal, "post", f"/obligations/{obligation.pk}/report").body["id"]
    pdf = SimpleUploadedFile("qd-12.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    response = focal.post(
        f"{BASE}/reports/{rid}/evidence",
        {"description": "Quyết định 12", "document_number": "12/QĐ-UBND", "file": pdf},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["file_name"], body["content_type"]) == ("qd-12.pdf", "application/pdf")

    fake = SimpleUploadedFile("bao-cao.pdf", b"just some text", content_type="application/pdf")
    refused = focal.post(f"{BASE}/reports/{rid}/evidence", {"description": "Báo cáo", "file": fake})
    assert refused.status_code == 400
    assert "bao-cao.pdf" in refused.json()["detail"]
    assert Evidence.objects.count() == 1
    listed = send(focal, "get", f"/reports/{rid}").body
    assert [e["description"] for e in listed["evidence"]] == ["Quyết định 12"]


def test_a_partner_contribution(clients, people, plan):
    partner = Obligation.objects.filter(
        activity__plan=plan, role="partner", agency=people["focal"].memberships.first().agency
    ).first()
    if partner is None:
        pytest.skip("the seed plan gives this agency no partner role")
    response = send(
        clients["focal"],
        "post",
        f"/obligations/{partner.pk}/contribution",
        {"text": "Đã góp ý.", "submit": True},
    )
    assert response.status_code == 200 and response.body["state"] == "submitted"
    hidden = send(
        clients["other"], "post", f"/obligations/{partner.pk}/contribution", {"text": "x"}
    )
    assert hidden.status_code in (403, 404)
