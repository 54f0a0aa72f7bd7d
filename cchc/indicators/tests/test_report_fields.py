"""A value per target in the progress report: checked before anything is saved, stored with
the report, an explanation required when off track, locked on approval."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from cchc.indicators.models import Measurement, MeasurementSource, Target
from cchc.indicators.tests.conftest import as_user
from cchc.reporting.models import Report, ReportState
from cchc.scheduling.models import Obligation

pytestmark = pytest.mark.django_db


def data(version: int, target: Target, value: str, **fields: object) -> dict[str, object]:
    return {
        "work_status": "in_progress",
        "percent": 40,
        "narrative": "Đã triển khai.",
        "difficulties": "",
        "proposals": "",
        "explanation": "",
        "version": version,
        f"target-{target.pk}-value": value,
        **fields,
    }


def save_url(obligation: Obligation) -> str:
    return reverse("reporting:save", args=[obligation.pk])


def test_the_report_form_has_a_field_per_target(
    people: dict[str, User], obligation: Obligation, target: Target
) -> None:
    page = as_user(people["focal"]).get(reverse("reporting:obligation", args=[obligation.pk]))
    html = page.content.decode()
    assert f'name="target-{target.pk}-value"' in html
    assert f'name="target-{target.pk}-no_data"' in html


@pytest.mark.parametrize(
    ("typed", "message"),
    [("năm mươi", "is not a number"), ("130", "between 0 and 100"), ("-5", "between 0 and 100")],
)
def test_a_bad_value_names_its_target_and_nothing_is_saved(
    people: dict[str, User], obligation: Obligation, target: Target, typed: str, message: str
) -> None:
    response = as_user(people["focal"]).post(save_url(obligation), data(1, target, typed, save=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html or "không phải là số" in html or "từ 0 đến 100" in html
    assert "Tỷ lệ hồ sơ giải quyết trực tuyến" in html  # the target, named
    assert not Report.objects.filter(obligation=obligation).exists()
    assert not Measurement.objects.exists()


def test_no_data_needs_a_reason(
    people: dict[str, User], obligation: Obligation, target: Target
) -> None:
    posted = data(1, target, "", save="", **{f"target-{target.pk}-no_data": "on"})
    response = as_user(people["focal"]).post(save_url(obligation), posted)
    assert response.status_code == 400
    assert not Measurement.objects.exists()
    posted[f"target-{target.pk}-reason"] = "Chưa có số liệu từ Cổng DVC"
    response = as_user(people["focal"]).post(save_url(obligation), posted)
    assert response.status_code == 302
    m = Measurement.objects.get()
    assert m.value is None and m.no_data_reason == "Chưa có số liệu từ Cổng DVC"


def test_off_track_needs_an_explanation_then_approval_locks(
    people: dict[str, User], obligation: Obligation, target: Target
) -> None:
    focal = as_user(people["focal"])
    focal.post(save_url(obligation), data(1, target, "25", save=""))
    report = Report.objects.get(obligation=obligation)
    m = Measurement.objects.get()
    assert (m.value, m.source, m.report_id, m.agency_id, m.period_label) == (
        25,
        MeasurementSource.REPORT,
        report.pk,
        obligation.agency_id,
        "Quý I/2024",
    )
    response = focal.post(
        save_url(obligation), data(report.version, target, "25", submit=""), follow=True
    )
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    said = " ".join(str(m) for m in response.context["messages"])
    assert "Tỷ lệ hồ sơ giải quyết trực tuyến" in said
    explained = data(
        report.version, target, "25", submit="", explanation="Hạ tầng chưa sẵn sàng; chậm do dịch."
    )
    focal.post(save_url(obligation), explained)
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert Measurement.objects.count() == 1  # the same value, updated in place

    secretariat = as_user(people["secretariat"])
    secretariat.post(
        reverse("reporting:review_report", args=[obligation.pk]),
        {"action": "approve", "comment": ""},
    )
    report.refresh_from_db()
    assert report.state == ReportState.APPROVED
    assert Measurement.objects.get().locked
    page = secretariat.get(reverse("indicators:detail", args=["tthc.dossiers_online"]))
    assert 'data-status="off_track"' in page.content.decode()


def test_the_api_refuses_to_submit_an_unexplained_off_track_value(
    people: dict[str, User], obligation: Obligation, target: Target
) -> None:
    """The explanation is checked by the submitting action, so the API asks for it too."""
    focal = as_user(people["focal"])
    focal.post(save_url(obligation), data(1, target, "25", save=""))
    report = Report.objects.get(obligation=obligation)
    url = f"/api/v1/reports/{report.pk}/submit"
    refused = focal.post(url, {"version": report.version}, content_type="application/json")
    assert refused.status_code == 400
    detail = refused.json()["detail"]
    assert "chậm tiến độ hoặc không đạt" in detail
    assert "Tỷ lệ hồ sơ giải quyết trực tuyến" in detail
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    report.explanation = "Hạ tầng chưa sẵn sàng."
    report.save(update_fields=["explanation"])
    sent = focal.post(url, {"version": report.version}, content_type="application/json")
    assert sent.status_code == 200, sent.content
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
