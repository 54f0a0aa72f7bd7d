"""The part every history model shares (``cchc.core.history``): who and when, kept when the
account goes, oldest first; whom an action records; the named check of a choice column."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser, User
from django.db import IntegrityError, models, transaction

from cchc.agencies.actions import add_contact
from cchc.agencies.models import Agency, AgencyLevel, ContactChange
from cchc.core.history import HistoryRow, actor_of

pytestmark = pytest.mark.django_db

HISTORY_MODELS = {
    "accounts.MembershipChange",
    "agencies.AssignmentChange",
    "agencies.ContactChange",
    "agencies.RegistryConfirmation",
    "documents.OfficialReportChange",
    "dossiers.ProcedureTimeChange",
    "indicators.IndicatorChange",
    "indicators.TargetChange",
    "opendata.Publication",
    "reporting.ReportTransition",
    "scheduling.PeriodRuleChange",
    "scheduling.DeadlineRuleChange",
    "scheduling.CalendarDayChange",
    "scheduling.GenerationRun",
}


@pytest.fixture
def agency() -> Agency:
    return Agency.objects.create(code="test.so-a", name="Sở A", level=AgencyLevel.DEPARTMENT)


def test_the_history_models_share_who_and_when():
    found = {m._meta.label for m in apps.get_models() if issubclass(m, HistoryRow)}
    assert found == HISTORY_MODELS
    for label in HISTORY_MODELS:
        model = apps.get_model(label)
        actor = model._meta.get_field("actor")
        assert isinstance(actor, models.ForeignKey) and actor.null
        assert actor.remote_field.on_delete is models.SET_NULL
        assert actor.related_model is User
        assert model._meta.get_field("at").column == "at"
        assert model._meta.ordering, label  # every one says its order


def test_a_row_outlives_its_actor_and_reads_oldest_first(agency):
    user = User.objects.create_user("lan", "lan@example.org", None)
    contact = add_contact(agency=agency, name="Chị Lan", email="lan@a.vn", role="head", by=user)
    add_contact(agency=agency, name="Anh Nam", email="nam@a.vn", role="head", by=None)
    first = ContactChange.objects.get(contact=contact)
    assert first.actor == user and first.at is not None
    user.delete()
    first.refresh_from_db()
    assert first.actor is None  # the row stays, by nobody
    # ContactChange reads newest first; a model keeping HistoryRow's order reads oldest first.
    assert list(ContactChange.objects.values_list("email", flat=True)) == ["nam@a.vn", "lan@a.vn"]
    assert HistoryRow._meta.ordering == ["at", "pk"]


def test_actor_of_records_accounts_only():
    user = User.objects.create_user("lan", "lan@example.org", None)
    assert actor_of(user) == user
    assert actor_of(AnonymousUser()) is None
    assert actor_of(None) is None


def test_one_of_names_and_enforces_the_check(agency):
    names = {c.name for c in ContactChange._meta.constraints}
    assert "agencies_contactchange_action_valid" in names
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactChange.objects.create(agency=agency, email="x@a.vn", role="head", action="bogus")
