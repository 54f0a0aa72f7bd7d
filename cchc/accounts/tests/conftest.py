from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User

from cchc.accounts.actions import add_member
from cchc.accounts.models import Role
from cchc.agencies.models import Agency, AgencyLevel


@pytest.fixture
def noi_vu(db: None) -> Agency:
    return Agency.objects.create(
        code="t.so-noi-vu", name="Sở Nội vụ (thử)", level=AgencyLevel.DEPARTMENT
    )


@pytest.fixture
def tu_phap(db: None) -> Agency:
    return Agency.objects.create(
        code="t.so-tu-phap", name="Sở Tư pháp (thử)", level=AgencyLevel.DEPARTMENT
    )


@pytest.fixture
def tai_chinh(db: None) -> Agency:
    return Agency.objects.create(
        code="t.so-tai-chinh", name="Sở Tài chính (thử)", level=AgencyLevel.DEPARTMENT
    )


@pytest.fixture
def ubnd(db: None) -> Agency:
    return Agency.objects.create(code="t.ubnd", name="UBND tỉnh (thử)", level=AgencyLevel.PROVINCE)


MakeMember = Callable[[str, str, Agency], User]


@pytest.fixture
def make_member(db: None) -> MakeMember:
    def make(username: str, role: str, agency: Agency) -> User:
        # No password: hashing with Argon2 is slow on purpose; login tests set one.
        user, _created = User.objects.get_or_create(username=username)
        add_member(user=user, agency=agency, role=role, by=None)
        return User.objects.get(pk=user.pk)

    return make


@pytest.fixture
def people(
    make_member: MakeMember, noi_vu: Agency, tu_phap: Agency, tai_chinh: Agency, ubnd: Agency
) -> dict[str, User]:
    """One person per role; the focal point and head are of Sở Tư pháp."""
    admin = User.objects.create_superuser("root", "root@example.org", None)
    return {
        "secretariat": make_member("secretariat", Role.SECRETARIAT, noi_vu),
        "focal": make_member("focal", Role.FOCAL_POINT, tu_phap),
        "head": make_member("head", Role.HEAD, tu_phap),
        "leader": make_member("leader", Role.LEADER, ubnd),
        "admin": admin,
        "nobody": User.objects.create_user("nobody", "nobody@example.org", None),
    }
