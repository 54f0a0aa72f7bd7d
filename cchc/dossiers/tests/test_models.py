import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from cchc.dossiers.models import Channel, Dossier, Level

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


def _dossier(code: str = "H1", **kw: object) -> Dossier:
    values: dict[str, object] = {
        "code": code,
        "procedure_code": "1.001",
        "level": Level.PROVINCE,
        "channel": Channel.ONLINE,
        "received_at": T0,
    }
    values.update(kw)
    return Dossier.objects.create(**values)


def test_province_code_defaults_to_setting(settings: object) -> None:
    assert _dossier().province_code == "24"


def test_code_unique_within_province() -> None:
    _dossier()
    _dossier(province_code="27")
    with pytest.raises(IntegrityError), transaction.atomic():
        _dossier()


def test_finished_not_before_received() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        _dossier(finished_at=T0 - dt.timedelta(days=1))
