"""What a user may see and do, one helper per question. Every view and API endpoint asks these
for every object; none of them writes. What is not allowed here is denied (``deny``).

- The secretariat (the PAR secretariat: Sở Nội vụ, ``is_secretariat_agency``) manages
  everything and sees every agency.
- A leader reads everything in the province.
- An administrator (Django's superuser, which the administrator role sets) sees everything and
  holds every model permission (the admin site); the workflow's steps still need their role.
- A focal point sees and files for their own agencies only.
- An agency head sees their own agencies and signs off their reports.

Memberships are the one source of truth: only active users' active memberships of agencies
that exist today count (an agency that ended, by its ``valid_until`` or a succession, takes
its members' rights with it), a secretariat membership counts only in the secretariat's
agency, and a user's model permissions (``plans.add_plan`` …) follow from their roles through
``ROLE_PERMISSIONS`` (``cchc.accounts.backends``): Django groups and per-user permissions
grant nothing. The answers are computed once per user object (one query; for the request's
user, in the query that reads the user) and kept on it for the rest of the request.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable, Iterable
from typing import Any, NoReturn, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, PermissionsMixin, User
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.utils import timezone

from cchc.accounts.models import Membership, Role, is_secretariat_agency
from cchc.agencies.models import Agency

_CACHE = "_cchc_memberships"

AnyUser = AbstractBaseUser | AnonymousUser
R = TypeVar("R")

logger = logging.getLogger("cchc.security")

# What each role may do through Django's model permissions: the admin site and the pages that
# ask ``has_perm``. The one place these are decided; a superuser holds all of them.
_READ_ALL = frozenset(
    {
        "plans.view_plan",
        "plans.view_node",
        "plans.view_planimport",
        "plans.view_nodecorrection",
        "agencies.view_agency",
        "agencies.view_agencyalias",
        "agencies.view_succession",
        "agencies.view_agencygroup",
        "agencies.view_groupphrase",
        "agencies.view_assignment",
        "agencies.view_assignmentchange",
        "agencies.view_contact",
        "scheduling.view_periodrule",
        "scheduling.view_periodrulechange",
        "scheduling.view_calendarday",
        "scheduling.view_calendardaychange",
        "scheduling.view_deadlinerule",
        "scheduling.view_obligation",
        "scheduling.view_reminder",
        "indicators.view_indicator",
        "indicators.view_indicatorchange",
        "indicators.view_target",
        "indicators.view_targetchange",
        "indicators.view_measurement",
    }
)
_MEMBERS = frozenset(
    {
        "accounts.view_membership",
        "accounts.add_membership",
        "accounts.change_membership",
        "accounts.view_membershipchange",
    }
)
_OWN_WORK = frozenset({"plans.view_plan", "plans.view_node", "scheduling.view_obligation"})

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.SECRETARIAT: _READ_ALL
    | _MEMBERS
    | {
        "plans.add_plan",
        "plans.change_plan",
        "plans.add_nodecorrection",
        "agencies.add_agency",
        "agencies.change_agency",
        "agencies.add_agencyalias",
        "agencies.change_agencyalias",
        "agencies.add_succession",
        "agencies.change_succession",
        "agencies.add_agencygroup",
        "agencies.change_agencygroup",
        "agencies.add_groupphrase",
        "agencies.change_groupphrase",
        "agencies.add_assignment",
        "agencies.change_assignment",
        "agencies.add_contact",
        "agencies.change_contact",
        "agencies.delete_contact",
        "scheduling.add_periodrule",
        "scheduling.change_periodrule",
        "scheduling.add_calendarday",
        "scheduling.change_calendarday",
        "scheduling.add_deadlinerule",
        "scheduling.change_deadlinerule",
        "scheduling.change_obligation",
        "scheduling.add_reminder",
        "indicators.change_indicator",
    },
    Role.LEADER: _READ_ALL,
    Role.FOCAL_POINT: _OWN_WORK,
    Role.HEAD: _OWN_WORK,
    Role.ADMINISTRATOR: _READ_ALL
    | _MEMBERS
    | {
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "auth.view_group",
        "accounts.view_loginattempt",
    },
}


def today() -> dt.date:
    """The day memberships are judged on: an agency that no longer exists on it gives its
    members nothing (the tests set the day of their world here)."""
    return timezone.localdate()


def _memberships_sql() -> str:
    """The memberships that count on a day (``%s``: active, the day twice), with the agency's
    code (the secretariat's check), as (user, agency, role, code): one statement written by
    hand, as ``work_queues`` is (building it with the ORM on every page cost more than
    running it)."""
    membership, agency = Membership._meta.db_table, Agency._meta.db_table
    return (
        f'SELECT m."user_id", m."agency_id", m."role", a."code" FROM "{membership}" m '
        f'INNER JOIN "{agency}" a ON a."id" = m."agency_id" WHERE m."active" = %s '
        'AND (a."valid_from" IS NULL OR a."valid_from" <= %s) '
        'AND (a."valid_until" IS NULL OR a."valid_until" >= %s)'
    )


MEMBERSHIPS_SQL = _memberships_sql() + ' AND m."user_id" = %s'


def _day_params() -> list[Any]:
    day = connection.ops.adapt_datefield_value(today())
    return [True, day, day]


def _counted(rows: Iterable[tuple[int, str, str]]) -> frozenset[tuple[int, str]]:
    """The (agency, role) pairs of ``rows`` (agency, role, code) that count: the secretariat
    role only in the secretariat's agency."""
    return frozenset(
        (agency_id, role)
        for agency_id, role, code in rows
        if agency_id is not None and (role != Role.SECRETARIAT or is_secretariat_agency(code))
    )


def memberships_of(user: AnyUser) -> frozenset[tuple[int, str]]:
    """The (agency id, role) pairs that count: the user's active memberships of agencies that
    exist today; the secretariat role only in the secretariat's agency. Read once per user
    object: the request's user comes with them (``user_with_memberships``)."""
    if not user.is_authenticated or not user.is_active or user.pk is None:
        return frozenset()
    cached: frozenset[tuple[int, str]] | None = getattr(user, _CACHE, None)
    if cached is None:
        with connection.cursor() as cursor:
            cursor.execute(MEMBERSHIPS_SQL, [*_day_params(), user.pk])
            cached = _counted((agency, role, code) for _u, agency, role, code in cursor)
        setattr(user, _CACHE, cached)
    return cached


# The membership columns of ``user_with_memberships``'s rows.
_JOINED = ("cchc_agency", "cchc_role", "cchc_code")


@functools.cache
def _user_sql() -> str:
    """The user's row with each of their memberships that count (``_memberships_sql``), one
    row per membership (one row with NULLs without any)."""
    user_model = get_user_model()
    table = user_model._meta.db_table
    columns = ", ".join(f'u."{f.column}"' for f in user_model._meta.concrete_fields)
    agency, role, code = _JOINED
    return (
        f'SELECT {columns}, ms."agency_id" AS "{agency}", ms."role" AS "{role}", '
        f'ms."code" AS "{code}" FROM "{table}" u LEFT JOIN ({_memberships_sql()}) ms '
        f'ON ms."user_id" = u."{user_model._meta.pk.column}" '
        f'WHERE u."{user_model._meta.pk.column}" = %s'
    )


def user_with_memberships(user_id: object) -> User | None:
    """The user ``user_id`` (None if there is none) with their memberships that count today
    already read (``memberships_of`` asks no more), in one statement: what every page of a
    logged-in user reads first (``cchc.accounts.backends.RoleBackend.get_user``). Read on
    every request, never kept between requests: a membership ended or an account disabled
    counts at the next request, in every process."""
    rows = list(get_user_model().objects.raw(_user_sql(), [*_day_params(), user_id]))
    if not rows:
        return None
    user = rows[0]
    found = [tuple(getattr(row, name) for name in _JOINED) for row in rows]
    for name in _JOINED:
        delattr(user, name)
    if user.is_active:
        setattr(user, _CACHE, _counted(found))
    return user


def forget(user: AnyUser) -> None:
    """Drop the kept answers (after the user's memberships changed)."""
    for name in (_CACHE, "_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        if hasattr(user, name):
            delattr(user, name)


def _roles(user: AnyUser) -> set[str]:
    return {role for _agency, role in memberships_of(user)}


def _has(user: AnyUser, role: str, agency_id: int) -> bool:
    return (agency_id, role) in memberships_of(user)


def model_permissions(user: AnyUser) -> frozenset[str]:
    """The ``app_label.codename`` permissions the user's roles carry (``ROLE_PERMISSIONS``);
    a superuser's are answered by the backend (all of them)."""
    granted: set[str] = set()
    for role in _roles(user):
        granted |= ROLE_PERMISSIONS.get(role, frozenset())
    return frozenset(granted)


def is_administrator(user: AnyUser) -> bool:
    """Django's superuser is the installation's administrator; the administrator role makes
    its holder one (``cchc.accounts.actions``) and counts while it lasts."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(getattr(user, "is_superuser", False)) or Role.ADMINISTRATOR in _roles(user)


def is_secretariat(user: AnyUser) -> bool:
    return Role.SECRETARIAT in _roles(user)


def is_leader(user: AnyUser) -> bool:
    return Role.LEADER in _roles(user)


def sees_everything(user: AnyUser) -> bool:
    """The secretariat, leaders and administrators read every agency's work (a superuser is
    answered without a query)."""
    return is_administrator(user) or is_secretariat(user) or is_leader(user)


def agencies_of(user: AnyUser) -> set[int]:
    """The agencies the user belongs to, in any role."""
    return {agency_id for agency_id, _role in memberships_of(user)}


def agencies_filed_by(user: AnyUser) -> set[int]:
    """The agencies the user files reports for (as their focal point)."""
    return {agency_id for agency_id, role in memberships_of(user) if role == Role.FOCAL_POINT}


def agencies_headed_by(user: AnyUser) -> set[int]:
    """The agencies whose reports the user signs off (as their head)."""
    return {agency_id for agency_id, role in memberships_of(user) if role == Role.HEAD}


def can_see_agency(user: AnyUser, agency_id: int) -> bool:
    """Whether the user reads the agency's work: its obligations, reports, statuses and
    evidence. (The agency itself, in the registry, every logged-in user reads.)"""
    return sees_everything(user) or agency_id in agencies_of(user)


def can_file_for(user: AnyUser, agency_id: int) -> bool:
    """Writing an agency's reports is its focal points' job, nobody else's."""
    return _has(user, Role.FOCAL_POINT, agency_id)


def can_sign_off_for(user: AnyUser, agency_id: int) -> bool:
    return _has(user, Role.HEAD, agency_id)


def can_set_sign_off(user: AnyUser, agency_id: int) -> bool:
    """Whether the agency's reports need its head's sign-off: the head or the secretariat
    decides."""
    return can_sign_off_for(user, agency_id) or is_secretariat(user)


def can_review(user: AnyUser) -> bool:
    """Returning, approving and reopening reports: the secretariat."""
    return is_secretariat(user)


def can_manage_targets(user: AnyUser) -> bool:
    """Confirming, editing and rejecting targets, importing values, editing indicators: the
    secretariat."""
    return is_secretariat(user)


def can_see_targets_behind(user: AnyUser) -> bool:
    """ "Chỉ tiêu chậm tiến độ": the leaders and the secretariat (and the administrator, who
    reads everything)."""
    return sees_everything(user)


def can_record_value_for(user: AnyUser, agency_id: int) -> bool:
    """An indicator value of an agency: its focal points enter it."""
    return can_file_for(user, agency_id)


def can_manage_members(user: AnyUser) -> bool:
    return is_secretariat(user) or is_administrator(user)


def deny(user: AnyUser, what: str, *, hide: bool = False, message: str = "") -> NoReturn:
    """Refuse: 404 with ``hide`` (what the user may not see does not exist for them), else 403.
    Every refusal of the pages and the API passes here, so the security log has one place to
    hear of them. ``what`` names what was refused, for the log, never for the user."""
    logger.info(
        "denied %s to user %s (%s)",
        what,
        getattr(user, "pk", None) or "anonymous",
        "hidden" if hide else "forbidden",
    )
    if hide:
        raise Http404(message) if message else Http404
    raise PermissionDenied(message) if message else PermissionDenied


def require(
    test: Callable[[AnyUser], bool], what: str
) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """A view for those who pass ``test`` (a question of this module); others get 403 from
    ``deny``. Put it under ``login_required``, which sends anonymous users to log in."""

    def decorator(view: Callable[..., R]) -> Callable[..., R]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> R:
            if not test(request.user):
                deny(request.user, what)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def require_perm(perm: str) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """A view for the roles carrying the model permission ``perm`` (``ROLE_PERMISSIONS``)."""
    return require(
        lambda user: isinstance(user, PermissionsMixin | AnonymousUser) and user.has_perm(perm),
        perm,
    )


def can_confirm_registry(user: AnyUser) -> bool:
    """Confirming a registry row (agency, succession, rename) with its legal basis (issue 13):
    the secretariat, which also edits the registry."""
    return is_secretariat(user) or is_administrator(user)


def can_see_dashboards(user: AnyUser) -> bool:
    """The province overview, the heat map and the drill-down: leaders, the secretariat and
    administrators (those who read every agency's work)."""
    return sees_everything(user)


def can_see_scorecard(user: AnyUser, agency_id: int) -> bool:
    """An agency's scorecard: whoever sees the dashboards, and the agency's own heads and
    focal points."""
    return (
        sees_everything(user)
        or _has(user, Role.HEAD, agency_id)
        or _has(user, Role.FOCAL_POINT, agency_id)
    )


def can_read_official_reports(user: AnyUser) -> bool:
    """The periodic PAR report (``cchc.documents``): the leaders and the secretariat read its
    drafts and issued versions (and the administrator, who reads everything)."""
    return sees_everything(user)


def can_edit_official_reports(user: AnyUser) -> bool:
    """Editing the report's sections and issuing versions: the secretariat."""
    return is_secretariat(user)


def can_manage_open_data(user: AnyUser) -> bool:
    """What the public sees and the open-data releases (build, approve, publish): the
    secretariat."""
    return is_secretariat(user)


def other_secretariat_members(user: AnyUser) -> bool:
    """Whether someone besides ``user`` holds the secretariat role now (a second person to
    approve what the user built)."""
    return (
        Membership.objects.active()
        .filter(role=Role.SECRETARIAT, user__is_active=True)
        .exclude(user_id=getattr(user, "pk", None) or 0)
        .filter(Q(agency__valid_from__isnull=True) | Q(agency__valid_from__lte=today()))
        .filter(Q(agency__valid_until__isnull=True) | Q(agency__valid_until__gte=today()))
        .exists()
    )


# --- Dossier records (cchc.dossiers) ------------------------------------------------------


def can_see_dossiers(user: AnyUser) -> bool:
    """The dossier list: the secretariat, leaders and administrators (every agency's), and
    members of an agency (its own)."""
    return sees_everything(user) or bool(agencies_of(user))


def dossier_agencies(user: AnyUser) -> set[int] | None:
    """The agencies whose dossiers the user reads; None = every agency (and dossiers whose
    agency code is not in the registry)."""
    return None if sees_everything(user) else agencies_of(user)


def can_manage_ingest_tokens(user: AnyUser) -> bool:
    """Creating and revoking the one-stop systems' ingest tokens: the administrator only."""
    return is_administrator(user)


# -- service quality (cchc.servicequality) ------------------------------------------------------


def can_see_service_quality(user: AnyUser) -> bool:
    """The service-quality pages: the secretariat, leaders and administrators see every agency;
    an agency's members see their own agency."""
    return user.is_authenticated and (sees_everything(user) or bool(agencies_of(user)))


def can_see_service_quality_of(user: AnyUser, agency_id: int | None) -> bool:
    """One agency's service figures (``None``: the province's)."""
    if sees_everything(user):
        return True
    return agency_id is not None and agency_id in agencies_of(user)
