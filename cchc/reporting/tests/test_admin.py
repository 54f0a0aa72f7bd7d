"""The reporting admin: its lists load for a superuser in a fixed number of queries, whatever
the number of rows, and nothing about a report (least of all its state) changes through it."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.agencies.models import Role
from cchc.plans.models import Plan
from cchc.reporting.actions import add_evidence, save_contribution, start_report
from cchc.reporting.models import (
    Contribution,
    Evidence,
    Report,
    ReportState,
    ReportTransition,
)
from cchc.reporting.tests.test_views import PDF, submitted
from cchc.scheduling.models import Obligation

pytestmark = pytest.mark.django_db

# Each list and the queries it takes (session, user, counts, rows, date and filter choices).
CHANGELISTS = (
    ("admin:reporting_report_changelist", 9),
    ("admin:reporting_reporttransition_changelist", 7),
    ("admin:reporting_contribution_changelist", 6),
)


@pytest.fixture
def root(db: None) -> User:
    return User.objects.create_superuser("root", "root@example.org", None)


@pytest.fixture
def admin_client(root: User) -> Client:
    client = Client()
    client.force_login(root)
    return client


def fill(plan: Plan, user: User, count: int) -> list[Report]:
    """``count`` more reports (each with history and evidence, every other one submitted) and
    as many contributions."""
    done = set(Report.objects.values_list("obligation_id", flat=True))
    leads = Obligation.objects.filter(activity__plan=plan, role=Role.LEAD).exclude(pk__in=done)
    reports = []
    for i, obligation in enumerate(leads.order_by("pk")[:count]):
        report = start_report(obligation=obligation, user=user)
        add_evidence(
            report=report,
            user=user,
            description=f"Văn bản {i}",
            upload=SimpleUploadedFile(f"vb-{i}.pdf", PDF),
        )
        if i % 2:
            report = submitted(obligation, user)
        reports.append(report)
    taken = set(Contribution.objects.values_list("obligation_id", flat=True))
    partners = Obligation.objects.filter(activity__plan=plan, role=Role.PARTNER)
    for i, obligation in enumerate(partners.exclude(pk__in=taken).order_by("pk")[:count]):
        save_contribution(obligation=obligation, user=user, text=f"Góp ý {i}", submit=bool(i % 2))
    return reports


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize(("name", "most"), CHANGELISTS)
def test_changelists_load_in_a_fixed_number_of_queries(
    admin_client, root, plan, name, most, django_assert_max_num_queries
):
    url = reverse(name)
    fill(plan, root, 3)
    few = queries(admin_client, url)
    fill(plan, root, 9)
    assert queries(admin_client, url) == few
    with django_assert_max_num_queries(most):
        response = admin_client.get(url)
    assert response.status_code == 200


def test_the_report_page_shows_evidence_and_history_read_only(
    admin_client, root, plan, django_assert_max_num_queries
):
    (report,) = fill(plan, root, 1)
    evidence = Evidence.objects.get(report=report)
    url = reverse("admin:reporting_report_change", args=[report.pk])
    with django_assert_max_num_queries(20):
        response = admin_client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    # The file goes through the permission-checked download, not a storage address.
    assert reverse("reporting:evidence_file", args=[evidence.pk]) in page
    assert "vb-0.pdf" in page
    assert 'name="state"' not in page and 'name="version"' not in page
    assert 'name="_save"' not in page


def test_state_cannot_be_changed_through_the_admin(admin_client, root, plan):
    (report,) = fill(plan, root, 1)
    before = Report.objects.values().get(pk=report.pk)
    history = ReportTransition.objects.count()
    data: dict[str, Any] = {
        "state": ReportState.APPROVED,
        "version": 99,
        "submitted_at_0": "01/01/2024",
        "submitted_at_1": "00:00:00",
        "approved_at_0": "01/01/2024",
        "approved_at_1": "00:00:00",
        "work_status": "done",
        "percent": 100,
        "narrative": "changed in the admin",
        "_save": "Save",
    }
    response = admin_client.post(reverse("admin:reporting_report_change", args=[report.pk]), data)
    assert response.status_code == 403
    assert Report.objects.values().get(pk=report.pk) == before
    assert ReportTransition.objects.count() == history


@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:reporting_report_add"),
        reverse("admin:reporting_reporttransition_add"),
        reverse("admin:reporting_contribution_add"),
    ],
)
def test_nothing_is_added_here(admin_client, url):
    assert admin_client.get(url).status_code == 403


def test_nothing_is_deleted_here(admin_client, root, plan):
    (report,) = fill(plan, root, 1)
    url = reverse("admin:reporting_report_delete", args=[report.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    response = admin_client.post(
        reverse("admin:reporting_report_changelist"),
        {"action": "delete_selected", "_selected_action": [report.pk], "post": "yes"},
    )
    assert Report.objects.filter(pk=report.pk).exists()
    assert response.status_code in (200, 302)
    history = ReportTransition.objects.filter(report=report).first()
    assert history is not None
    url = reverse("admin:reporting_reporttransition_delete", args=[history.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert ReportTransition.objects.filter(pk=history.pk).exists()


def test_the_history_and_contribution_pages_render(admin_client, root, plan):
    (report,) = fill(plan, root, 1)
    entry = ReportTransition.objects.filter(report=report).first()
    contribution = Contribution.objects.first()
    assert entry is not None and contribution is not None
    for url in (
        reverse("admin:reporting_reporttransition_change", args=[entry.pk]),
        reverse("admin:reporting_contribution_change", args=[contribution.pk]),
        reverse("admin:reporting_report_changelist") + "?state=submitted&q=T%C6%B0+ph%C3%A1p",
    ):
        assert admin_client.get(url).status_code == 200, url


def test_staff_without_permission_see_nothing(plan, root):
    fill(plan, root, 1)
    staff = User.objects.create_user("staff", is_staff=True)
    client = Client()
    client.force_login(staff)
    assert client.get(reverse("admin:reporting_report_changelist")).status_code == 403
