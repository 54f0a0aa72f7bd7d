from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from cchc.accounts.lockout import KEEP_DAYS, PruneRefused, prune_login_attempts
from cchc.accounts.models import LoginAttempt
from cchc.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    settings.CCHC_LOGIN_MAX_FAILURES = 3
    settings.CCHC_LOGIN_MAX_FAILURES_PER_IP = 5
    settings.CCHC_LOGIN_LOCKOUT_MINUTES = 15
    return settings


def _login(client: Client, username: str, password: str, ip: str = "10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def _logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def _age_attempts(minutes: int) -> None:
    for attempt in LoginAttempt.objects.all():
        attempt.at -= dt.timedelta(minutes=minutes)
        attempt.save(update_fields=["at"])


def test_password_is_stored_with_argon2(reader: User):
    assert reader.password.startswith("argon2")
    reader.refresh_from_db()
    assert reader.password.startswith("argon2$argon2id$")


def test_failures_lock_out_even_the_right_password(client, reader, limits):
    for _ in range(3):
        response = _login(client, "reader", "wrong")
        assert response.status_code == 200
    response = _login(client, "reader", PASSWORD)
    assert response.status_code == 200
    assert not _logged_in(client)
    page = response.content.decode()
    assert "Đăng nhập bị chặn" in page or "blocked until" in page
    assert list(LoginAttempt.objects.order_by("at", "pk").values_list("succeeded", "refused")) == [
        (False, False)
    ] * 3 + [(False, True)]


def test_lockout_message_is_english_when_english_is_chosen(client, reader, limits):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    for _ in range(3):
        response = _login(client, "reader", "wrong")
    assert "Too many failed login attempts" in response.content.decode()


def test_after_the_window_login_is_allowed_again(client, reader, limits):
    for _ in range(3):
        _login(client, "reader", "wrong")
    assert not _logged_in(client)
    _age_attempts(16)
    response = _login(client, "reader", PASSWORD)
    assert response.status_code == 302
    assert _logged_in(client)


def test_refused_attempts_do_not_extend_the_lockout(client, reader, limits):
    for _ in range(3):
        _login(client, "reader", "wrong")
    _age_attempts(10)
    for _ in range(5):
        _login(client, "reader", PASSWORD, ip="10.0.0.2")  # refused, recorded
    _age_attempts(6)
    assert _login(client, "reader", PASSWORD).status_code == 302


def test_success_resets_the_count(client, reader, limits):
    for _ in range(2):
        _login(client, "reader", "wrong")
    assert _login(client, "reader", PASSWORD).status_code == 302
    client.logout()
    for _ in range(2):
        _login(client, "reader", "wrong")
    assert _login(client, "reader", PASSWORD).status_code == 302


def test_usernames_are_counted_whatever_their_case(client, reader, limits):
    for name in ("Reader", "READER", " reader"):
        _login(client, name, "wrong")
    assert _login(client, "reader", PASSWORD).status_code == 200


def test_one_address_trying_many_usernames_is_locked_out(client, reader, limits):
    for i in range(5):
        _login(client, f"guess{i}", "wrong", ip="192.0.2.7")
    # From that address even a right login is refused …
    assert _login(client, "reader", PASSWORD, ip="192.0.2.7").status_code == 200
    assert not _logged_in(client)
    # … from another it works.
    assert _login(client, "reader", PASSWORD, ip="192.0.2.8").status_code == 302


def test_other_users_are_not_affected(client, reader, importer, limits):
    for _ in range(3):
        _login(client, "reader", "wrong", ip="10.0.0.9")
    assert _login(client, "importer", PASSWORD, ip="10.0.0.10").status_code == 302


def test_the_backend_refuses_outside_the_login_page_too(reader, limits):
    for _ in range(3):
        assert authenticate(None, username="reader", password="wrong") is None
    assert authenticate(None, username="reader", password=PASSWORD) is None
    assert LoginAttempt.objects.filter(refused=True).count() == 1


def test_admin_login_is_locked_out_too(client, superuser, limits):
    url = reverse("admin:login")
    for _ in range(3):
        client.post(url, {"username": "admin", "password": "wrong"})
    client.post(url, {"username": "admin", "password": PASSWORD})
    assert not _logged_in(client)


# -- pruning the record ----------------------------------------------------------------------


def _attempt_at(at: dt.datetime, username: str = "reader", **fields: object) -> LoginAttempt:
    return LoginAttempt.objects.create(username=username, ip="10.0.0.1", at=at, **fields)


def test_prune_deletes_only_attempts_older_than_the_span(limits):
    now = timezone.now()
    old = [_attempt_at(now - dt.timedelta(days=d)) for d in (31, 90, 400)]
    kept = [
        _attempt_at(now - dt.timedelta(days=29)),
        _attempt_at(now - dt.timedelta(days=30) + dt.timedelta(seconds=1), succeeded=True),
        _attempt_at(now),
    ]
    assert prune_login_attempts(older_than=dt.timedelta(days=30), now=now) == len(old)
    assert set(LoginAttempt.objects.values_list("pk", flat=True)) == {a.pk for a in kept}
    assert prune_login_attempts(older_than=dt.timedelta(days=30), now=now) == 0


def test_prune_keeps_what_the_lockout_counts(client, reader, limits):
    for _ in range(3):
        _login(client, "reader", "wrong")
    with pytest.raises(PruneRefused):
        prune_login_attempts(older_than=dt.timedelta(minutes=14))
    assert LoginAttempt.objects.count() == 3
    # A span as long as the window deletes nothing the lockout counts: still locked out.
    assert prune_login_attempts(older_than=dt.timedelta(minutes=15)) == 0
    _login(client, "reader", PASSWORD)
    assert not _logged_in(client)


def test_the_command_prunes_with_a_default_longer_than_the_window(limits):
    now = timezone.now()
    _attempt_at(now - dt.timedelta(days=KEEP_DAYS + 1))
    recent = _attempt_at(now - dt.timedelta(days=KEEP_DAYS - 1))
    assert dt.timedelta(days=KEEP_DAYS) > dt.timedelta(minutes=limits.CCHC_LOGIN_LOCKOUT_MINUTES)
    out = StringIO()
    with translation.override("en"):
        call_command("prune_login_attempts", stdout=out)
    assert out.getvalue().strip() == f"Login attempts older than {KEEP_DAYS} days deleted: 1."
    assert list(LoginAttempt.objects.all()) == [recent]


def test_the_command_takes_days(limits):
    now = timezone.now()
    _attempt_at(now - dt.timedelta(days=8))
    recent = _attempt_at(now - dt.timedelta(days=6))
    call_command("prune_login_attempts", "--days", "7", stdout=StringIO())
    assert list(LoginAttempt.objects.all()) == [recent]


@pytest.mark.parametrize("days", ["0", "-3"])
def test_the_command_refuses_a_span_of_no_days(limits, days):
    _attempt_at(timezone.now() - dt.timedelta(days=400))
    with translation.override("en"), pytest.raises(CommandError, match="1 or more"):
        call_command("prune_login_attempts", "--days", days, stdout=StringIO())
    assert LoginAttempt.objects.count() == 1


def test_the_command_refuses_a_span_inside_a_long_lockout_window(limits):
    limits.CCHC_LOGIN_LOCKOUT_MINUTES = 3 * 24 * 60
    _attempt_at(timezone.now() - dt.timedelta(days=2))
    with pytest.raises(CommandError):
        call_command("prune_login_attempts", "--days", "1", stdout=StringIO())
    assert LoginAttempt.objects.count() == 1
