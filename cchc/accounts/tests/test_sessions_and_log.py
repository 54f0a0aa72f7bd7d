"""Passwords, session limits, the security log, password change and reset."""

from __future__ import annotations

import datetime as dt
import re
import time
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from cchc.accounts.actions import add_member, end_membership
from cchc.accounts.middleware import LOGIN_AT, SEEN_AT
from cchc.accounts.models import Role, SecurityEvent
from cchc.accounts.security_log import record
from cchc.conftest import PASSWORD

pytestmark = pytest.mark.django_db


# -- passwords ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "password",
    [
        "Short-pw-9!",  # 11 characters
        "password1234",  # common
        "123456789012345",  # numeric
        "reader-example-org",  # like the user's own e-mail
    ],
)
def test_weak_passwords_are_refused(reader, password):
    with pytest.raises(ValidationError):
        validate_password(password, reader)


def test_a_long_uncommon_password_is_accepted(reader):
    validate_password("mây-trên-đỉnh-núi-42", reader)


# -- session limits ----------------------------------------------------------------------------


def _age_session(client: Client, *, login: float = 0, seen: float = 0) -> None:
    session = client.session
    session[LOGIN_AT] -= login
    session[SEEN_AT] -= seen
    session.save()


def test_login_records_the_time_in_the_session(reader_client):
    assert isinstance(reader_client.session[LOGIN_AT], float)
    assert reader_client.get(reverse("plans:plan_list")).status_code == 200


