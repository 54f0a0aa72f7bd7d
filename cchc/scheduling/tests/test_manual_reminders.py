"""Reminders the secretariat sends by hand (``send_manual_reminders``): to the agency's focal
points and head, for unfiled obligations only, once a day per obligation even when asked twice
or twice at once, with who asked recorded; independent of the automatic stages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import IntegrityError, transaction

from cchc.agencies.models import Agency, Contact
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import import_seed
from cchc.plans.models import Plan
from cchc.scheduling.models import Obligation, ObligationStatus, Reminder
from cchc.scheduling.obligations import generate_obligations
from cchc.scheduling.reminders import send_manual_reminders, send_reminders

pytestmark = pytest.mark.django_db

ON = dt.date(2024, 3, 25)  # Quý I/2024 was due on 20/3


def setup_plan() -> Plan:
    load_registry(path=MINI)
    plan = import_seed()
    generate_obligations(
        plan=plan, since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31), on=dt.date(2024, 3, 1)
    )
    return plan


@pytest.fixture
def plan(settings) -> Plan:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return setup_plan()


@pytest.fixture
def tu_phap(plan) -> Agency:
    agency = Agency.objects.get(code="bg.so-tu-phap")
    Contact.objects.create(agency=agency, name="Chị Lan", email="lan@stp.example.vn")
    Contact.objects.create(
        agency=agency, name="Anh Hùng", email="hung@stp.example.vn", role=Contact.Role.HEAD
    )
    Contact.objects.create(agency=agency, name="Cũ", email="old@stp.example.vn", active=False)
    Contact.objects.create(
        agency=Agency.objects.get(code="bg.so-noi-vu"),
        name="Ban thư ký",
        email="cchc@snv.example.vn",
        role=Contact.Role.SECRETARIAT,
    )
    return agency


@pytest.fixture
def snv(db) -> User:
    return User.objects.create_user("snv", "snv@example.org", None)


def q1(agency: Agency) -> list[Obligation]:
    return list(
        Obligation.objects.filter(agency=agency, role="lead", period_label="Quý I/2024").order_by(
            "pk"
        )
    )


def test_a_manual_reminder_goes_to_focal_points_and_head(tu_phap, snv):
    obligations = q1(tu_phap)
    filed = obligations[0]
    Obligation.objects.filter(pk=filed.pk).update(status=ObligationStatus.SUBMITTED)
    result = send_manual_reminders(obligations=obligations, on=ON, by=snv)
    assert (result.sent, result.skipped, result.no_contact) == (len(obligations) - 1, 0, 0)
    # One e-mail per person, listing every report still unfiled.
    assert sorted(tuple(m.to) for m in mail.outbox) == [
        ("hung@stp.example.vn",),
        ("lan@stp.example.vn",),
    ]
    message = mail.outbox[0]
    assert "20/03/2024" in message.subject and str(len(obligations) - 1) in message.subject
    for obligation in obligations[1:]:
        assert f"{obligation.activity.number}. {obligation.activity.title[:40]}" in message.body
    assert f"{filed.activity.number}. {filed.activity.title[:40]}" not in message.body
    assert result.emails == 2
    rows = Reminder.objects.filter(stage=Reminder.Stage.MANUAL)
    assert filed.pk not in {r.obligation_id for r in rows}
    assert {(r.sent_on, r.requested_by_id) for r in rows} == {(ON, snv.pk)}
    assert rows.first().recipients == ["hung@stp.example.vn", "lan@stp.example.vn"]


def test_once_a_day_then_again_the_next_day(tu_phap, snv):
    obligations = q1(tu_phap)
    first = send_manual_reminders(obligations=obligations, on=ON, by=snv)
    again = send_manual_reminders(obligations=obligations, on=ON, by=snv)
    assert first.sent == len(obligations) > 0
    assert (again.sent, again.skipped) == (0, len(obligations))
    assert len(mail.outbox) == 2 and again.emails == 0  # to Lan and Hùng, once each
    tomorrow = send_manual_reminders(obligations=obligations, on=ON + dt.timedelta(days=1), by=snv)
    assert tomorrow.sent == len(obligations)
    assert len(mail.outbox) == 4


def test_agencies_without_contact_are_counted(plan, snv):
    obligations = q1(Agency.objects.get(code="bg.so-tt-tt"))
    result = send_manual_reminders(obligations=obligations, on=ON, by=snv)
    assert (result.sent, result.no_contact) == (0, len(obligations))
    assert not mail.outbox and not Reminder.objects.exists()


def test_manual_and_automatic_reminders_do_not_block_each_other(tu_phap, snv):
    obligations = q1(tu_phap)
    send_manual_reminders(obligations=obligations, on=ON, by=snv)
    automatic = send_reminders(on=ON)  # overdue since 20/3
    assert Reminder.objects.filter(
        obligation__in=obligations, stage=Reminder.Stage.OVERDUE
    ).count() == len(obligations)
    assert automatic.sent >= len(obligations)
    # A manual reminder after the automatic one, another day: sent.
    later = send_manual_reminders(obligations=obligations, on=ON + dt.timedelta(days=2), by=None)
    assert later.sent == len(obligations)
    assert set(
        Reminder.objects.filter(stage=Reminder.Stage.MANUAL).values_list("requested_by", flat=True)
    ) == {snv.pk, None}


def test_the_database_keeps_one_manual_reminder_a_day(tu_phap):
    obligation = q1(tu_phap)[0]
    Reminder.objects.create(obligation=obligation, stage=Reminder.Stage.MANUAL, sent_on=ON)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(obligation=obligation, stage=Reminder.Stage.MANUAL, sent_on=ON)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(obligation=obligation, stage=Reminder.Stage.MANUAL)
    Reminder.objects.create(obligation=obligation, stage=Reminder.Stage.OVERDUE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(obligation=obligation, stage=Reminder.Stage.OVERDUE)


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_send_once(settings):
    """Two clicks at the same time: the unique (obligation, day) claim lets one of them send."""
    import threading

    from django.db import connections

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    setup_plan()
    agency = Agency.objects.get(code="bg.so-tu-phap")
    Contact.objects.create(agency=agency, name="Chị Lan", email="lan@stp.example.vn")
    obligations = q1(agency)
    results = []
    errors = []

    def run() -> None:
        try:
            results.append(send_manual_reminders(obligations=obligations, on=ON, by=None))
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
    assert sum(r.sent for r in results) == len(obligations)
    assert sum(r.skipped for r in results) == len(obligations)
    assert Reminder.objects.filter(stage=Reminder.Stage.MANUAL).count() == len(obligations)
    assert len(mail.outbox) == 1  # one e-mail to Lan, from the run that sent
