"""What the pages and burst benchmarks share: the throwaway database, gunicorn, wrk, sessions,
HTTP requests and percentiles. Used by bench/web_bench.py; nothing here is product code."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
VENV_BIN = Path(sys.executable).parent
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- database


@dataclasses.dataclass
class BenchDatabase:
    """A database made for one run and dropped at its end (PostgreSQL by default)."""

    url: str
    name: str
    engine: str  # "postgresql" or "sqlite"
    admin_url: str = PG_ADMIN_URL
    keep: bool = False

    @classmethod
    def create(cls, *, sqlite: bool, workdir: Path, admin_url: str, keep: bool) -> BenchDatabase:
        name = f"cchc_bench_{secrets.token_hex(4)}"
        if sqlite:
            path = workdir / f"{name}.sqlite3"
            return cls(url=f"sqlite:///{path}", name=str(path), engine="sqlite", keep=keep)
        import psycopg

        with psycopg.connect(_libpq(admin_url), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        parts = urllib.parse.urlsplit(admin_url)
        url = urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
        return cls(url=url, name=name, engine="postgresql", admin_url=admin_url, keep=keep)

    def drop(self) -> None:
        if self.keep:
            log(f"kept the database: DATABASE_URL={self.url}")
            return
        if self.engine == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.name}{suffix}").unlink(missing_ok=True)
            return
        import psycopg

        with psycopg.connect(_libpq(self.admin_url), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        log(f"dropped the database {self.name}")

    def server_version(self) -> str:
        if self.engine == "sqlite":
            import sqlite3

            return f"SQLite {sqlite3.sqlite_version}"
        import psycopg

        with psycopg.connect(_libpq(self.url)) as conn:
            row = conn.execute("SHOW server_version").fetchone()
        return f"PostgreSQL {row[0] if row else '?'}"


def _libpq(url: str) -> str:
    """psycopg wants postgresql:// or a DSN; dj-database-url accepts postgres:// too."""
    return re.sub(r"^postgres://", "postgresql://", url)


# --------------------------------------------------------------------------- environment


def bench_environment(*, db: BenchDatabase, data_dir: Path, secret: str) -> dict[str, str]:
    """The environment of the benchmark process and of its gunicorn: production settings
    (DEBUG off), the bench URLs, the bench database, one secret key for both (the sessions
    the benchmark writes must be valid for the server)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.web_settings",
            "DATABASE_URL": db.url,
            "CCHC_DATA_DIR": str(data_dir),
            "CCHC_SECRET_KEY": secret,
            "CCHC_DEBUG": "0",
            "CCHC_ALLOWED_HOSTS": "127.0.0.1,testserver",
            "CCHC_LOG_LEVEL": "ERROR",
            "PYTHONPATH": os.pathsep.join(
                p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p
            ),
        }
    )
    return env


# --------------------------------------------------------------------------- gunicorn


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclasses.dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    log_path: Path
    command: list[str]

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_gunicorn(
    *, env: dict[str, str], workers: int, threads: int, workdir: Path, timeout: float = 60
) -> Server:
    """gunicorn with the gthread worker on a free loopback port, serving cchc.wsgi with the
    bench settings; returns once it answers."""
    port = free_port()
    log_path = workdir / "gunicorn.log"
    command = [
        str(VENV_BIN / "gunicorn"),
        "cchc.wsgi:application",
        "--config", "python:cchc.gunicorn_conf",  # as in production: no Server header
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers),
        "--threads", str(threads),
        "--worker-class", "gthread",
        "--chdir", str(ROOT),
        "--timeout", "120",
        "--error-logfile", str(log_path),
        "--log-level", "warning",
    ]  # fmt: skip
    with open(log_path, "ab") as sink:
        process = subprocess.Popen(
            command, env=env, stdout=sink, stderr=subprocess.STDOUT, cwd=ROOT
        )
    server = Server(process=process, port=port, log_path=log_path, command=command)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({process.returncode}):\n{server.log_tail()}")
        with contextlib.suppress(OSError):
            status, _headers, _body = request(server.host, "GET", "/accounts/login/")
            if status == 200:
                return server
        time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s:\n{server.log_tail()}")


def gunicorn_version() -> str:
    out = subprocess.run(
        [str(VENV_BIN / "gunicorn"), "--version"], capture_output=True, text=True, check=False
    )
    return (out.stdout or out.stderr).strip()


# --------------------------------------------------------------------------- HTTP


def request(
    host: str,
    method: str,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    conn: http.client.HTTPConnection | None = None,
    timeout: float = 60,
) -> tuple[int, http.client.HTTPMessage, bytes]:
    """One request; with ``conn`` on that (kept-alive) connection."""
    own = conn is None
    if conn is None:
        conn = http.client.HTTPConnection(host, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        return response.status, response.headers, data
    finally:
        if own:
            conn.close()


def cookies_from(headers: http.client.HTTPMessage) -> dict[str, str]:
    """name → value of the response's Set-Cookie headers."""
    found: dict[str, str] = {}
    for raw in headers.get_all("Set-Cookie") or []:
        name, _sep, rest = raw.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


