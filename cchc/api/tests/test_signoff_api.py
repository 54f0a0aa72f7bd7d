"""The head's sign-off through the API: who may sign, return and change the setting."""

from __future__ import annotations

import pytest

from cchc.api.tests.test_api import send
from cchc.reporting.actions import save_draft, start_report, submit_report
from cchc.reporting.models import Report, ReportState, SignOffSetting
from cchc.reporting.signoff import set_sign_off

pytestmark = pytest.mark.django_db


@pytest.fixture
def awaiting(people, obligation) -> Report:
    set_sign_off(agency=obligation.agency, required=True, by=people["head"])
    report = start_report(obligation=obligation, user=people["focal"])
    save_draft(
        report=report,
        user=people["focal"],
        expected_version=report.version,
        percent=30,
        explanation="Chậm do chờ số liệu.",
        narrative="Đã triển khai.",
    )
    submit_report(report=report, user=people["focal"], expected_version=report.version)
    assert report.state == ReportState.AWAITING_SIGN_OFF
    return report


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("focal", 403),
        ("other", 404),
        ("secretariat", 403),
        ("leader", 403),
        ("admin", 403),
        ("nobody", 404),
        ("anonymous", 401),
    ],
)
def test_only_the_head_signs_off(clients, awaiting, who, status):
    path = f"/reports/{awaiting.pk}/sign-off"
    response = send(clients[who], "post", path, {"version": awaiting.version})
    assert response.status_code == status
    response = send(
        clients[who], "post", f"/reports/{awaiting.pk}/decline-sign-off", {"comment": "Sửa"}
    )
    assert response.status_code == status
    stored = Report.objects.get(pk=awaiting.pk)
    assert (stored.state, stored.version) == (ReportState.AWAITING_SIGN_OFF, awaiting.version)


def test_the_head_signs_off_with_a_version_check(clients, awaiting):
    head = clients["head"]
    stale = send(head, "post", f"/reports/{awaiting.pk}/sign-off", {"version": 1})
    assert stale.status_code == 409
    signed = send(
        head,
        "post",
        f"/reports/{awaiting.pk}/sign-off",
        {"version": awaiting.version, "comment": "Đồng ý"},
    )
    assert signed.status_code == 200
    assert signed.body["state"] == "submitted"
    assert signed.body["history"][-1]["comment"] == "Đồng ý"
    # Now the secretariat can approve it.
    approved = send(clients["secretariat"], "post", f"/reports/{awaiting.pk}/approve", {})
    assert approved.status_code == 200 and approved.body["state"] == "approved"


def test_the_head_returns_it(clients, awaiting):
    empty = send(
        clients["head"], "post", f"/reports/{awaiting.pk}/decline-sign-off", {"comment": ""}
    )
    assert empty.status_code == 400 and "Comment" in empty.body["detail"]
    returned = send(
        clients["head"], "post", f"/reports/{awaiting.pk}/decline-sign-off", {"comment": "Sửa"}
    )
    assert returned.status_code == 200 and returned.body["state"] == "returned"


@pytest.mark.parametrize(
    ("who", "read", "write"),
    [
        ("head", 200, 200),
        ("secretariat", 200, 200),
        ("focal", 200, 403),
        ("leader", 200, 403),
        ("admin", 200, 403),
        ("other", 404, 404),
        ("nobody", 404, 404),
        ("anonymous", 401, 401),
    ],
)
def test_the_setting(clients, obligation, who, read, write):
    path = f"/sign-off/{obligation.agency_id}"
    response = send(clients[who], "get", path)
    assert response.status_code == read
    if read == 200:
        assert response.body == {
            "agency_id": obligation.agency_id,
            "agency": obligation.agency.name,
            "required": False,
        }
    response = send(clients[who], "put", path, {"required": True, "reason": "Quy chế"})
    assert response.status_code == write
    assert SignOffSetting.objects.is_required(obligation.agency_id) == (write == 200)


def test_asking_without_a_head_is_refused(clients, other_obligation):
    path = f"/sign-off/{other_obligation.agency_id}"
    response = send(clients["secretariat"], "put", path, {"required": True})
    assert response.status_code == 400
    assert "no head" in response.body["detail"]
    assert not SignOffSetting.objects.exists()
