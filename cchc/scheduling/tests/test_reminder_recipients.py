"""Whom reminders reach (issue 9.1): the agency's members in the role, by their accounts'
addresses, besides its contacts; the secretariat's button shows whom it will write to before
it sends (a confirmation page, sending a POST from it); the command says whom it wrote to."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth.models import Permission, User
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cchc.accounts.actions import add_member, end_membership
from cchc.accounts.models import Role
from cchc.agencies.models import Agency, Contact
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import import_seed
from cchc.scheduling.models import Obligation, Reminder
from cchc.scheduling.obligations import generate_obligations
from cchc.scheduling.reminders import MAX_LISTED, plan_reminders, send_reminders
from cchc.scheduling.views import common

pytestmark = pytest.mark.django_db

DUE_SOON = dt.date(2024, 3, 18)  # Quý I/2024 is due on 20/3: within 3 working days
OVERDUE = dt.date(2024, 3, 22)
ESCALATED = dt.date(2024, 4, 1)


def member(username: str, role: str, code: str, email: str | None = None) -> User:
    user = User.objects.create_user(
        username, f"{username}@example.org" if email is None else email, None
    )
    add_member(user=user, agency=Agency.objects.get(code=code), role=role, by=None)
    return user


@pytest.fixture
def people(settings) -> dict[str, User]:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    load_registry(path=MINI)
    plan = import_seed()
    generate_obligations(
        plan=plan, since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31), on=dt.date(2024, 3, 1)
    )
    return {
        "focal": member("focal-tp", Role.FOCAL_POINT, "bg.so-tu-phap"),
        "head": member("head-tp", Role.HEAD, "bg.so-tu-phap"),
        "snv": member("snv-staff", Role.SECRETARIAT, "bg.so-noi-vu"),
        "no_mail": member("focal-nomail", Role.FOCAL_POINT, "bg.so-tu-phap", email=""),
    }


def tu_phap_q1() -> list[Obligation]:
    return list(
        Obligation.objects.filter(
            agency__code="bg.so-tu-phap", role="lead", period_label="Quý I/2024"
        )
    )


def test_reminders_reach_the_members_without_any_contact(people):
    assert not Contact.objects.exists()
    obligations = tu_phap_q1()
    before = send_reminders(on=DUE_SOON)
    assert before.sent >= len(obligations) > 0
    rows = Reminder.objects.filter(obligation__in=obligations, stage="before")
    assert rows.count() == len(obligations)
    # Before the deadline: the focal point alone (the one without an address is left out).
    assert rows.first().recipients == ["focal-tp@example.org"]
    send_reminders(on=OVERDUE)
    overdue = Reminder.objects.filter(obligation__in=obligations, stage="overdue").first()
    assert overdue.recipients == ["focal-tp@example.org", "head-tp@example.org"]
    # An agency without anyone: its escalation reaches the secretariat alone, and says so.
    tt = Agency.objects.get(code="bg.so-tt-tt")
    lonely = next(b for b in plan_reminders(on=ESCALATED).batches if b.agency_id == tt.pk)
    assert lonely.recipients == ["snv-staff@example.org"] and not lonely.reaches_agency
    send_reminders(on=ESCALATED)
    escalated = Reminder.objects.filter(obligation__in=obligations, stage="escalated").first()
    assert escalated.recipients == [
        "focal-tp@example.org",
        "head-tp@example.org",
        "snv-staff@example.org",
    ]


def test_members_and_contacts_together_ended_members_left_out(people):
    agency = Agency.objects.get(code="bg.so-tu-phap")
    Contact.objects.create(agency=agency, name="Văn thư", email="vanthu@stp.example.vn")
    membership = people["focal"].memberships.get()
    end_membership(membership=membership, by=None, reason="chuyển công tác")
    plan = plan_reminders(on=DUE_SOON)
    batch = next(b for b in plan.batches if b.agency_id == agency.pk)
    assert batch.recipients == ["vanthu@stp.example.vn"]
    assert "Quý I/2024" in batch.periods
    # Planning sends nothing.
    assert not mail.outbox and not Reminder.objects.exists()


def test_a_report_awaiting_sign_off_reminds_the_head_alone(people):
    from cchc.reporting.actions import save_draft, start_report, submit_report
    from cchc.reporting.signoff import set_sign_off

    agency = Agency.objects.get(code="bg.so-tu-phap")
    set_sign_off(agency=agency, required=True, by=people["head"])
    obligation = tu_phap_q1()[0]
    report = start_report(obligation=obligation, user=people["focal"])
    save_draft(
        report=report,
        user=people["focal"],
        expected_version=1,
        narrative="Đã làm.",
        explanation="Chờ số liệu.",
    )
    submit_report(report=report, user=people["focal"], expected_version=2)
    send_reminders(on=OVERDUE)
    row = Reminder.objects.get(obligation=obligation, stage="overdue")
    assert row.recipients == ["head-tp@example.org"]
    batch = next(b for b in plan_reminders(on=ESCALATED).batches if b.with_head)
    assert batch.obligations == [obligation] and batch.reaches_agency


def inboxes() -> dict[str, list[mail.EmailMessage]]:
    """The e-mails sent, by their one recipient each."""
    assert all(len(message.to) == 1 for message in mail.outbox)
    by_person: dict[str, list[mail.EmailMessage]] = {}
    for message in mail.outbox:
        by_person.setdefault(message.to[0], []).append(message)
    return by_person


def test_one_e_mail_per_person_listing_all_their_agencies(people):
    """A run writes each person once, listing every report of every agency it reminds them
    of: the head of two agencies, and the secretariat with every agency's escalation."""
    tt = Agency.objects.get(code="bg.so-tt-tt")
    add_member(user=people["head"], agency=tt, role=Role.HEAD, by=None)
    tp_q1 = tu_phap_q1()
    tt_q1 = list(Obligation.objects.filter(agency=tt, role="lead", period_label="Quý I/2024"))
    assert len(tp_q1) > 1 and tt_q1
    result = send_reminders(on=ESCALATED)
    by_person = inboxes()
    assert {len(messages) for messages in by_person.values()} == {1}
    assert result.emails == len(mail.outbox) == len(by_person)
    assert result.sent == Reminder.objects.filter(stage="escalated").count() > len(tp_q1)
    head = by_person["head-tp@example.org"][0]
    for obligation in [*tp_q1, *tt_q1]:
        assert f"{obligation.activity.number}. {obligation.activity.title[:40]}" in head.body
    to_head = [r for r in Reminder.objects.all() if "head-tp@example.org" in r.recipients]
    assert len(to_head) >= len(tp_q1) + len(tt_q1)
    assert str(len(to_head)) in head.subject and "20/03/2024" in head.subject
    assert head.body.count(tt.name) >= len(tt_q1)
    # The focal point of Sở Tư pháp alone: its own reports, not those of Sở TT-TT.
    focal = by_person["focal-tp@example.org"][0]
    assert tt.name not in focal.body
    # The secretariat: one e-mail with every escalated report.
    secretariat = by_person["snv-staff@example.org"][0]
    assert str(result.sent) in secretariat.subject
    assert secretariat.body.count("\n\n") >= min(result.sent, MAX_LISTED)
    # Run again: nothing more.
    again = send_reminders(on=ESCALATED)
    assert (again.sent, again.emails) == (0, 0) and len(mail.outbox) == result.emails


