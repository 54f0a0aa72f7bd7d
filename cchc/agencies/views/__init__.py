"""Views of the agencies app: the registry (registry), reorganisations (changes), mapping
unresolved plan texts (mapping), whom reminders go to (contacts)."""

from cchc.agencies.views.changes import agency_succession, agency_transfer
from cchc.agencies.views.contacts import agency_contacts, contact_active
from cchc.agencies.views.mapping import mapping
from cchc.agencies.views.registry import agency_detail, agency_list, group_list
from cchc.agencies.views.unverified import confirm as confirm_unverified
from cchc.agencies.views.unverified import unverified

__all__ = [
    "agency_contacts",
    "agency_detail",
    "agency_list",
    "agency_succession",
    "agency_transfer",
    "confirm_unverified",
    "contact_active",
    "group_list",
    "mapping",
    "unverified",
]
