"""``cchc demo``: demo users for every role, to try the application. ``--remove`` deletes them.

The users are named ``demo-…`` and marked "[DEMO]"; each gets a new random password, printed
once here and stored nowhere else. Running it again resets the passwords. The agencies come
from the registry (``cchc agencies load``); the plain run never creates accounts.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts.actions import add_member
from cchc.accounts.models import Membership, Role
from cchc.agencies.models import Agency

PREFIX = "demo-"


@dataclass(frozen=True, slots=True)
class DemoUser:
    username: str
    role: str
    agency_codes: tuple[str, ...]  # the first one valid today is used
    description: str


# After the 2025 merger of Bắc Giang into Bắc Ninh the "bn." agencies carry the work; the
# "bg." ones are for a registry without it.
SO_NOI_VU = ("bn.so-noi-vu", "bg.so-noi-vu")
SO_TU_PHAP = ("bn.so-tu-phap", "bg.so-tu-phap")
SO_TAI_CHINH = ("bn.so-tai-chinh", "bg.so-tai-chinh")
UBND_TINH = ("bn.ubnd-tinh", "bg.ubnd-tinh")

DEMO_USERS = (
    DemoUser("demo-secretariat", Role.SECRETARIAT, SO_NOI_VU, "PAR secretariat"),
    DemoUser("demo-focal-tu-phap", Role.FOCAL_POINT, SO_TU_PHAP, "Focal point, Justice"),
    DemoUser("demo-head-tu-phap", Role.HEAD, SO_TU_PHAP, "Head, Justice"),
    DemoUser("demo-focal-tai-chinh", Role.FOCAL_POINT, SO_TAI_CHINH, "Focal point, Finance"),
    DemoUser("demo-leader", Role.LEADER, UBND_TINH, "Provincial leader"),
    DemoUser("demo-admin", Role.ADMINISTRATOR, SO_NOI_VU, "Administrator"),
)


def _agency(codes: tuple[str, ...]) -> Agency | None:
    today = timezone.localdate()
    found = {a.code: a for a in Agency.objects.filter(code__in=codes)}
    valid = [found[c] for c in codes if c in found and found[c].is_valid_on(today)]
    if valid:
        return valid[0]
    return next((found[c] for c in codes if c in found), None)


class Command(BaseCommand):
    help = _(
        "Create (or reset) demo users for every role, printing their one-time passwords; "
        "--remove deletes them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--remove", action="store_true", help=_("Delete every demo user (demo-…).")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["remove"]:
            demo_users = User.objects.filter(username__startswith=PREFIX)
            count = demo_users.count()
            demo_users.delete()
            self.stdout.write(_("Demo users removed: %(count)s.") % {"count": count})
            return
        agencies = {demo.username: _agency(demo.agency_codes) for demo in DEMO_USERS}
        missing = sorted({d.agency_codes[0] for d in DEMO_USERS if agencies[d.username] is None})
        if missing:
            raise CommandError(
                _(
                    "The agency registry is not loaded (missing: %(codes)s). "
                    "Run `cchc agencies load` first."
                )
                % {"codes": ", ".join(missing)}
            )
        passwords: list[tuple[DemoUser, Agency, str]] = []
        with transaction.atomic():
            for demo in DEMO_USERS:
                agency = agencies[demo.username]
                assert agency is not None
                password = secrets.token_urlsafe(12)
                user, _created = User.objects.get_or_create(username=demo.username)
                user.first_name = "[DEMO]"
                user.last_name = demo.description
                user.email = f"{demo.username}@demo.invalid"
                user.is_active = True
                user.set_password(password)
                user.save()
                held = Membership.objects.active().filter(user=user, agency=agency, role=demo.role)
                if not held.exists():
                    add_member(
                        user=user,
                        agency=agency,
                        role=demo.role,
                        by=None,
                        reason=_("Demo data (cchc demo)"),
                    )
                passwords.append((demo, agency, password))
        self.stdout.write(
            self.style.WARNING(
                _(
                    "DEMO users (passwords are shown only now; run `cchc demo` again to reset "
                    "them, `cchc demo --remove` to delete the demo users):"
                )
            )
        )
        for demo, agency, password in passwords:
            self.stdout.write(
                f"  {demo.username:<22} {password:<18} {Role(demo.role).label!s} · {agency}"
            )