def test_one_e_mail_lists_so_many_reports_and_counts_the_rest(people, monkeypatch):
    from cchc.scheduling import reminders

    monkeypatch.setattr(reminders, "MAX_LISTED", 2)
    tp_q1 = tu_phap_q1()
    assert len(tp_q1) > 2
    send_reminders(on=DUE_SOON)
    (focal,) = inboxes()["focal-tp@example.org"]
    listed = [o for o in tp_q1 if f"{o.activity.number}. {o.activity.title[:40]}" in focal.body]
    assert len(listed) == 2
    total = len([r for r in Reminder.objects.all() if "focal-tp@example.org" in r.recipients])
    assert str(total) in focal.subject
    assert f" {total - 2} " in focal.body.splitlines()[-1]


def test_a_failed_send_takes_its_claims_back(people, monkeypatch):
    """The mail server refuses: nothing counts as sent, and the next run sends it all."""
    from django.core.mail.backends.locmem import EmailBackend

    def refuse(self: EmailBackend, messages: list[mail.EmailMessage]) -> int:
        raise ConnectionRefusedError("SMTP down")

    with monkeypatch.context() as patch:
        patch.setattr(EmailBackend, "send_messages", refuse)
        with pytest.raises(ConnectionRefusedError):
            send_reminders(on=DUE_SOON)
    assert not Reminder.objects.exists() and not mail.outbox
    assert send_reminders(on=DUE_SOON).sent == Reminder.objects.count() > 0