def test_a_session_idle_too_long_is_logged_out(reader_client, settings):
    settings.CCHC_SESSION_IDLE_MINUTES = 30
    _age_session(reader_client, login=29 * 60, seen=29 * 60)
    assert reader_client.get(reverse("plans:plan_list")).status_code == 200
    # That request slid the idle window: 29 more minutes are fine …
    _age_session(reader_client, seen=29 * 60)
    assert reader_client.get(reverse("plans:plan_list")).status_code == 200
    # … 31 are not.
    _age_session(reader_client, seen=31 * 60)
    response = reader_client.get(reverse("plans:plan_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in reader_client.session
    assert SecurityEvent.objects.get(kind="session_ended").details["reason"] == "idle"


def test_an_active_session_ends_at_its_maximum_lifetime(reader_client, settings):
    settings.CCHC_SESSION_MAX_HOURS = 12
    _age_session(reader_client, login=12 * 3600 + 60)
    response = reader_client.get("/api/v1/obligations/")
    assert response.status_code == 401
    assert "_auth_user_id" not in reader_client.session
    assert SecurityEvent.objects.get(kind="session_ended").details["reason"] == "lifetime"


def test_the_logout_message_is_shown(reader_client, settings):
    reader_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    _age_session(reader_client, seen=31 * 60)
    response = reader_client.get(reverse("plans:plan_list"), follow=True)
    assert "without activity" in response.content.decode()


def test_a_session_without_a_login_time_is_not_trusted(reader_client):
    session = reader_client.session
    del session[LOGIN_AT]
    session.save()
    assert reader_client.get(reverse("plans:plan_list")).status_code == 302


def test_requests_within_a_minute_do_not_save_the_session(reader_client):
    seen = reader_client.session[SEEN_AT]
    reader_client.get(reverse("plans:plan_list"))
    assert reader_client.session[SEEN_AT] == seen
    assert time.time() - seen < 60


# -- the security log --------------------------------------------------------------------------


def test_logins_failures_and_logouts_are_logged(client, reader, caplog):
    caplog.set_level("INFO", logger="cchc.security")
    client.post(reverse("login"), {"username": "Reader", "password": "x"}, REMOTE_ADDR="10.2.0.1")
    client.post(
        reverse("login"), {"username": "reader", "password": PASSWORD}, REMOTE_ADDR="10.2.0.1"
    )
    client.post(reverse("logout"))
    events = list(SecurityEvent.objects.order_by("at", "pk").values_list("kind", "username", "ip"))
    assert events == [
        ("login_failed", "reader", "10.2.0.1"),
        ("login", "reader", "10.2.0.1"),
        ("logout", "reader", "127.0.0.1"),
    ]
    assert any(
        r.name == "cchc.security" and "login_failed" in r.getMessage() for r in caplog.records
    )


def test_a_lockout_is_logged(client, reader, settings):
    settings.CCHC_LOGIN_MAX_FAILURES = 2
    for _ in range(2):
        client.post(reverse("login"), {"username": "reader", "password": "x"})
    assert SecurityEvent.objects.filter(kind="locked_out", username="reader").exists()


def test_membership_changes_are_logged(people, tu_phap):
    newcomer = User.objects.create_user("newcomer")
    membership = add_member(user=newcomer, agency=tu_phap, role=Role.HEAD, by=people["admin"])
    end_membership(membership=membership, by=people["secretariat"], reason="moved")
    added, ended = SecurityEvent.objects.filter(
        kind="membership_changed", details__member="newcomer"
    ).order_by("at", "pk")
    assert added.user == people["admin"] and added.details["action"] == "added"
    assert added.details["role"] == Role.HEAD and added.details["agency_id"] == tu_phap.pk
    assert ended.user == people["secretariat"] and ended.details["reason"] == "moved"


def test_a_refused_request_is_logged(reader_client):
    response = reader_client.get(reverse("plans:import_upload"))
    assert response.status_code == 403
    event = SecurityEvent.objects.get(kind="denied")
    assert event.username == "reader"
    assert event.details["path"] == reverse("plans:import_upload")


def test_record_is_there_for_other_apps(rf, reader):
    request = rf.get("/reports/12/", REMOTE_ADDR="10.3.0.1")
    event = record(
        "denied", user=reader, request=request, object="report 12", on=dt.date(2025, 1, 2)
    )
    assert event is not None
    event.refresh_from_db()
    assert (event.username, event.ip) == ("reader", "10.3.0.1")
    assert event.details == {"object": "report 12", "on": "2025-01-02", "path": "/reports/12/"}
    with pytest.raises(ValueError):
        record("no-such-event", user=reader)


def test_the_log_is_read_only_for_administrators_in_the_admin(client, people, superuser):
    record("denied", user=people["focal"])
    client.force_login(superuser)
    url = reverse("admin:accounts_securityevent_changelist")
    assert client.get(url).status_code == 200
    event = SecurityEvent.objects.get(kind="denied")
    change = client.post(
        reverse("admin:accounts_securityevent_change", args=[event.pk]), {"username": "x"}
    )
    assert change.status_code == 403
    staff = User.objects.create_user("staff", is_staff=True)
    client.force_login(staff)
    assert client.get(url).status_code == 403


def test_the_prune_command_deletes_old_events():
    old = SecurityEvent.objects.create(kind="login", at=timezone.now() - dt.timedelta(days=400))
    kept = SecurityEvent.objects.create(kind="login", at=timezone.now() - dt.timedelta(days=300))
    out = StringIO()
    with translation.override("en"):
        call_command("prune_security_events", stdout=out)
    assert "deleted: 1" in out.getvalue()
    assert list(SecurityEvent.objects.all()) == [kept]
    assert not SecurityEvent.objects.filter(pk=old.pk).exists()


def test_the_login_record_prune_keeps_the_lockout_window(client, reader, settings):
    from axes.models import AccessAttempt

    settings.CCHC_LOGIN_MAX_FAILURES = 2
    for _ in range(2):
        client.post(reverse("login"), {"username": "reader", "password": "x"})
    old = AccessAttempt.objects.create(
        username="old", ip_address="10.9.9.9", user_agent="", failures_since_start=1
    )
    AccessAttempt.objects.filter(pk=old.pk).update(
        attempt_time=timezone.now() - dt.timedelta(days=91)
    )
    out = StringIO()
    with translation.override("en"):
        call_command("prune_login_attempts", stdout=out)
    assert "deleted: 1" in out.getvalue()
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["reader"]
    response = client.post(reverse("login"), {"username": "reader", "password": PASSWORD})
    assert response.status_code == 429


# -- password change and reset -----------------------------------------------------------------


def test_a_user_changes_the_password(reader_client, reader):
    before = reader_client.session.session_key
    response = reader_client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "mây-trên-đỉnh-núi-42",
            "new_password2": "mây-trên-đỉnh-núi-42",
        },
    )
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.check_password("mây-trên-đỉnh-núi-42")
    assert reader_client.session.session_key != before
    assert reader_client.get(reverse("plans:plan_list")).status_code == 200
    assert SecurityEvent.objects.filter(kind="password_changed", user=reader).exists()


def test_a_short_new_password_is_refused(reader_client, reader):
    response = reader_client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "x7!kq", "new_password2": "x7!kq"},
    )
    assert response.status_code == 200
    reader.refresh_from_db()
    assert reader.check_password(PASSWORD)


def test_password_reset_by_email(client, reader):
    page = client.get(reverse("password_reset"))
    assert page.status_code == 200
    response = client.post(reverse("password_reset"), {"email": "reader@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", str(mail.outbox[0].body))
    assert link is not None
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "mây-trên-đỉnh-núi-42", "new_password2": "mây-trên-đỉnh-núi-42"},
    )
    assert done.status_code == 302
    reader.refresh_from_db()
    assert reader.check_password("mây-trên-đỉnh-núi-42")
    assert SecurityEvent.objects.filter(kind="password_reset_requested").exists()
    # The link works once.
    again = client.get(link.group(1), follow=True)
    assert 'id="invalid-link"' in again.content.decode()


def test_password_reset_for_an_unknown_address_sends_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
