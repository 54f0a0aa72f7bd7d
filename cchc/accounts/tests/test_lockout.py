"""The login lockout (django-axes): per username and per client address, counted atomically,
the client address read through the trusted proxies only."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.urls import reverse

from cchc.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    settings.CCHC_LOGIN_MAX_FAILURES = 3
    settings.CCHC_LOGIN_MAX_FAILURES_PER_IP = 5
    settings.CCHC_LOGIN_LOCKOUT_MINUTES = 15
    return settings


def _login(client: Client, username: str, password: str, ip: str = "10.0.0.1", **extra: Any):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip, **extra
    )


def _logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_password_is_stored_with_argon2(reader: User):
    assert reader.password.startswith("argon2")
    reader.refresh_from_db()
    assert reader.password.startswith("argon2$argon2id$")


def test_failures_lock_out_even_the_right_password(client, reader, limits):
    for _ in range(2):
        assert _login(client, "reader", "wrong").status_code == 200
    # The third failure reaches the limit: the product's locked-out page.
    response = _login(client, "reader", "wrong")
    assert response.status_code == 429
    response = _login(client, "reader", PASSWORD)
    assert response.status_code == 429
    assert not _logged_in(client)
    assert 'id="locked-out"' in response.content.decode()


def test_the_locked_out_page_says_when_to_try_again_in_english_when_chosen(client, reader, limits):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    for _ in range(3):
        response = _login(client, "reader", "wrong")
    page = response.content.decode()
    assert response.status_code == 429
    assert "Too many failed login attempts" in page
    assert "try again" in page
    assert "data-locked-until=" in page


def test_usernames_are_counted_whatever_their_case(client, reader, limits):
    for name in ("Reader", "READER", " reader"):
        _login(client, name, "wrong")
    assert _login(client, "reader", PASSWORD).status_code == 429


def test_one_address_trying_many_usernames_is_locked_out(client, reader, limits):
    for i in range(5):
        _login(client, f"guess{i}", "wrong", ip="192.0.2.7")
    # From that address even a right login is refused …
    assert _login(client, "reader", PASSWORD, ip="192.0.2.7").status_code == 429
    assert not _logged_in(client)
    # … from another it works.
    assert _login(client, "reader", PASSWORD, ip="192.0.2.8").status_code == 302


def test_a_success_does_not_wipe_the_failures_of_other_users_from_the_address(
    client, reader, limits
):
    """The probe: one address guessed 116 passwords of different users, logging in to its own
    account in between, and was never locked out."""
    for i in range(4):
        _login(client, f"victim{i}", "wrong", ip="192.0.2.9")
    assert _login(client, "reader", PASSWORD, ip="192.0.2.9").status_code == 302
    client.logout()
    _login(client, "victim4", "wrong", ip="192.0.2.9")
    # Five failures from that address within the window: it is locked out now.
    assert _login(client, "victim5", "wrong", ip="192.0.2.9").status_code == 429
    assert _login(client, "reader", PASSWORD, ip="192.0.2.9").status_code == 429


def test_other_users_are_not_affected(client, reader, importer, limits):
    for _ in range(3):
        _login(client, "reader", "wrong", ip="10.0.0.9")
    assert _login(client, "importer", PASSWORD, ip="10.0.0.10").status_code == 302


def test_admin_login_is_the_locked_out_login_too(client, superuser, limits):
    response = client.get(reverse("admin:login") + "?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# -- behind a proxy ----------------------------------------------------------------------------


def test_without_trusted_proxies_a_forwarded_for_header_is_ignored(client, reader, limits):
    """Anyone can write X-Forwarded-For: without a trusted proxy only REMOTE_ADDR counts."""
    for i in range(5):
        _login(client, f"guess{i}", "wrong", ip="192.0.2.7", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
    assert _login(client, "reader", PASSWORD, ip="192.0.2.7").status_code == 429


@pytest.fixture
def one_proxy(settings, limits):
    from cchc.settings import client_address_settings

    order, count = client_address_settings(1)
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = order
    settings.AXES_IPWARE_PROXY_COUNT = count
    return settings


def test_behind_a_trusted_proxy_clients_are_told_apart(client, reader, importer, one_proxy):
    """The probe: behind a proxy every user shared the proxy's address, so 30 failures of
    anyone locked everybody out."""
    proxy = "10.0.0.1"
    for i in range(6):
        _login(client, f"guess{i}", "wrong", ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.66")
    assert (
        _login(
            client, "reader", PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.66"
        ).status_code
        == 429
    )
    response = _login(client, "importer", PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.status_code == 302


def test_behind_a_trusted_proxy_a_forged_header_does_not_pick_the_address(
    client, reader, one_proxy
):
    """A client writing its own X-Forwarded-For before the proxy's cannot choose a new address
    for each guess."""
    for i in range(6):
        _login(
            client,
            f"guess{i}",
            "wrong",
            ip="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{i}, 198.51.100.66",
        )
    assert (
        _login(
            client, "reader", PASSWORD, ip="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.66"
        ).status_code
        == 429
    )


def test_the_trusted_proxy_count_maps_to_ipware():
    from cchc.settings import client_address_settings

    assert client_address_settings(0) == (("REMOTE_ADDR",), None)
    assert client_address_settings(2) == (("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"), 1)


# -- in parallel -------------------------------------------------------------------------------


@pytest.fixture
def counted_hasher(monkeypatch) -> Iterator[list[int]]:
    calls: list[int] = []
    lock = threading.Lock()
    verify = Argon2PasswordHasher.verify

    def counting(self: Argon2PasswordHasher, password: str, encoded: str) -> bool:
        with lock:
            calls.append(1)
        return verify(self, password, encoded)

    monkeypatch.setattr(Argon2PasswordHasher, "verify", counting)
    yield calls


@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_logins_check_the_password_at_most_the_limit(settings, counted_hasher):
    """The probe: 40 parallel wrong logins for one user got 24 password checks against a limit
    of 5. Each thread has its own connection; the count is atomic."""
    settings.CCHC_LOGIN_MAX_FAILURES = 5
    settings.CCHC_LOGIN_MAX_FAILURES_PER_IP = 1000
    User.objects.create_user("target", "target@example.org", PASSWORD)
    start = threading.Barrier(40)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def attempt(i: int) -> None:
        try:
            start.wait()
            response = Client().post(
                reverse("login"),
                {"username": "target", "password": f"wrong-{i}"},
                REMOTE_ADDR=f"10.1.{i}.1",
            )
            statuses.append(response.status_code)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert len(statuses) == 40
    assert len(counted_hasher) <= django_settings.CCHC_LOGIN_MAX_FAILURES
    assert statuses.count(429) >= 40 - django_settings.CCHC_LOGIN_MAX_FAILURES