@pytest.fixture
def secretariat_client(people, client: Client, monkeypatch: pytest.MonkeyPatch) -> Client:
    monkeypatch.setattr(common, "today", lambda: DUE_SOON)
    user = people["snv"]
    user.user_permissions.add(Permission.objects.get(codename="add_reminder"))
    client.force_login(user)
    return client


def test_the_button_asks_first_and_says_whom(secretariat_client: Client):
    due = secretariat_client.get(reverse("scheduling:due")).content.decode()
    assert 'id="remind-link"' in due
    page = secretariat_client.get(reverse("scheduling:remind") + "?next=/scheduling/due/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "focal-tp@example.org" in text
    assert "Quý I/2024" in text
    assert 'id="remind-send"' in text
    assert not mail.outbox and not Reminder.objects.exists()
    # Agencies without anyone to write to are listed, with the page to add a contact.
    tt = Agency.objects.get(code="bg.so-tt-tt")
    assert reverse("agencies:contacts", args=[tt.pk]) in text
    response = secretariat_client.post(
        reverse("scheduling:remind"), {"next": "/scheduling/due/"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/scheduling/due/"
    assert Reminder.objects.exists()
    assert mail.outbox and mail.outbox[0].to == ["focal-tp@example.org"]
    assert "focal-tp@example.org" in response.content.decode()


def test_the_confirmation_page_refuses_others(people, client: Client):
    client.force_login(people["focal"])
    assert client.get(reverse("scheduling:remind")).status_code == 403
    assert client.post(reverse("scheduling:remind")).status_code == 403
    assert not Reminder.objects.exists()


def test_the_confirmation_page_goes_back_only_to_our_pages(secretariat_client: Client):
    page = secretariat_client.get(reverse("scheduling:remind") + "?next=https://evil.example/")
    text = page.content.decode()
    assert 'name="next" value="/scheduling/due/"' in text
    assert 'href="https://evil.example/"' not in text


def test_the_command_says_whom_and_dry_run_sends_nothing(people):
    out = StringIO()
    call_command("send_reminders", on=DUE_SOON.isoformat(), dry_run=True, stdout=out)
    assert "focal-tp@example.org" in out.getvalue()
    assert not mail.outbox and not Reminder.objects.exists()
    out = StringIO()
    call_command("send_reminders", on=DUE_SOON.isoformat(), stdout=out)
    printed = out.getvalue()
    assert "focal-tp@example.org" in printed
    assert f"{len(mail.outbox)} e-mails" in printed or f"{len(mail.outbox)} thư" in printed
    assert Agency.objects.get(code="bg.so-tu-phap").name in printed
    assert Reminder.objects.exists() and mail.outbox


def test_planning_reads_a_fixed_number_of_queries(people, django_assert_max_num_queries):
    """Thousands of obligations on the confirmation page: one calendar, one read each of the
    obligations, the reminders sent, the members and the contacts, whatever their number."""
    with django_assert_max_num_queries(12):
        plan = plan_reminders(on=dt.date(2025, 6, 2))
    assert plan.to_send + plan.no_contact > len(tu_phap_q1())
