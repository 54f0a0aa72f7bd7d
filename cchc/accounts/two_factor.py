"""Two-factor login (TOTP, django-otp): who needs it, enrolment, the code check, the reset.

Administrators (superusers and administrator memberships) and the secretariat must use it;
anyone else may. A user with a confirmed authenticator app is asked for its code after the
password; a user who must use it and has none is sent to enrolment after the password. Until
the code is given the session is not logged in (``begin_login`` keeps only who passed the
password, for ``PENDING_MINUTES``), so pages and the API answer as to anybody not logged in.

Enrolment (``start_enrolment`` → ``confirm_enrolment``) makes an unconfirmed TOTP device,
shown as a QR code and its secret, and confirms it with a first valid code; ten backup codes
(django-otp's static device) are made then and shown once. ``reset_two_factor`` (admin
action) deletes a user's devices. Each change is recorded in the security log.
"""

from __future__ import annotations

import time
from base64 import b32encode, b64encode
from dataclasses import dataclass
from typing import Any

import qrcode
import qrcode.image.svg
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.http import HttpRequest
from django_otp import match_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cchc.accounts import permissions, security_log
from cchc.accounts.models import SecurityEventKind

# How long a password that was right waits for its code.
PENDING_MINUTES = 5
PENDING = "cchc_2fa_pending"
# The session's note of how the login ended: "verified" (with a code) or "password".
METHOD = "cchc_login_method"
BACKUP_CODES = 10
APP_NAME = "CCHC"


def requires_two_factor(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Administrators and the secretariat must log in with a code."""
    return permissions.is_administrator(user) or permissions.is_secretariat(user)


def has_two_factor(user: AbstractBaseUser | AnonymousUser) -> bool:
    return (
        user.pk is not None and TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()
    )


def secret_of(device: TOTPDevice) -> str:
    """The key as the authenticator apps take it by hand (base32, groups of four)."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    """The device's ``otpauth://`` address as an SVG QR code (no imaging library) in a
    ``data:`` address for an ``<img>``: the Content Security Policy allows ``data:`` images,
    not the inline styles of an SVG written into the page."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    svg: bytes = image.to_string()
    return "data:image/svg+xml;base64," + b64encode(svg).decode("ascii")


def start_enrolment(*, user: User) -> TOTPDevice:
    """The user's unconfirmed authenticator device (made if there is none): shown until a
    first valid code confirms it."""
    with transaction.atomic():
        User.objects.select_for_update().get(pk=user.pk)
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)
    return device


def _new_backup_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def confirm_enrolment(
    *, user: User, code: str, request: HttpRequest | None = None
) -> list[str] | None:
    """Confirm the user's pending authenticator with ``code``; the backup codes (shown once),
    or None if the code is wrong. Any earlier authenticator and backup codes are replaced."""
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=False)
            .order_by("pk")
            .first()
        )
        if device is None or not device.verify_token(_clean(code)):
            return None
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_backup_codes(user)
        security_log.record(SecurityEventKind.TWO_FACTOR_ENROLLED, user=user, request=request)
    return codes


@dataclass(frozen=True, slots=True)
class Enrolled:
    secret: str
    backup_codes: list[str]


def enrol_directly(*, user: User, reason: str) -> Enrolled:
    """Give ``user`` a confirmed authenticator and backup codes without a first code (the
    demo users of ``cchc demo``, whose secret is printed once); replaces any earlier ones."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=True)
        codes = _new_backup_codes(user)
        security_log.record(SecurityEventKind.TWO_FACTOR_ENROLLED, user=user, reason=reason)
    return Enrolled(secret=secret_of(device), backup_codes=codes)


def reset_two_factor(
    *, user: User, by: AbstractBaseUser | AnonymousUser | None, request: HttpRequest | None = None
) -> int:
    """Delete the user's authenticators and backup codes (lost phone); how many devices. A
    user who must use two-factor login is sent to enrolment at the next login."""
    with transaction.atomic():
        totp, _by_model = TOTPDevice.objects.filter(user=user).delete()
        static = StaticDevice.objects.filter(user=user).count()
        StaticDevice.objects.filter(user=user).delete()
        security_log.record(
            SecurityEventKind.TWO_FACTOR_RESET,
            user=by if isinstance(by, User) else None,
            request=request,
            target=user.get_username(),
            devices=totp + static,
        )
    return int(totp + static)


def _clean(code: str) -> str:
    return "".join(code.split()).lower()


def check_code(*, user: User, code: str) -> Device | None:
    """The confirmed device (authenticator or backup code) that accepts ``code``; a backup
    code is used up. django-otp throttles repeated wrong codes per device."""
    cleaned = _clean(code)
    if not cleaned:
        return None
    device: Device | None = match_token(user, cleaned)
    return device


# -- the login in two steps --------------------------------------------------------------------


def begin_login(request: HttpRequest, *, user: User, next_url: str) -> None:
    """Remember that ``user`` gave the right password; the session stays logged out."""
    request.session[PENDING] = {
        "user": user.pk,
        "backend": getattr(user, "backend", ""),
        "at": time.time(),
        "next": next_url,
    }


def pending(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    """Who passed the password in this session and still owes the code, if not too long ago."""
    data = request.session.get(PENDING)
    if not isinstance(data, dict):
        return None
    if time.time() - float(data.get("at", 0)) > PENDING_MINUTES * 60:
        request.session.pop(PENDING, None)
        return None
    user_id = data.get("user")
    if not isinstance(user_id, int):
        request.session.pop(PENDING, None)
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        request.session.pop(PENDING, None)
        return None
    return user, data
