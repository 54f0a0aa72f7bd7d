from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from cchc.dossiers.actions import authenticate_token
from cchc.dossiers.models import IngestToken

pytestmark = pytest.mark.django_db


def test_administrator_creates_a_token_shown_once_and_revokes_it(superuser: Any) -> None:
    client = Client()
    client.force_login(superuser)
    response = client.post(
        reverse("admin:dossiers_ingesttoken_add"), {"name": "Một cửa xã A"}, follow=True
    )
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    token = IngestToken.objects.get(name="Một cửa xã A")
    plain = next(m for m in shown if "Một cửa xã A" in m).rsplit(": ", 1)[1]
    assert authenticate_token(plain) == token and token.created_by == superuser
    client.post(
        reverse("admin:dossiers_ingesttoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert authenticate_token(plain) is None
    listed = client.get(reverse("admin:dossiers_ingesttoken_changelist")).content.decode()
    assert "Một cửa xã A" in listed and plain not in listed


def test_secretariat_cannot_manage_tokens(importer: Any) -> None:
    client = Client()
    client.force_login(importer)
    response = client.get(reverse("admin:dossiers_ingesttoken_changelist"))
    assert response.status_code in (302, 403)
    assert not IngestToken.objects.exists()
