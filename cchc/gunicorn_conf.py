"""gunicorn's settings for CCHC: ``gunicorn -c python:cchc.gunicorn_conf cchc.wsgi``.

gunicorn writes ``Server: gunicorn`` on every response and has no setting to leave it out;
the header tells an attacker which server to try, and nothing to anyone else. This file, read
by the master before it starts its workers, drops that one line from the headers gunicorn
writes itself. Everything else is gunicorn's default or given on the command line.
"""

from __future__ import annotations

from gunicorn.http import wsgi  # type: ignore[import-untyped]

_default_headers = wsgi.Response.default_headers


def _without_server(self: object) -> list[str]:
    lines: list[str] = _default_headers(self)
    return [line for line in lines if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _without_server

# -- Sizing from the environment (docs/deployment.md); the command line still wins. --------
import multiprocessing  # noqa: E402
import os  # noqa: E402


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SystemExit(f"{name}={raw!r} is not an integer.") from exc


def default_workers(cpus: int) -> int:
    """gunicorn's rule of thumb: two workers per CPU and one more (at most 12)."""
    return min(2 * cpus + 1, 12)


# CCHC_WEB_WORKERS=0 (the default): sized to this machine.
workers = _int("CCHC_WEB_WORKERS", 0) or default_workers(multiprocessing.cpu_count())
bind = os.environ.get("CCHC_BIND", "127.0.0.1:8000")
# A request running longer than this is stopped (its worker replaced).
timeout = _int("CCHC_WEB_TIMEOUT", 60)
graceful_timeout = 30
# Seconds an idle connection is kept open. Behind the proxy (deploy/nginx/cchc.conf keeps up
# to 16 connections open to gunicorn, `keepalive_timeout 60s` in its upstream) this must be
# LONGER than the proxy's: gunicorn's default (2 s) closed connections nginx was about to reuse,
# and a POST sent on one at that moment failed with 502 (nginx does not send a POST again).
keepalive = _int("CCHC_WEB_KEEPALIVE", 75)
# Each worker serves a few requests at once in threads (uploads, slow clients behind no proxy).
threads = _int("CCHC_WEB_THREADS", 2)
# Workers are replaced now and then, so that a slow leak never grows for months; not often,
# since a new worker starts with empty caches (plan trees, dashboards' figures, the schedule):
# at 2,000 requests a worker under a deadline's load (~150 req/s) restarted every 15 s and the
# pages benchmark measured mostly cold workers. 20,000 is hours of a province's daily traffic.
max_requests = _int("CCHC_WEB_MAX_REQUESTS", 20000)
max_requests_jitter = max_requests // 10
# Access log to stdout (the journal under systemd), errors to stderr.
accesslog = "-"
errorlog = "-"
# Behind the reverse proxy on the same machine: believe its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("CCHC_FORWARDED_ALLOW_IPS", "127.0.0.1")
