from __future__ import annotations

import base64
import datetime as dt
import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django_otp.oath import totp

from cchc.accounts import permissions as perms
from cchc.accounts.management.commands import demo as demo_module
from cchc.accounts.management.commands.demo import DEMO_USERS
from cchc.accounts.models import Membership, MembershipChange
from cchc.agencies.registry import load_registry
from cchc.conftest import import_seed
from cchc.plans.models import Plan
from cchc.reporting.actions import save_draft, start_report
from cchc.reporting.models import Report, ReportState, ReportTransition, SignOffSetting
from cchc.scheduling.models import Obligation, ObligationStatus
from cchc.scheduling.obligations import generate_obligations, status_on

pytestmark = pytest.mark.django_db

DEMO_NAMES = {demo.username for demo in DEMO_USERS}


@pytest.fixture(autouse=True)
def _demo_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo is made for its own day (today, or the one a test sets): its members count
    on that day, not on the other tests' day of 2024."""
    monkeypatch.setattr(perms, "today", lambda: demo_module._today())


@pytest.fixture
def registry() -> None:
    load_registry()


def _authenticate(username: str, password: str) -> User | None:
    """The login's check (the lockout needs the request)."""
    user = authenticate(
        RequestFactory().post("/accounts/login/"), username=username, password=password
    )
    return user if isinstance(user, User) else None


def _demo() -> dict[str, str]:
    out = StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    assert "DEMO" in text
    return dict(re.findall(r"^\s+(demo-[\w-]+)\s+(\S+)", text, flags=re.MULTILINE))


def test_demo_refuses_without_the_registry():
    with pytest.raises(CommandError, match="cchc agencies load"):
        call_command("demo", stdout=StringIO())
    assert not User.objects.exists()


def test_demo_creates_every_role_with_printed_passwords(registry):
    passwords = _demo()
    assert set(passwords) == DEMO_NAMES
    assert {"demo-secretariat", "demo-focal-tu-phap", "demo-head-tu-phap", "demo-leader"} <= set(
        passwords
    )
    assert len(set(passwords.values())) == len(passwords)  # each its own
    for username, password in passwords.items():
        user = _authenticate(username, password)
        assert user is not None, username
        assert user.password.startswith("argon2")
        assert user.first_name == "[DEMO]"
    secretariat = User.objects.get(username="demo-secretariat")
    focal = User.objects.get(username="demo-focal-tu-phap")
    other_focal = User.objects.get(username="demo-focal-tai-chinh")
    assert perms.is_secretariat(secretariat)
    assert perms.is_leader(User.objects.get(username="demo-leader"))
    assert User.objects.get(username="demo-admin").is_superuser
    (tu_phap,) = perms.agencies_of(focal)
    assert perms.can_file_for(focal, tu_phap)
    assert not perms.can_see_agency(other_focal, tu_phap)
    assert perms.can_sign_off_for(User.objects.get(username="demo-head-tu-phap"), tu_phap)


def test_demo_admin_and_secretariat_log_in_with_the_printed_two_factor_key(registry):
    out = StringIO()
    with translation.override("en"):
        call_command("demo", stdout=out)
    text = out.getvalue()
    passwords = dict(re.findall(r"^\s+(demo-[\w-]+)\s+(\S+)", text, flags=re.MULTILINE))
    keys = re.findall(r"^\s+two-factor key .*: ([A-Z2-7 ]+)$", text, flags=re.MULTILINE)
    codes = re.findall(r"^\s+backup codes .*: ([a-z2-7 ]+)$", text, flags=re.MULTILINE)
    assert len(keys) == len(codes) == 2  # the secretariat and the administrator
    for username, key in zip(("demo-secretariat", "demo-admin"), keys, strict=True):
        client = Client()
        response = client.post(
            reverse("login"), {"username": username, "password": passwords[username]}
        )
        assert response["Location"] == reverse("two_factor_login")
        secret = base64.b32decode(key.replace(" ", "") + "=" * (-len(key.replace(" ", "")) % 8))
        code = f"{totp(secret):06d}"
        assert client.post(reverse("two_factor_login"), {"code": code}).status_code == 302
        assert "_auth_user_id" in client.session
    # A focal point logs in with the password alone.
    client = Client()
    client.post(
        reverse("login"),
        {"username": "demo-focal-tu-phap", "password": passwords["demo-focal-tu-phap"]},
    )
    assert "_auth_user_id" in client.session


