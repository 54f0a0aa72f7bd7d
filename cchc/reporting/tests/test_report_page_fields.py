"""The report page's unbound form fields, drawn once per language, values and lateness and
kept by the process (cchc.reporting.views.report._draw_unbound_fields): each report shows its
own values, a saved draft shows at once, a refused post shows what was typed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from cchc.plans.models import Plan
from cchc.reporting.actions import save_draft, start_report
from cchc.reporting.tests.test_views import as_user, people, report_data  # noqa: F401
from cchc.reporting.views import report as report_view
from cchc.scheduling.models import Obligation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    report_view._FIELDS.clear()
    yield
    report_view._FIELDS.clear()


def _page(client: Client, obligation: Obligation) -> str:
    return str(client.get(reverse("reporting:obligation", args=[obligation.pk])).content.decode())


def _draft(obligation: Obligation, user: User, narrative: str) -> None:
    report = start_report(obligation=obligation, user=user)
    save_draft(
        report=report,
        user=user,
        expected_version=report.version,
        work_status="in_progress",
        percent=30,
        narrative=narrative,
    )


def test_each_report_shows_its_own_values_and_a_saved_draft_at_once(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
    plan: Plan,
) -> None:
    focal = people["focal"]
    other = Obligation.objects.filter(
        activity__plan=plan, role="lead", agency=obligation.agency
    ).exclude(pk=obligation.pk)[0]
    _draft(obligation, focal, "Nội dung báo cáo thứ nhất")
    _draft(other, focal, "Nội dung báo cáo thứ hai")
    client = as_user(focal)
    first, second = _page(client, obligation), _page(client, other)
    assert "Nội dung báo cáo thứ nhất" in first and "thứ hai" not in first
    assert "Nội dung báo cáo thứ hai" in second and "thứ nhất" not in second
    # Drawn again from what was kept: the same fields.
    assert _page(client, obligation).count('id="id_narrative"') == 1
    assert len(report_view._FIELDS) == 3  # two reports' fields, one evidence form
    report = obligation.progress_report
    save_draft(
        report=report,
        user=focal,
        expected_version=report.version,
        work_status="in_progress",
        percent=60,
        narrative="Đã sửa nội dung",
    )
    page = _page(client, obligation)
    assert "Đã sửa nội dung" in page and "Nội dung báo cáo thứ nhất" not in page
    assert 'value="60"' in page


def test_a_refused_post_shows_what_was_typed_not_the_kept_fields(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
) -> None:
    focal = people["focal"]
    _draft(obligation, focal, "Bản đã lưu")
    client = as_user(focal)
    _page(client, obligation)  # the stored values' fields are kept
    report = obligation.progress_report
    posted = report_data(report.version, narrative="Bản đang gõ", percent="150")
    response = client.post(reverse("reporting:save", args=[obligation.pk]), posted)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Bản đang gõ" in page and "Bản đã lưu" not in page
    assert "invalid-feedback" in page
