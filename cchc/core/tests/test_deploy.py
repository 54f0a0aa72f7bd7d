"""The example production configuration (deploy/) actually starts: gunicorn with
cchc/gunicorn_conf.py and the settings of deploy/cchc.env (a real secret, HTTPS behind the
proxy, HSTS) serves /healthz, a page and a static file through WhiteNoise; the worker stops
cleanly on SIGTERM; deploy/cchc.env lists every CCHC_* setting."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from cchc.conftest import REPO_ROOT

DEPLOY = REPO_ROOT / "deploy"
BIN = Path(sys.executable).parent
HOST = "cchc.example.gov.vn"
# Read by the tests and the benchmarks only, never by a deployment.
NOT_DEPLOYMENT = {"CCHC_ALLOW_EPHEMERAL_SECRET"}


def _env_file() -> dict[str, str]:
    values = {}
    for line in (DEPLOY / "cchc.env").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _sep, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def test_the_env_file_lists_every_setting():
    text = (DEPLOY / "cchc.env").read_text(encoding="utf-8")
    listed = set(re.findall(r"^#?(CCHC_[A-Z0-9_]+)=", text, flags=re.MULTILINE))
    read = set()
    for source in (REPO_ROOT / "cchc" / "settings.py", REPO_ROOT / "cchc" / "gunicorn_conf.py"):
        read |= set(re.findall(r"\"(CCHC_[A-Z0-9_]+)\"", source.read_text(encoding="utf-8")))
    assert read - NOT_DEPLOYMENT - listed == set(), "add these to deploy/cchc.env"


def test_the_units_run_the_commands_that_exist():
    units = {p.name: p.read_text(encoding="utf-8") for p in (DEPLOY / "systemd").iterdir()}
    assert {"cchc-web.service", "cchc-worker.service", "cchc-reminders.timer",
            "cchc-rollups.timer", "cchc-backup.timer"} <= set(units)  # fmt: skip
    assert "gunicorn --config python:cchc.gunicorn_conf" in units["cchc-web.service"]
    for name, text in units.items():
        if name.endswith(".service"):
            assert "EnvironmentFile=/etc/cchc/cchc.env" in text, name
            assert "User=cchc" in text, name


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _environment(tmp_path: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    env.pop("DATABASE_URL", None)
    env.update(_env_file())
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cchc.settings",
            "CCHC_SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'cchc.sqlite3'}",
            "CCHC_DATA_DIR": str(tmp_path / "data"),
            "CCHC_BACKUP_DIR": str(tmp_path / "backups"),
            "CCHC_BIND": f"127.0.0.1:{port}",
            "CCHC_WEB_WORKERS": "2",
            "CCHC_EMAIL_HOST": "",
        }
    )
    return env


@contextlib.contextmanager
def _serving(tmp_path: Path) -> Iterator[int]:
    port = _free_port()
    env = _environment(tmp_path, port)
    for command in (["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run(
            [sys.executable, "-m", "cchc.cli", *command], cwd=REPO_ROOT, env=env, check=True
        )
    log = (tmp_path / "gunicorn.log").open("wb")
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "--config", "python:cchc.gunicorn_conf", "cchc.wsgi:application"],
        cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()
            assert time.monotonic() < deadline, "gunicorn did not answer in 60 s"
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port)):
                break
            time.sleep(0.2)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=40)
        log.close()


def _get(port: int, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Host": HOST, **headers})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def test_the_example_configuration_serves_health_pages_and_static_files(tmp_path: Path):
    with _serving(tmp_path) as port:
        status, _headers, body = _get(port, "/healthz")
        assert (status, body) == (200, b'{"status": "ok"}')
        # Plain HTTP to a page: sent to HTTPS (the proxy terminates TLS).
        status, headers, _body = _get(port, "/accounts/login/")
        assert status == 301 and headers["location"] == f"https://{HOST}/accounts/login/"
        # Through the proxy (X-Forwarded-Proto: https): the page, with HSTS.
        status, headers, body = _get(port, "/accounts/login/", **{"X-Forwarded-Proto": "https"})
        assert status == 200, body[:500]
        assert headers["strict-transport-security"].startswith("max-age=31536000")
        assert "server" not in headers
        stylesheet = re.search(rb'href="(/static/[^"]+\.css)"', body)
        assert stylesheet, body[:2000]
        status, headers, css = _get(
            port, stylesheet.group(1).decode(), **{"X-Forwarded-Proto": "https"}
        )
        assert status == 200 and css
        assert "max-age=315360000" in headers["cache-control"]  # hashed name: cached for good
    log = (tmp_path / "gunicorn.log").read_text()
    assert log.count("Booting worker") == 2  # CCHC_WEB_WORKERS
    assert '"GET /healthz HTTP/1.1" 200' in log  # the access log


def test_the_worker_stops_cleanly_on_sigterm(tmp_path: Path):
    env = _environment(tmp_path, _free_port())
    subprocess.run(
        [sys.executable, "-m", "cchc.cli", "migrate", "--noinput", "-v", "0"],
        cwd=REPO_ROOT, env=env, check=True,
    )  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "-m", "cchc.cli", "worker", "--sleep", "0.2"],
        cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    assert worker.stdout is not None
    assert "waiting for tasks" in worker.stdout.readline()
    worker.send_signal(signal.SIGTERM)
    out, _err = worker.communicate(timeout=30)
    assert worker.returncode == 0 and "worker: stopped" in out