def test_demo_is_idempotent_and_resets_passwords(registry):
    first = _demo()
    memberships = Membership.objects.count()
    second = _demo()
    assert set(second) == set(first)
    assert all(first[name] != second[name] for name in first)
    assert Membership.objects.count() == memberships
    assert MembershipChange.objects.count() == memberships
    for username, password in first.items():
        assert _authenticate(username, password) is None
    for username, password in second.items():
        assert _authenticate(username, password) is not None


def test_demo_remove_deletes_every_demo_user_and_no_one_else(registry, reader):
    _demo()
    User.objects.create_user("demo-extra")
    out = StringIO()
    call_command("demo", "--remove", stdout=out)
    assert not User.objects.filter(username__startswith="demo-").exists()
    assert User.objects.filter(username="reader").exists()
    assert not Membership.objects.exists()


def test_passwords_are_not_written_in_the_code():
    from pathlib import Path

    import cchc.accounts.management.commands.demo as module

    source = Path(module.__file__).read_text()
    assert "secrets.token_urlsafe" in source
    assert "set_password(password)" in source


# -- demo reports ----------------------------------------------------------------------------

TODAY = dt.date(2026, 2, 16)
STATES = {
    ReportState.DRAFT,
    ReportState.SUBMITTED,
    ReportState.RETURNED,
    ReportState.APPROVED,
    ReportState.AWAITING_SIGN_OFF,
}


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    monkeypatch.setattr(demo_module, "_today", lambda: TODAY)
    return TODAY


@pytest.fixture
def obligations(registry: None, today: dt.date) -> Plan:
    """The seed plan's obligations from the 2025 merger on: the work of Bắc Giang's
    departments went to Bắc Ninh's."""
    plan = import_seed()
    generate_obligations(plan=plan, since=dt.date(2025, 7, 1), until=dt.date(2026, 3, 31), on=today)
    return plan


def _run(*args: str) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("demo", *args, stdout=out, stderr=out)
    return out.getvalue()


def _demo_reports() -> list[Report]:
    return list(
        Report.objects.filter(narrative__startswith="[DEMO]")
        .select_related("obligation__agency")
        .order_by("pk")
    )


def test_demo_reports_one_in_each_state(obligations):
    text = _run()
    assert "DEMO reports:" in text
    reports = _demo_reports()
    assert {r.state for r in reports} == STATES and len(reports) == 5
    focal = {
        name: User.objects.get(username=name)
        for name in ("demo-focal-tu-phap", "demo-focal-tai-chinh")
    }
    # The agencies that carry the plan's work after the merger, where the demo users are.
    assert {r.obligation.agency.code for r in reports} == {"bn.so-tu-phap", "bn.so-tai-chinh"}
    for report in reports:
        writer = next(
            u for u in focal.values() if perms.can_file_for(u, report.obligation.agency_id)
        )
        history = list(report.history.select_related("actor"))
        assert history[0].from_state == "" and history[0].actor == writer
        assert all(h.actor is not None and h.actor.username.startswith("demo-") for h in history)
        assert report.obligation.period_end < TODAY
    by_state = {r.state: r for r in reports}
    returned = by_state[ReportState.RETURNED].history.filter(to_state=ReportState.RETURNED)
    assert returned.get().comment.startswith("[DEMO]")
    assert returned.get().actor.username == "demo-secretariat"
    approved = by_state[ReportState.APPROVED]
    assert approved.evidence.get().document_number == "01/DEMO"
    assert not approved.evidence.get().file
    assert approved.obligation.status == ObligationStatus.APPROVED
    assert by_state[ReportState.SUBMITTED].obligation.status == ObligationStatus.SUBMITTED
    # Each focal point has one report still to change and others it cannot change.
    for user in focal.values():
        mine = [r for r in reports if perms.can_file_for(user, r.obligation.agency_id)]
        assert sum(r.is_editable for r in mine) == 1 and len(mine) > 1
    # The demo head has a report to sign off: the Justice department asks for it.
    awaiting = by_state[ReportState.AWAITING_SIGN_OFF]
    head = User.objects.get(username="demo-head-tu-phap")
    assert perms.can_sign_off_for(head, awaiting.obligation.agency_id)
    assert SignOffSetting.objects.is_required(awaiting.obligation.agency_id)


