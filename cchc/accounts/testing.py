"""Test helpers for logging in through the browser as a user who must give a two-factor code.
Imported by tests only."""

from __future__ import annotations

import base64
import re
from typing import Any

from django.contrib.auth.models import User
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

_STEP = re.compile(r"/accounts/(login/code|two-factor)/")


def fresh_backup_code(user: User) -> str:
    """A new backup code for ``user`` (a real one, used up by the login)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="backup", defaults={"confirmed": True}
    )
    token = StaticToken.random_token()
    device.token_set.create(token=token)
    return str(token)


def pass_two_factor(page: Any, username: str, then: re.Pattern[str]) -> None:
    """After the password was sent in a Playwright ``page``: if the login asks for two-factor
    enrolment, enrol with the code computed from the secret shown on the page; if it asks for
    the code, give a backup code. Returns once the page is at ``then`` (or was already)."""
    page.wait_for_url(lambda url: bool(_STEP.search(url) or then.search(url)))
    if "/accounts/two-factor/" in page.url:
        secret = page.locator("#two-factor-secret").inner_text().replace(" ", "")
        key = base64.b32decode(secret + "=" * (-len(secret) % 8))
        page.locator("#id_code").fill(f"{totp(key):06d}")
        page.locator("#two-factor-setup button[type=submit]").click()
        page.locator("#continue").click()
    elif "/accounts/login/code/" in page.url:
        page.locator("#id_code").fill(fresh_backup_code(User.objects.get(username=username)))
        page.locator("#two-factor-login button[type=submit]").click()
    page.wait_for_url(then)
