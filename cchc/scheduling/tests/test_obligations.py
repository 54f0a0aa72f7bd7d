"""The obligations grid and the reminders: generated from schedules, assignments and period
rules; regenerated without losing filed reports; reminders sent once."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from cchc.agencies.actions import record_succession
from cchc.agencies.models import Agency, Assignment, Contact
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import SEED_PLAN, import_seed
from cchc.plans.models import Node, Plan
from cchc.scheduling.models import Obligation, ObligationStatus, Reminder
from cchc.scheduling.obligations import GenerateResult, generate_obligations, refresh_statuses
from cchc.scheduling.reminders import send_reminders

pytestmark = pytest.mark.django_db
YEAR = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
ON = dt.date(2024, 7, 1)


@pytest.fixture
def plan():
    load_registry(path=MINI)
    return import_seed()


def generate(plan: Plan, on: dt.date = ON) -> GenerateResult:
    return generate_obligations(plan=plan, since=YEAR[0], until=YEAR[1], on=on)


def test_grid_from_schedules_assignments_and_periods(plan):
    result = generate(plan)
    assert result.created > 0 and result.unscheduled == 1  # "Khi có Thông tư mới" (row 27)
    # Row 2: lead Sở Tư pháp, yearly over 2021-2030: one report per PAR period of 2024.
    row2 = Node.objects.get(plan=plan, number="2")
    lead = Obligation.objects.filter(activity=row2, role="lead").order_by("period_end")
    assert [o.period_label for o in lead] == [
        "Quý I/2024",
        "6 tháng đầu năm 2024",
        "Quý III/2024",
        "Năm 2024",
    ]
    assert {o.agency.code for o in lead} == {"bg.so-tu-phap"}
    q1 = lead[0]
    assert (q1.period_start, q1.period_end) == (dt.date(2023, 12, 15), dt.date(2024, 3, 14))
    assert q1.deadline == dt.date(2024, 3, 20)
    # On 1/7/2024 Q1 and the half-year are past their deadlines; Q3 and the year still run.
    assert [o.status for o in lead] == ["late", "late", "not_due", "not_due"]
    # A group assignment expands to its members at the period's cut-off: row 2's partners
    # are "Các Sở, ngành" (every department of the test registry), less its lead.
    partners = Obligation.objects.filter(activity=row2, role="partner", period_label="Năm 2024")
    departments = Agency.objects.filter(level="department").valid_on(dt.date(2024, 12, 14))
    assert set(partners.values_list("agency__code", flat=True)) == set(
        departments.exclude(code="bg.so-tu-phap").values_list("code", flat=True)
    )
    # Row 57 (2022) has nothing to report in 2024, and neither has row 58 ("2023", due
    # 31/12/2023), although the NĐ 09 windows of 2024 start on 15/12/2023: a period counts
    # by the months it is named for (docs/obligations.md).
    assert not Obligation.objects.filter(activity__number="57").exists()
    assert not Obligation.objects.filter(activity__number="58").exists()


def test_regeneration_is_idempotent_and_keeps_filed_reports(plan):
    first = generate(plan)
    total = Obligation.objects.count()
    again = generate(plan)
    assert (again.created, again.removed, again.updated) == (0, 0, 0)
    assert again.unchanged == total == first.created
    filed = Obligation.objects.filter(role="lead", activity__number="2").first()
    filed.status = ObligationStatus.SUBMITTED
    filed.save()
    # The plan changes: the filed report's activity is no longer led by that agency.
    Assignment.objects.filter(activity_id=filed.activity_id, agency_id=filed.agency_id).update(
        ended_on=dt.date(2023, 1, 1)
    )
    result = generate(plan)
    assert Obligation.objects.filter(pk=filed.pk, status="submitted").exists()
    assert result.filed_kept >= 1 and result.removed >= 1


def test_ended_agencies_report_through_their_successors(plan):
    generate_obligations(
        plan=plan, since=dt.date(2025, 1, 1), until=dt.date(2025, 12, 31), on=dt.date(2025, 1, 2)
    )
    row64 = Node.objects.get(plan=plan, number="64")
    lead = set(
        Obligation.objects.filter(activity=row64, role="lead").values_list(
            "agency__code", "period_label"
        )
    )
    # Row 64 is led by Sở TT&TT, which (test registry) merged into Bắc Giang's KH&CN on
    # 1/3/2025, itself merged into Bắc Ninh's on 1/7/2025: each period's report is expected
    # from whoever carries the work on its cut-off.
    assert lead == {
        ("bg.so-kh-cn", "Quý I/2025"),
        ("bg.so-kh-cn", "6 tháng đầu năm 2025"),
        ("bn.so-kh-cn", "Quý III/2025"),
        ("bn.so-kh-cn", "Năm 2025"),
    }
    # Moving the assignments by the succession action changes nothing in the grid.
    record_succession(
        predecessor=Agency.objects.get(code="bg.so-kh-cn"),
        successors=[Agency.objects.get(code="bn.so-kh-cn")],
        on=dt.date(2025, 7, 1),
    )
    result = generate_obligations(
        plan=plan, since=dt.date(2025, 1, 1), until=dt.date(2025, 12, 31), on=dt.date(2025, 7, 2)
    )
    assert result.created == 0 and result.removed == 0


def test_refresh_moves_statuses_with_the_clock(plan):
    generate(plan, on=dt.date(2024, 1, 2))
    q1 = Obligation.objects.filter(period_label="Quý I/2024")
    assert set(q1.values_list("status", flat=True)) == {"not_due"}
    assert refresh_statuses(on=dt.date(2024, 3, 15)) > 0  # the day after the cut-off
    assert set(q1.values_list("status", flat=True)) == {"open"}
    changed = refresh_statuses(on=dt.date(2024, 3, 21))
    assert changed > 0
    assert not Obligation.objects.filter(period_label="Quý I/2024", status="open").exists()
    assert refresh_statuses(on=dt.date(2024, 3, 21)) == 0


def test_reminders_are_sent_once_and_escalate(plan, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    generate(plan, on=dt.date(2024, 3, 1))
    tu_phap = Agency.objects.get(code="bg.so-tu-phap")
    Contact.objects.create(agency=tu_phap, name="Chị Lan", email="lan@stp.example.vn")
    Contact.objects.create(
        agency=tu_phap, name="Anh Hùng", email="hung@stp.example.vn", role=Contact.Role.HEAD
    )
    Contact.objects.create(
        agency=Agency.objects.get(code="bg.so-noi-vu"),
        name="Ban thư ký",
        email="cchc@snv.example.vn",
        role=Contact.Role.SECRETARIAT,
    )
    # 18/3/2024: Q1 is due on 20/3, within 3 working days.
    first = send_reminders(on=dt.date(2024, 3, 18))
    tp_q1 = Obligation.objects.filter(agency=tu_phap, period_label="Quý I/2024")
    assert first.sent >= tp_q1.count() > 0
    assert first.no_contact > 0  # agencies without a focal point are counted, not mailed
    # One e-mail to Lan, listing every report of the agency due soon.
    sent_to_lan = [m for m in mail.outbox if "lan@stp.example.vn" in m.to]
    assert len(sent_to_lan) == 1 and sent_to_lan[0].to == ["lan@stp.example.vn"]
    assert "20/03/2024" in sent_to_lan[0].subject
    for obligation in tp_q1:
        assert f"{obligation.activity.number}. " in sent_to_lan[0].body
    again = send_reminders(on=dt.date(2024, 3, 18))
    assert again.sent == 0 and again.skipped == first.sent
    # Overdue: the head too; 5 working days later, the secretariat.
    send_reminders(on=dt.date(2024, 3, 22))
    overdue = Reminder.objects.filter(obligation__in=tp_q1, stage="overdue")
    assert overdue.count() == tp_q1.count()
    assert "hung@stp.example.vn" in overdue.first().recipients
    send_reminders(on=dt.date(2024, 4, 1))
    escalated = Reminder.objects.filter(obligation__in=tp_q1, stage="escalated")
    assert escalated.count() == tp_q1.count()
    assert "cchc@snv.example.vn" in escalated.first().recipients


def test_commands(plan):
    out = StringIO()
    call_command(
        "obligations",
        "generate",
        str(plan.pk),
        "--since",
        "2024-01-01",
        "--until",
        "2024-12-31",
        stdout=out,
        stderr=StringIO(),
    )
    assert "created" in out.getvalue() or "tạo" in out.getvalue()
    count = Obligation.objects.count()
    call_command(
        "obligations",
        "generate",
        str(plan.pk),
        "--since",
        "2024-01-01",
        "--until",
        "2024-12-31",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert Obligation.objects.count() == count
    out = StringIO()
    call_command("send_reminders", "--on", "2024-03-18", stdout=out)
    assert out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_reminders_sent_concurrently_go_out_once(settings):
    """Two runs at the same time: the unique (obligation, stage) claim lets one of them send."""
    import threading

    from django.db import connections

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    load_registry(path=MINI)
    plan = import_seed()
    generate(plan, on=dt.date(2024, 3, 1))
    tu_phap = Agency.objects.get(code="bg.so-tu-phap")
    Contact.objects.create(agency=tu_phap, name="Chị Lan", email="lan@stp.example.vn")
    expected = Obligation.objects.filter(agency=tu_phap, period_label="Quý I/2024").count()
    results = []
    errors = []

    def run() -> None:
        try:
            results.append(send_reminders(on=dt.date(2024, 3, 18)))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sum(r.sent for r in results) == expected
    assert Reminder.objects.filter(obligation__agency=tu_phap).count() == expected
    assert len([m for m in mail.outbox if "lan@stp.example.vn" in m.to]) == 1


def test_an_agency_leading_and_supporting_reports_once_as_lead(plan):
    generate(plan)
    # Row 29: lead Sở Nội vụ; partners "Các sở, ngành, …" include Sở Nội vụ.
    row29 = Node.objects.get(plan=plan, number="29")
    noi_vu = Obligation.objects.filter(
        activity=row29, agency__code="bg.so-noi-vu", period_label="Năm 2024"
    )
    assert list(noi_vu.values_list("role", flat=True)) == ["lead"]


def test_reimport_cannot_drop_rows_with_filed_reports(plan, tmp_path):
    import hashlib

    from cchc.plans.actions import import_plan
    from cchc.plans.parsing import parse_bytes
    from cchc.plans.readers.base import ReadError

    generate(plan)
    filed = Obligation.objects.filter(activity__number="73").first()
    Obligation.objects.filter(pk=filed.pk).update(status=ObligationStatus.SUBMITTED)
    text = SEED_PLAN.read_text(encoding="utf-8")
    without_73 = "\n".join(line for line in text.splitlines() if not line.startswith("| 73 |"))
    data = without_73.encode()
    before = Node.objects.filter(plan=plan).count()
    with pytest.raises(ReadError, match="73"):
        import_plan(
            parsed=parse_bytes(data, "revised.md"), source_sha256=hashlib.sha256(data).hexdigest()
        )
    assert Node.objects.filter(plan=plan).count() == before
    assert Obligation.objects.filter(pk=filed.pk, status="submitted").exists()


def test_regeneration_keeps_obligations_with_a_draft_report(plan):
    from cchc.reporting.actions import start_report
    from cchc.reporting.models import Report

    generate(plan)
    obligation = Obligation.objects.filter(role="lead", activity__number="2")[0]
    report = start_report(obligation=obligation, user=None)
    Assignment.objects.filter(
        activity_id=obligation.activity_id, agency_id=obligation.agency_id
    ).update(ended_on=dt.date(2023, 1, 1))
    generate(plan)
    assert Report.objects.filter(pk=report.pk).exists()
    assert Obligation.objects.filter(pk=obligation.pk).exists()
