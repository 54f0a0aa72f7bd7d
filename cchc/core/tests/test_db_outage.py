"""The database goes away under load and comes back: gunicorn answers every request with a
page or a clean 503 (never a 500 or a dropped connection), and serves again by itself once
the database is back. PostgreSQL (with DATABASE_URL): every connection of the application
is terminated again and again, as a restart does; SQLite: the database file disappears for
two seconds."""

from __future__ import annotations

import contextlib
import http.client
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client

from cchc.conftest import REPO_ROOT
from cchc.core.tests.test_deploy import _free_port
from cchc.core.tests.test_kills import _child_env

pytestmark = pytest.mark.django_db(transaction=True)
GUNICORN = Path(sys.executable).parent / "gunicorn"


@contextlib.contextmanager
def _gunicorn(tmp_path: Path) -> Iterator[int]:
    port = _free_port()
    env = _child_env(tmp_path)
    env.pop("CCHC_ALLOW_EPHEMERAL_SECRET")
    env["CCHC_SECRET_KEY"] = settings.SECRET_KEY  # the test's sessions are valid there
    log = (tmp_path / "gunicorn.log").open("wb")
    process = subprocess.Popen(
        [str(GUNICORN), "--config", "python:cchc.gunicorn_conf", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--threads", "2", "cchc.wsgi:application"],
        cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()
            assert time.monotonic() < deadline
            with contextlib.suppress(OSError), socket_to(port):
                break
            time.sleep(0.2)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=40)
        log.close()


def socket_to(port: int) -> contextlib.AbstractContextManager[object]:
    import socket

    return socket.create_connection(("127.0.0.1", port), timeout=5)


def _status(port: int, path: str, cookie: str) -> int:
    connection_ = http.client.HTTPConnection("127.0.0.1", port, timeout=90)
    try:
        connection_.request("GET", path, headers={"Cookie": f"sessionid={cookie}"})
        response = connection_.getresponse()
        response.read()
        return response.status
    finally:
        connection_.close()


@contextlib.contextmanager
def _outage() -> Iterator[None]:
    """The database away while the block runs (PostgreSQL: connections killed repeatedly)."""
    if connection.vendor == "postgresql":
        stop = threading.Event()

        def kill_all() -> None:
            import psycopg

            params = connection.get_connection_params()
            with psycopg.connect(**params, autocommit=True) as admin:
                while not stop.is_set():
                    admin.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                        "AND backend_type = 'client backend'"
                    )
                    time.sleep(0.05)

        connection.close()
        killer = threading.Thread(target=kill_all)
        killer.start()
        try:
            yield
        finally:
            stop.set()
            killer.join()
        return
    name = Path(connection.settings_dict["NAME"])
    connection.close()
    away = name.with_name(name.name + ".away")
    name.rename(away)
    name.mkdir()  # a directory where the file was: "unable to open database file"
    try:
        yield
    finally:
        name.rmdir()
        away.rename(name)


def test_the_database_away_gives_503_and_the_site_recovers(tmp_path: Path, client: Client):
    user = User.objects.create_user("reader", password="x" * 20)
    client.force_login(user)
    cookie = client.cookies["sessionid"].value
    # An API list read with the session (the session, the user and the list: the database
    # at every step; no static files needed), and the health check.
    paths = ("/api/v1/obligations/", "/healthz")
    with _gunicorn(tmp_path) as port:
        assert [_status(port, p, cookie) for p in paths] == [200, 200]
        statuses: Counter[int] = Counter()
        errors: list[str] = []

        def load(stop: threading.Event) -> None:
            while not stop.is_set():
                for path in paths:
                    try:
                        statuses[_status(port, path, cookie)] += 1
                    except OSError as exc:  # a dropped connection
                        errors.append(repr(exc))

        stop = threading.Event()
        loaders = [threading.Thread(target=load, args=(stop,)) for _ in range(3)]
        with _outage():
            for loader in loaders:
                loader.start()
            time.sleep(2.5)
            stop.set()
            for loader in loaders:
                loader.join()
        assert errors == []
        assert set(statuses) <= {200, 503}, statuses
        if connection.vendor == "sqlite":
            assert statuses[503] > 0, statuses
        # Back by itself: no restart of gunicorn.
        time.sleep(0.5)
        after = [_status(port, p, cookie) for _ in range(10) for p in paths]
        assert after == [200] * 20
    log = (tmp_path / "gunicorn.log").read_text()
    assert "Traceback" not in log or "OperationalError" in log
    assert "WORKER TIMEOUT" not in log
