"""The settings read from the environment: the deploy check is clean in a production-like
environment, the defaults still serve plain http://127.0.0.1, and a weak secret key (or
fallback key) stops the process with a message naming its variable."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from cchc.conftest import REPO_ROOT


def _environment(tmp_path: Path, **variables: str) -> dict[str, str]:
    """The process environment without the test run's own variables, plus these."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    env.pop("DATABASE_URL", None)
    # Set by the browser tests' fixture in this process; never in a deployment.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update({"DJANGO_SETTINGS_MODULE": "cchc.settings", "CCHC_DATA_DIR": str(tmp_path)})
    env.update(variables)
    return env


def _settings(tmp_path: Path, names: list[str], **variables: str) -> dict[str, Any]:
    """The named settings as a fresh process started with these variables reads them."""
    code = (
        "import json, sys\n"
        "from django.conf import settings\n"
        "names = sys.argv[1:]\n"
        "print(json.dumps({n: getattr(settings, n, None) for n in names}, default=list))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *names],
        env=_environment(tmp_path, **variables),
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _refused(tmp_path: Path, **variables: str) -> str:
    """The error with which loading the settings stops."""
    done = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; settings.SECRET_KEY"],
        env=_environment(tmp_path, **variables),
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0, "the settings loaded"
    assert "ImproperlyConfigured" in done.stderr, done.stderr
    return done.stderr.strip().splitlines()[-1]


def strong_key() -> str:
    return secrets.token_urlsafe(50)


PRODUCTION = {
    "CCHC_DEBUG": "0",
    "CCHC_ALLOWED_HOSTS": "cchc.example.gov.vn",
    "CCHC_CSRF_TRUSTED_ORIGINS": "https://cchc.example.gov.vn",
    "CCHC_SECURE_COOKIES": "1",
    "CCHC_SSL_REDIRECT": "1",
    "CCHC_HSTS_SECONDS": "31536000",
    "CCHC_HSTS_INCLUDE_SUBDOMAINS": "1",
    "CCHC_HSTS_PRELOAD": "1",
    "CCHC_BEHIND_PROXY": "1",
}


def test_the_deploy_check_is_clean_in_a_production_like_environment(tmp_path: Path):
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=_environment(tmp_path, CCHC_SECRET_KEY=strong_key(), **PRODUCTION),
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "WARNINGS" not in output and "security.W" not in output
    assert "System check identified no issues" in output


def test_production_variables_become_the_https_settings(tmp_path: Path):
    names = [
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
    ]
    values = _settings(tmp_path, names, CCHC_SECRET_KEY=strong_key(), **PRODUCTION)
    assert values == {
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
    }


def test_the_defaults_serve_plain_http_on_loopback(tmp_path: Path):
    """scripts/run sets only the key: no redirect to HTTPS, no HSTS, cookies without Secure,
    and no proxy header anyone could send to claim HTTPS."""
    names = [
        "SECURE_HSTS_SECONDS",
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
    ]
    values = _settings(tmp_path, names, CCHC_SECRET_KEY=strong_key())
    assert values == {
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_SSL_REDIRECT": False,
        "SECURE_PROXY_SSL_HEADER": None,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "CSRF_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
    }


def test_a_bad_hsts_value_names_its_variable(tmp_path: Path):
    error = _refused(tmp_path, CCHC_SECRET_KEY=strong_key(), CCHC_HSTS_SECONDS="a year")
    assert "CCHC_HSTS_SECONDS" in error


@pytest.mark.parametrize(
    ("key", "why"),
    [
        ("django-insecure-" + secrets.token_urlsafe(50), "django-insecure-"),
        (secrets.token_urlsafe(30), "too short"),
        ("ab" * 30, "too few distinct characters"),
    ],
    ids=["django-insecure", "short", "few-distinct"],
)
def test_a_weak_secret_key_is_refused_at_start(tmp_path: Path, key: str, why: str):
    error = _refused(tmp_path, CCHC_SECRET_KEY=key)
    assert "CCHC_SECRET_KEY" in error and why in error
    assert key not in error  # the message never repeats the key


def test_a_weak_fallback_key_is_refused_too(tmp_path: Path):
    error = _refused(
        tmp_path,
        CCHC_SECRET_KEY=strong_key(),
        CCHC_SECRET_KEY_FALLBACKS=f"{strong_key()},short-old-key",
    )
    assert "CCHC_SECRET_KEY_FALLBACKS (key 2)" in error and "too short" in error


def test_the_fallback_keys_come_from_the_environment(tmp_path: Path):
    old, older = strong_key(), strong_key()
    values = _settings(
        tmp_path,
        ["SECRET_KEY_FALLBACKS"],
        CCHC_SECRET_KEY=strong_key(),
        CCHC_SECRET_KEY_FALLBACKS=f"{old}, {older}",
    )
    assert values == {"SECRET_KEY_FALLBACKS": [old, older]}


def test_the_key_scripts_run_generates_passes(tmp_path: Path):
    """The command scripts/run writes var/.env with, run as it is written there."""
    script = (REPO_ROOT / "scripts" / "run").read_text()
    found = re.search(r"python\" -c '([^']+)'", script)
    assert found, "scripts/run no longer generates the key with python -c '…'"
    key = subprocess.run(
        [sys.executable, "-c", found.group(1)], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert _settings(tmp_path, ["SECRET_KEY"], CCHC_SECRET_KEY=key) == {"SECRET_KEY": key}


def test_a_session_signed_with_the_old_key_survives_rotation(
    client: Client, reader: User, settings: Any
):
    old, new = strong_key(), strong_key()
    settings.SECRET_KEY = old
    away = Client()  # a second session that sleeps through the rotation
    client.force_login(reader)
    away.force_login(reader)
    page = reverse("reporting:mine")
    assert client.get(page).status_code == 200

    # Rotated: the new key signs, the old one is a fallback; the user stays logged in (and
    # Django re-signs the session's hash with the new key).
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = new, [old]
    assert client.get(page).status_code == 200

    # Once the old key is dropped, a session still signed with it no longer counts; the one
    # used during the rotation does.
    settings.SECRET_KEY_FALLBACKS = []
    response = away.get(page)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(page).status_code == 200