# --------------------------------------------------------------------------- sessions


def session_for(user: Any) -> str:
    """A logged-in session for ``user``, written through Django's session engine as a login
    would write it; returns the ``sessionid`` cookie's value."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from cchc.accounts.middleware import LOGIN_AT, SEEN_AT

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    # The backend that loads users (django-axes' backend, listed first, only checks logins).
    store[BACKEND_SESSION_KEY] = next(
        b for b in settings.AUTHENTICATION_BACKENDS if "axes" not in b.lower()
    )
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    # The session limits (cchc.accounts.middleware) count from the login.
    store[LOGIN_AT] = store[SEEN_AT] = time.time()
    store.save(must_create=True)
    key: str = store.session_key
    return key


# --------------------------------------------------------------------------- wrk

# Prints wrk's own summary as one JSON line; latency in microseconds.
WRK_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p75_us": %d,' ..
    ' "p90_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f,' ..
    ' "err_connect": %d, "err_read": %d, "err_write": %d, "err_status": %d,' ..
    ' "err_timeout": %d}\\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(75), latency:percentile(90),
    latency:percentile(95), latency:percentile(99), latency.max, latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


@dataclasses.dataclass(frozen=True)
class WrkResult:
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    errors: int  # connect, read, write, timeout and non-2xx/3xx answers

    @classmethod
    def parse(cls, output: str) -> WrkResult:
        line = next((ln for ln in output.splitlines() if ln.startswith("WRKJSON ")), None)
        if line is None:
            raise RuntimeError(f"wrk printed no summary:\n{output[-2000:]}")
        data = json.loads(line.removeprefix("WRKJSON "))
        seconds = data["duration_us"] / 1e6
        errors = sum(
            data[k] for k in ("err_connect", "err_read", "err_write", "err_status", "err_timeout")
        )
        return cls(
            requests=data["requests"],
            seconds=seconds,
            rps=data["requests"] / seconds if seconds else 0.0,
            p50_ms=data["p50_us"] / 1000,
            p95_ms=data["p95_us"] / 1000,
            p99_ms=data["p99_us"] / 1000,
            max_ms=data["max_us"] / 1000,
            errors=errors,
        )


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise RuntimeError(
            "wrk is missing: `scripts/bench pages` installs it (or: apt-get install -y wrk)"
        )
    return found


def wrk_command(
    url: str,
    *,
    lua: Path,
    seconds: float,
    connections: int,
    threads: int,
    cookie: str | None,
) -> list[str]:
    command = [
        wrk_binary(),
        f"-t{threads}",
        f"-c{max(connections, threads)}",
        f"-d{max(1, round(seconds))}s",
        "--timeout", "10s",
        "--latency",
        "-s", str(lua),
    ]  # fmt: skip
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    return [*command, url]


def run_wrk(
    url: str, *, lua: Path, seconds: float, connections: int, threads: int, cookie: str | None
) -> WrkResult:
    command = wrk_command(
        url, lua=lua, seconds=seconds, connections=connections, threads=threads, cookie=cookie
    )
    out = subprocess.run(command, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"wrk failed ({out.returncode}): {out.stderr.strip()}")
    return WrkResult.parse(out.stdout)


@contextlib.contextmanager
def background_wrk(
    urls: Sequence[tuple[str, str | None]], *, lua: Path, connections: int, threads: int
) -> Iterator[list[WrkResult]]:
    """wrk on each (url, cookie) until the block ends (stopped with SIGINT, which makes wrk
    print its summary); the list fills with their results after the block."""
    processes = []
    for url, cookie in urls:
        command = wrk_command(
            url, lua=lua, seconds=3600, connections=connections, threads=threads, cookie=cookie
        )
        processes.append(
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        )
    results: list[WrkResult] = []
    try:
        yield results
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for process in processes:
            try:
                stdout, _stderr = process.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                stdout, _stderr = process.communicate()
            with contextlib.suppress(RuntimeError):
                results.append(WrkResult.parse(stdout))


# --------------------------------------------------------------------------- figures


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0–100), nearest rank, as wrk reports them."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, round(q / 100 * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine() -> dict[str, Any]:
    try:
        load = os.getloadavg()
    except OSError:
        load = (0.0, 0.0, 0.0)
    return {
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in load],
    }


def write_results(kind: str, payload: dict[str, Any], out: Path | None) -> Path:
    if out is None:
        RESULTS.mkdir(parents=True, exist_ok=True)
        out = RESULTS / f"{kind}-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}.json"
    out.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str), "utf-8")
    shown = out.relative_to(ROOT) if out.is_relative_to(ROOT) else out
    log(f"{kind} results written to {shown}")
    return out


def temp_workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="cchc-bench-web-"))
