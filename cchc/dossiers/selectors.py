"""Reads of dossiers for the pages: who sees which (``accounts.permissions``), the list's
filters (``?agency=&procedure=&field=&level=&channel=&from=&to=&state=&ids=``, the names the
service-quality pages link with), a dossier with its events."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import F, Q

from cchc.accounts import permissions
from cchc.accounts.permissions import AnyUser
from cchc.core.validation import query_int
from cchc.dossiers.models import Channel, Dossier, DossierQuerySet, Level

STATES = ("late", "on_time", "open", "no_due")
MAX_IDS = 1_000


@dataclasses.dataclass
class Filters:
    agency_id: int | None = None
    agency_code: str = ""
    procedure: str = ""
    field: str = ""
    level: str = ""
    channel: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    state: str = ""
    ids: list[int] = dataclasses.field(default_factory=list)

    @classmethod
    def read(cls, query: Mapping[str, str]) -> Filters:
        """What the query string names; what names nothing is dropped."""
        found = cls()
        agency = (query.get("agency") or "").strip()[:100]
        if agency.isdigit():
            found.agency_id = query_int(agency)
        else:
            found.agency_code = agency
        found.procedure = (query.get("procedure") or "").strip()[:64]
        found.field = (query.get("field") or "").strip()[:255]
        level = query.get("level") or ""
        found.level = level if level in Level.values else ""
        channel = query_int(query.get("channel"), low=1, high=3)
        found.channel = channel if channel in Channel.values else None
        found.since = _date(query.get("from"))
        found.until = _date(query.get("to"))
        state = query.get("state") or ""
        found.state = state if state in STATES else ""
        raw_ids = (query.get("ids") or "").split(",")[:MAX_IDS]
        found.ids = [n for n in (query_int(part.strip()) for part in raw_ids) if n is not None]
        return found

    def as_query(self) -> dict[str, str]:
        pairs = {
            "agency": str(self.agency_id or self.agency_code or ""),
            "procedure": self.procedure,
            "field": self.field,
            "level": self.level,
            "channel": str(self.channel or ""),
            "from": self.since.isoformat() if self.since else "",
            "to": self.until.isoformat() if self.until else "",
            "state": self.state,
            "ids": ",".join(map(str, self.ids)),
        }
        return {key: value for key, value in pairs.items() if value}


def _date(raw: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((raw or "").strip())
    except ValueError:
        return None


def _start(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(settings.TIME_ZONE))


def visible(user: AnyUser) -> DossierQuerySet:
    """The dossiers the user reads: all for those who see everything, else their agencies'."""
    agencies = permissions.dossier_agencies(user)
    rows = Dossier.objects.all()
    return rows if agencies is None else rows.filter(agency_id__in=agencies)


def dossier_list(user: AnyUser, filters: Filters) -> DossierQuerySet:
    """The filtered list, newest first. ``state``: ``open`` not finished; ``no_due`` without
    a promised date; ``late`` finished after the promised date or after a second supplement
    request; ``on_time`` the other finished ones with a promised date. (The list compares
    times as stored; the 766 on-time indicator also takes the supplement pauses out, and
    its drill-down links name its dossiers with ``ids=``.)"""
    rows = visible(user).select_related("agency")
    if filters.agency_id is not None:
        rows = rows.filter(agency_id=filters.agency_id)
    elif filters.agency_code:
        rows = rows.filter(agency_code=filters.agency_code)
    if filters.procedure:
        rows = rows.filter(procedure_code=filters.procedure)
    if filters.field:
        rows = rows.filter(field=filters.field)
    if filters.level:
        rows = rows.filter(level=filters.level)
    if filters.channel is not None:
        rows = rows.filter(channel=filters.channel)
    if filters.since:
        rows = rows.filter(received_at__gte=_start(filters.since))
    if filters.until:
        rows = rows.filter(received_at__lt=_start(filters.until + dt.timedelta(days=1)))
    if filters.ids:
        rows = rows.filter(pk__in=filters.ids)
    judged = Q(finished_at__isnull=False, due_at__isnull=False)
    late = Q(supplement_requests__gt=1) | Q(finished_at__gt=F("due_at"))
    if filters.state == "open":
        rows = rows.filter(finished_at__isnull=True)
    elif filters.state == "no_due":
        rows = rows.filter(due_at__isnull=True)
    elif filters.state == "late":
        rows = rows.filter(judged & late)
    elif filters.state == "on_time":
        rows = rows.filter(judged).exclude(late)
    return rows.order_by("-received_at", "-id")


def dossier_page(user: AnyUser, pk: int) -> Dossier | None:
    """One dossier the user may read, with its agency and events (two queries), else None."""
    return visible(user).select_related("agency").prefetch_related("events").filter(pk=pk).first()