def test_demo_reports_are_not_duplicated(obligations):
    _run()
    reports = {r.pk: r.state for r in _demo_reports()}
    history = ReportTransition.objects.count()
    text = _run()
    assert {r.pk: r.state for r in _demo_reports()} == reports
    assert ReportTransition.objects.count() == history
    assert text.count("already has a report") == 5


def test_demo_without_obligations_creates_only_the_users(registry, today):
    text = _run()
    assert "No obligations for the demo agencies" in text
    assert not Report.objects.exists()
    assert set(User.objects.values_list("username", flat=True)) == DEMO_NAMES


def test_demo_picks_the_agencies_that_have_obligations(registry, today):
    """A plan whose obligations end before the merger: the demo focal points join the Bắc
    Giang departments that lead them (memberships that count on the days those agencies
    existed, not after the merger)."""
    plan = import_seed()
    generate_obligations(
        plan=plan, since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31), on=today
    )
    _run()
    focal = User.objects.get(username="demo-focal-tu-phap")
    (membership,) = Membership.objects.active().filter(user=focal).select_related("agency")
    assert membership.agency.code == "bg.so-tu-phap"
    assert not perms.agencies_of(focal)  # Sở Tư pháp of Bắc Giang ended on 30/6/2025
    reports = _demo_reports()
    assert {r.state for r in reports} == STATES
    assert {r.obligation.agency.code for r in reports} == {"bg.so-tu-phap", "bg.so-tai-chinh"}


def test_remove_deletes_only_the_demo_reports(obligations, reader):
    _run()
    demo = _demo_reports()
    approved = next(r for r in demo if r.state == ReportState.APPROVED)
    # Someone's real report, and a demo user's report not marked as a demo: both stay.
    focal = User.objects.get(username="demo-focal-tu-phap")
    taken = {r.obligation_id for r in demo}
    leads = Obligation.objects.filter(role="lead", agency=demo[0].obligation.agency).exclude(
        pk__in=taken
    )
    real = start_report(obligation=leads[0], user=reader)
    save_draft(report=real, user=reader, expected_version=real.version, narrative="[DEMO] copy")
    unmarked = start_report(obligation=leads[1], user=focal)
    save_draft(report=unmarked, user=focal, expected_version=unmarked.version, narrative="Thật")
    text = _run("--remove")
    assert "demo reports removed: 5" in text
    assert not SignOffSetting.objects.is_required(demo[0].obligation.agency_id)
    assert set(Report.objects.values_list("pk", flat=True)) == {real.pk, unmarked.pk}
    assert not User.objects.filter(username__startswith="demo-").exists()
    assert ReportTransition.objects.filter(report_id__in=[r.pk for r in demo]).count() == 0
    # The approved obligation is back on the clock: its deadline passed, so it is late.
    obligation = Obligation.objects.get(pk=approved.obligation_id)
    assert obligation.status == status_on(obligation.deadline, obligation.period_end, TODAY)
    assert obligation.status != ObligationStatus.APPROVED
    # And a new run makes them again.
    _run()
    assert {r.state for r in _demo_reports()} >= STATES
