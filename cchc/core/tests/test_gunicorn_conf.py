"""gunicorn served with cchc/gunicorn_conf.py sends no Server header (without it, it sends
``Server: gunicorn``)."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from cchc.conftest import REPO_ROOT

GUNICORN = Path(sys.executable).parent / "gunicorn"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def _gunicorn(tmp_path: Path, *options: str) -> Iterator[int]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    env.pop("DATABASE_URL", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cchc.settings",
            "CCHC_ALLOW_EPHEMERAL_SECRET": "1",
            "CCHC_DATA_DIR": str(tmp_path),
        }
    )
    log = (tmp_path / f"gunicorn-{port}.log").open("wb")
    process = subprocess.Popen(
        [str(GUNICORN), *options, "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "cchc.wsgi:application"],
        cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert process.poll() is None, (tmp_path / f"gunicorn-{port}.log").read_text()
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port)):
                break
            time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def _headers(port: int) -> dict[str, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    # An API call that needs neither a database nor collected static files: refused (401).
    connection.request("GET", "/api/v1/obligations/")
    response = connection.getresponse()
    response.read()
    connection.close()
    assert response.status == 401
    return {name.lower(): value for name, value in response.getheaders()}


def test_gunicorn_with_the_projects_settings_sends_no_server_header(tmp_path: Path):
    with _gunicorn(tmp_path) as port:
        assert _headers(port).get("server") == "gunicorn"  # what the setting is for
    with _gunicorn(tmp_path, "--config", "python:cchc.gunicorn_conf") as port:
        headers = _headers(port)
    assert "server" not in headers
    assert "date" in headers and "content-security-policy" in headers


def test_gunicorn_keeps_an_idle_connection_longer_than_the_proxy_reuses_it():
    """nginx keeps connections to gunicorn open (`keepalive` in its upstream) and reuses them
    for up to its `keepalive_timeout`; gunicorn closing one first makes the request nginx sends
    on it at that moment fail (a POST gets 502: nginx does not send it again)."""
    conf = (REPO_ROOT / "deploy" / "nginx" / "cchc.conf").read_text()
    upstream = re.search(r"upstream cchc \{(.*?)\}", conf, re.S)
    assert upstream is not None and re.search(r"^\s*keepalive \d+;", upstream.group(1), re.M)
    proxy = re.search(r"^\s*keepalive_timeout (\d+)s;", upstream.group(1), re.M)
    assert proxy is not None, "the upstream says how long nginx reuses a connection"
    from cchc import gunicorn_conf

    assert gunicorn_conf.keepalive > int(proxy.group(1))


def test_an_idle_connection_outlives_gunicorns_own_default(tmp_path: Path):
    """gunicorn's default keep-alive is 2 s: with the project's settings, a connection idle for
    longer still answers its next request."""
    with _gunicorn(
        tmp_path, "--config", "python:cchc.gunicorn_conf", "--worker-class", "gthread"
    ) as port:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        for pause in (0, 3.5):
            time.sleep(pause)
            connection.request("GET", "/api/v1/obligations/")
            response = connection.getresponse()
            response.read()
            assert response.status == 401
            assert response.getheader("connection", "").lower() != "close"
        connection.close()
