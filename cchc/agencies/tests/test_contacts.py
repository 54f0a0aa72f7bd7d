"""The people reminders go to who have no account (``Contact``): the secretariat adds, stops
and resumes them on the agency's page and in the admin; nobody else may."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from cchc.accounts.actions import add_member
from cchc.accounts.models import Role
from cchc.agencies.actions import AgencyError, add_contact, set_contact_active
from cchc.agencies.models import Agency, Contact, ContactChange

pytestmark = pytest.mark.django_db


def member(username: str, role: str, code: str) -> User:
    user = User.objects.create_user(username, f"{username}@example.org", None)
    add_member(user=user, agency=Agency.objects.get(code=code), role=role, by=None)
    return user


@pytest.fixture
def agency(mini_registry: None) -> Agency:
    return Agency.objects.get(code="bg.so-tu-phap")


def as_user(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_add_stop_and_resume_a_contact(agency):
    contact = add_contact(
        agency=agency, name=" Chị Lan ", email="Lan@STP.example.vn", role="focal_point", by=None
    )
    assert (contact.name, contact.email, contact.active) == ("Chị Lan", "lan@stp.example.vn", True)
    set_contact_active(contact=contact, active=False, by=None)
    assert not Contact.objects.get(pk=contact.pk).active
    again = add_contact(
        agency=agency,
        name="Chị Lan (văn thư)",
        email="lan@stp.example.vn",
        role="focal_point",
        by=None,
    )
    assert again.pk == contact.pk and again.active and again.name == "Chị Lan (văn thư)"
    with pytest.raises(AgencyError):
        add_contact(agency=agency, name="", email="x@example.org", role="head", by=None)
    with pytest.raises(AgencyError):
        add_contact(agency=agency, name="X", email="x@example.org", role="king", by=None)


def test_the_secretariat_edits_contacts_on_a_page(agency):
    snv = member("snv-staff", Role.SECRETARIAT, "bg.so-noi-vu")
    focal = member("focal-tp", Role.FOCAL_POINT, "bg.so-tu-phap")
    client = as_user(snv)
    path = reverse("agencies:contacts", args=[agency.pk])
    detail = client.get(agency.get_absolute_url()).content.decode()
    assert path in detail
    page = client.get(path).content.decode()
    assert "focal-tp@example.org" in page  # the members reminders go to are listed
    response = client.post(
        path, {"name": "Anh Hùng", "email": "hung@stp.example.vn", "role": "head"}
    )
    assert response.status_code == 302
    contact = Contact.objects.get(agency=agency)
    assert (contact.role, contact.email) == ("head", "hung@stp.example.vn")
    bad = client.post(path, {"name": "Anh Hùng", "email": "not-an-address", "role": "head"})
    assert bad.status_code == 400 and b"not-an-address" in bad.content
    stop = reverse("agencies:contact_active", args=[agency.pk, contact.pk])
    client.post(stop, {"active": "0"})
    assert not Contact.objects.get(pk=contact.pk).active
    client.post(stop, {"active": "1"})
    assert Contact.objects.get(pk=contact.pk).active
    # A focal point may not.
    refused = as_user(focal)
    assert refused.get(path).status_code == 403
    assert (
        refused.post(path, {"name": "X", "email": "x@example.org", "role": "head"}).status_code
        == 403
    )
    assert refused.post(stop, {"active": "0"}).status_code == 403
    assert path not in refused.get(agency.get_absolute_url()).content.decode()


def test_contacts_in_the_admin(agency):
    root = User.objects.create_superuser("root", "root@example.org", None)
    client = as_user(root)
    assert client.get(reverse("admin:agencies_contact_changelist")).status_code == 200
    response = client.post(
        reverse("admin:agencies_contact_add"),
        {
            "agency": agency.pk,
            "name": "Chị Lan",
            "email": "lan@stp.example.vn",
            "role": "focal_point",
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert Contact.objects.filter(agency=agency, email="lan@stp.example.vn").exists()
    assert client.get(reverse("admin:agencies_agency_change", args=[agency.pk])).status_code == 200


def test_every_contact_change_writes_history_shown_on_the_page(agency):
    snv = member("snv-hist", Role.SECRETARIAT, "bg.so-noi-vu")
    client = as_user(snv)
    path = reverse("agencies:contacts", args=[agency.pk])
    client.post(path, {"name": "Anh Hùng", "email": "hung@stp.example.vn", "role": "head"})
    contact = Contact.objects.get(agency=agency)
    stop = reverse("agencies:contact_active", args=[agency.pk, contact.pk])
    client.post(stop, {"active": "0"})
    client.post(path, {"name": "Anh Hùng (PGĐ)", "email": "hung@stp.example.vn", "role": "head"})
    history = list(
        ContactChange.objects.filter(agency=agency)
        .order_by("at", "pk")
        .values_list("action", "actor__username")
    )
    assert history == [("added", "snv-hist"), ("stopped", "snv-hist"), ("resumed", "snv-hist")]
    last = ContactChange.objects.filter(agency=agency).order_by("at", "pk").last()
    assert last is not None
    assert last.changes["name"] == {"from": "Anh Hùng", "to": "Anh Hùng (PGĐ)"}
    page = client.get(path).content.decode()
    section = page.split('id="contact-history"', 1)[1]
    assert section.count("<li") == 3 and "Anh Hùng (PGĐ)" in section
    # Unchanged: no history row.
    add_contact(
        agency=agency, name="Anh Hùng (PGĐ)", email="hung@stp.example.vn", role="head", by=snv
    )
    assert ContactChange.objects.filter(agency=agency).count() == 3
