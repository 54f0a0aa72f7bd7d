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
