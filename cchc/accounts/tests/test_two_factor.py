"""Two-factor login with real TOTP codes computed from the device's key."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from cchc.accounts.models import Role, SecurityEvent
from cchc.accounts.two_factor import enrol_directly
from cchc.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def code(device: TOTPDevice, ahead: int = 0) -> str:
    """The device's code now (``ahead`` steps later: a code not used yet)."""
    device.refresh_from_db()
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + ahead)
    return f"{value:0{device.digits}d}"


def unthrottle(user: User) -> None:
    """django-otp makes the next try wait after a wrong code (1 s, doubling); tests skip it."""
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(
            throttling_failure_count=0, throttling_failure_timestamp=None
        )


def _password(client: Client, user: User, next_url: str = ""):
    data = {"username": user.get_username(), "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data, REMOTE_ADDR="10.0.0.1")


def _logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def secretariat(make_member, noi_vu) -> User:
    user: User = make_member("snv", Role.SECRETARIAT, noi_vu)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def admin_user(db) -> User:
    return User.objects.create_superuser("boss", "boss@example.org", PASSWORD)


def test_a_secretariat_without_a_device_is_sent_to_enrolment(client, secretariat):
    response = _password(client, secretariat)
    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor_setup")
    assert not _logged_in(client)


def test_a_session_that_passed_only_the_password_reaches_nothing(client, secretariat):
    enrol_directly(user=secretariat, reason="test")
    response = _password(client, secretariat)
    assert response["Location"] == reverse("two_factor_login")
    assert not _logged_in(client)
    page = client.get(reverse("plans:plan_list"))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("login"))
    assert client.get("/api/v1/obligations/").status_code == 401
    assert client.get(reverse("account")).status_code == 302
    assert client.get(reverse("two_factor_login")).status_code == 200


