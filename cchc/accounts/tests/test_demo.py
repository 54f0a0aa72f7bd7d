from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from cchc.accounts import permissions as perms
from cchc.accounts.management.commands.demo import DEMO_USERS
from cchc.accounts.models import Membership, MembershipChange
from cchc.agencies.registry import load_registry

pytestmark = pytest.mark.django_db

DEMO_NAMES = {demo.username for demo in DEMO_USERS}


@pytest.fixture
def registry() -> None:
    load_registry()


def _demo() -> dict[str, str]:
    out = StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    assert "DEMO" in text
    return dict(re.findall(r"^\s+(demo-[\w-]+)\s+(\S+)", text, flags=re.MULTILINE))


def test_demo_refuses_without_the_registry():
    with pytest.raises(CommandError, match="cchc agencies load"):
        call_command("demo", stdout=StringIO())
    assert not User.objects.exists()


def test_demo_creates_every_role_with_printed_passwords(registry):
    passwords = _demo()
    assert set(passwords) == DEMO_NAMES
    assert {"demo-secretariat", "demo-focal-tu-phap", "demo-head-tu-phap", "demo-leader"} <= set(
        passwords
    )
    assert len(set(passwords.values())) == len(passwords)  # each its own
    for username, password in passwords.items():
        user = authenticate(None, username=username, password=password)
        assert user is not None, username
        assert user.password.startswith("argon2")
        assert user.first_name == "[DEMO]"
    secretariat = User.objects.get(username="demo-secretariat")
    focal = User.objects.get(username="demo-focal-tu-phap")
    other_focal = User.objects.get(username="demo-focal-tai-chinh")
    assert perms.is_secretariat(secretariat)
    assert perms.is_leader(User.objects.get(username="demo-leader"))
    assert User.objects.get(username="demo-admin").is_superuser
    (tu_phap,) = perms.agencies_of(focal)
    assert perms.can_file_for(focal, tu_phap)
    assert not perms.can_see_agency(other_focal, tu_phap)
    assert perms.can_sign_off_for(User.objects.get(username="demo-head-tu-phap"), tu_phap)


def test_demo_is_idempotent_and_resets_passwords(registry):
    first = _demo()
    memberships = Membership.objects.count()
    second = _demo()
    assert set(second) == set(first)
    assert all(first[name] != second[name] for name in first)
    assert Membership.objects.count() == memberships
    assert MembershipChange.objects.count() == memberships
    for username, password in first.items():
        assert authenticate(None, username=username, password=password) is None
    for username, password in second.items():
        assert authenticate(None, username=username, password=password) is not None


def test_demo_remove_deletes_every_demo_user_and_no_one_else(registry, reader):
    _demo()
    User.objects.create_user("demo-extra")
    out = StringIO()
    call_command("demo", "--remove", stdout=out)
    assert not User.objects.filter(username__startswith="demo-").exists()
    assert User.objects.filter(username="reader").exists()
    assert not Membership.objects.exists()


def test_passwords_are_not_written_in_the_code():
    from pathlib import Path

    import cchc.accounts.management.commands.demo as module

    source = Path(module.__file__).read_text()
    assert "secrets.token_urlsafe" in source
    assert "set_password(password)" in source