def test_enrolment_shows_a_qr_code_and_the_secret_then_backup_codes_once(client, admin_user):
    response = _password(client, admin_user, next_url="/admin/")
    assert response["Location"] == reverse("two_factor_setup")
    page = client.get(reverse("two_factor_setup"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in html and 'id="two-factor-secret"' in html
    device = TOTPDevice.objects.get(user=admin_user, confirmed=False)
    assert device.config_url.startswith("otpauth://totp/CCHC")
    before = client.session.session_key
    wrong = client.post(reverse("two_factor_setup"), {"code": "000000"})
    assert wrong.status_code == 200 and 'id="code-error"' in wrong.content.decode()
    assert not _logged_in(client)
    unthrottle(admin_user)
    done = client.post(reverse("two_factor_setup"), {"code": code(device)})
    assert done.status_code == 200
    html = done.content.decode()
    assert 'id="backup-codes"' in html
    assert _logged_in(client)
    assert client.session.session_key != before
    device.refresh_from_db()
    assert device.confirmed
    tokens = StaticDevice.objects.get(user=admin_user).token_set.values_list("token", flat=True)
    assert len(tokens) == 10 and all(token in html for token in tokens)
    assert SecurityEvent.objects.filter(kind="two_factor_enrolled", user=admin_user).exists()
    # Shown once: the page now offers a new enrolment, not the codes.
    again = client.get(reverse("two_factor_setup"))
    assert not any(token in again.content.decode() for token in tokens)


def test_the_password_alone_cannot_replace_an_existing_authenticator(client, secretariat):
    enrol_directly(user=secretariat, reason="test")
    _password(client, secretariat)
    response = client.get(reverse("two_factor_setup"))
    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor_login")
    assert client.post(reverse("two_factor_setup"), {"code": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=secretariat).count() == 1
    assert not _logged_in(client)


def test_an_enrolled_user_logs_in_with_the_code_and_gets_a_new_session_key(client, secretariat):
    enrol_directly(user=secretariat, reason="test")
    device = TOTPDevice.objects.get(user=secretariat)
    _password(client, secretariat, next_url=reverse("account"))
    before = client.session.session_key
    wrong = client.post(reverse("two_factor_login"), {"code": "123456"}, REMOTE_ADDR="10.0.0.1")
    assert wrong.status_code == 200
    assert not _logged_in(client)
    assert SecurityEvent.objects.filter(kind="two_factor_failed", username="snv").exists()
    unthrottle(secretariat)
    right = client.post(reverse("two_factor_login"), {"code": code(device)}, REMOTE_ADDR="10.0.0.1")
    assert right.status_code == 302
    assert right["Location"] == reverse("account")
    assert _logged_in(client)
    assert client.session.session_key != before
    assert client.get(reverse("plans:plan_list")).status_code == 200


def test_a_backup_code_works_once(client, secretariat):
    enrolled = enrol_directly(user=secretariat, reason="test")
    backup = enrolled.backup_codes[0]
    _password(client, secretariat)
    assert client.post(reverse("two_factor_login"), {"code": backup.upper()}).status_code == 302
    client.logout()
    _password(client, secretariat)
    assert client.post(reverse("two_factor_login"), {"code": backup}).status_code == 200
    assert not _logged_in(client)


def test_wrong_codes_count_towards_the_lockout(client, secretariat, settings):
    settings.CCHC_LOGIN_MAX_FAILURES = 3
    enrol_directly(user=secretariat, reason="test")
    device = TOTPDevice.objects.get(user=secretariat)
    _password(client, secretariat)
    statuses = [
        client.post(reverse("two_factor_login"), {"code": f"{n:06d}"}).status_code for n in range(3)
    ]
    assert statuses[-1] == 429
    unthrottle(secretariat)
    response = client.post(reverse("two_factor_login"), {"code": code(device)})
    assert response.status_code == 429
    assert not _logged_in(client)


def test_two_factor_is_optional_for_other_users(client, reader):
    assert _password(client, reader)["Location"] == reverse("home")
    assert _logged_in(client)
    # They may turn it on; from then on their login asks for the code too.
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=reader)
    response = client.post(reverse("two_factor_setup"), {"code": code(device)})
    assert 'id="backup-codes"' in response.content.decode()
    client.logout()
    assert _password(client, reader)["Location"] == reverse("two_factor_login")
    assert not _logged_in(client)
    response = client.post(reverse("two_factor_login"), {"code": code(device, ahead=1)})
    assert response.status_code == 302
    assert _logged_in(client)


def test_the_code_page_without_a_password_sends_to_the_login(client):
    response = client.get(reverse("two_factor_login"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")


def test_the_code_page_does_not_follow_a_foreign_next(client, secretariat):
    enrol_directly(user=secretariat, reason="test")
    device = TOTPDevice.objects.get(user=secretariat)
    _password(client, secretariat, next_url="https://evil.example/")
    response = client.post(reverse("two_factor_login"), {"code": code(device)})
    assert response["Location"] == reverse("home")


def test_administrators_reset_a_users_devices_in_the_admin(client, secretariat, admin_user):
    enrol_directly(user=secretariat, reason="test")
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_two_factor_selected", "_selected_action": [secretariat.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=secretariat).exists()
    assert not StaticDevice.objects.filter(user=secretariat).exists()
    event = SecurityEvent.objects.get(kind="two_factor_reset")
    assert event.user == admin_user and event.details["target"] == "snv"
    # At the next login the secretariat must set it up again.
    other = Client()
    assert _password(other, secretariat)["Location"] == reverse("two_factor_setup")


def test_a_password_session_ends_when_the_user_becomes_secretariat(client, reader, noi_vu):
    from cchc.accounts.actions import add_member

    _password(client, reader)
    assert client.get(reverse("plans:plan_list")).status_code == 200
    add_member(user=reader, agency=noi_vu, role=Role.SECRETARIAT, by=None)
    response = client.get(reverse("plans:plan_list"))
    assert response.status_code == 302
    assert not _logged_in(client)
    assert _password(client, reader)["Location"] == reverse("two_factor_setup")


def test_the_account_page_lists_the_users_roles_and_agencies(leader_client, reader_client):
    page = leader_client.get(reverse("account"))
    html = page.content.decode()
    assert page.status_code == 200
    roles = html.split('id="account-roles"', 1)[1].split("</dd>", 1)[0]
    assert "Lãnh đạo tỉnh (kiểm thử)" in roles
    none = reader_client.get(reverse("account")).content.decode()
    assert "Lãnh đạo tỉnh (kiểm thử)" not in none.split('id="account-roles"', 1)[1]
