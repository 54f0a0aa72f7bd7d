"""Every change of what is public and of the open-data releases: keyword-only, one
transaction each, history kept (``Publication`` rows; the who/when of each release step).

A release moves draft → approved → published:

- ``build_release`` writes a new version's files for a period (its tables as CSV and JSON and
  their Frictionless ``datapackage.json``), validates them and stores a draft with the errors
  found;
- ``approve_release`` (a secretariat member other than the builder when the secretariat has
  another active member; the builder otherwise, recorded as such) approves a draft without
  validation errors;
- ``publish_release`` validates the files again (and checks they are the ones approved) and
  publishes, or refuses with the errors. A published release never changes again: the database
  refuses (trigger ``opendata_release_published_immutable``); a correction is a new version.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts.permissions import other_secretariat_members
from cchc.indicators.models import Indicator
from cchc.opendata import package
from cchc.opendata.models import Publication, Release, ReleaseState, Subject
from cchc.plans.models import Plan
from cchc.scheduling import periods
from cchc.scheduling.models import PeriodKind


class ReleaseError(Exception):
    """A release step refused, with every reason (validation errors name file, row, field)."""

    def __init__(self, message: str, errors: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or []


def _actor(user: AbstractBaseUser | None) -> User | None:
    return user if isinstance(user, User) else None


def set_publication(
    *,
    subject: str,
    public: bool,
    user: AbstractBaseUser | None,
    plan: Plan | None = None,
    indicator: Indicator | None = None,
    reason: str = "",
) -> Publication:
    """Show or hide a plan's progress, a plan's targets or an indicator's series publicly: one
    history row, the latest holds."""
    subject = Subject(subject)
    if (subject == Subject.INDICATOR) != (indicator is not None) or (
        subject != Subject.INDICATOR
    ) != (plan is not None):
        raise ValueError("A plan for plan subjects, an indicator for indicator ones.")
    with transaction.atomic():
        return Publication.objects.create(
            subject=subject,
            plan=plan,
            indicator=indicator,
            public=public,
            actor=_actor(user),
            reason=reason[:2000],
        )


def parse_period(key: str, year: int) -> tuple[PeriodKind, int, str, Any, Any]:
    """``quarter-1``, ``half-2``, ``nine_months-1``, ``year`` (or ``year-1``), ``month-5``
    → kind, number, label and window (Nghị định 09/2019 cut-offs)."""
    kind_text, _sep, number_text = key.partition("-")
    try:
        kind = PeriodKind(kind_text)
        number = int(number_text) if number_text else 1
        start, end = periods.window(kind, year, number)
    except ValueError as error:
        raise ReleaseError(
            _("Unknown period %(key)s: write quarter-1…4, half-1…2, nine_months-1, year.")
            % {"key": key}
        ) from error
    return kind, number, periods.label(kind, year, number), start, end


def _descriptor(release: Release, resources: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "profile": "data-package",
        "name": release.slug,
        "title": f"Dữ liệu mở CCHC — {release.period_label} (phiên bản {release.version})",
        "version": f"{release.version}.0.0",
        "created": timezone.now().isoformat(timespec="seconds"),
        "licenses": [
            {
                "name": settings.CCHC_OPENDATA_LICENSE_ID,
                "path": settings.CCHC_OPENDATA_LICENSE_URL,
                "title": settings.CCHC_OPENDATA_LICENSE_ID,
            }
        ],
        "contributors": [{"title": settings.CCHC_OPENDATA_PUBLISHER, "role": "publisher"}],
        "temporal": {
            "start": release.period_start.isoformat(),
            "end": release.period_end.isoformat(),
        },
        "resources": resources,
    }


def build_release(
    *, period_key: str, year: int, user: AbstractBaseUser | None, changelog: str = ""
) -> Release:
    """A new draft version for the period, from what is public now; validated at once (the
    errors are stored on the draft, which cannot be approved while it has any)."""
    kind, number, label, start, end = parse_period(period_key, year)
    with transaction.atomic():
        # The period's releases locked while the next version is numbered (a concurrent
        # first build is caught by the unique constraint on the version).
        versions = list(
            Release.objects.select_for_update()
            .filter(period_kind=kind, period_number=number, year=year)
            .values_list("version", flat=True)
        )
        release = Release(
            period_kind=kind,
            period_number=number,
            year=year,
            period_label=label,
            period_start=start,
            period_end=end,
            version=max(versions, default=0) + 1,
            changelog=changelog[:5000],
            built_by=_actor(user),
        )
        release.directory = release.slug
        directory = package.root() / release.directory
        if directory.exists():  # left by a build whose transaction failed
            shutil.rmtree(directory)
        try:
            built = package.write(
                directory,
                package.tables(period_end=end),
                lambda resources: _descriptor(release, resources),
            )
            release.files = built.files
            release.counts = built.counts
            release.validation_errors = package.validate(directory)
            release.save()
        except BaseException:
            shutil.rmtree(directory, ignore_errors=True)
            raise
    return release


def _locked(release: Release) -> Release:
    return Release.objects.select_for_update().get(pk=release.pk)


def approve_release(
    *, release: Release, user: AbstractBaseUser, changelog: str | None = None
) -> Release:
    """Draft → approved, by a secretariat member other than the builder when there is one."""
    with transaction.atomic():
        release = _locked(release)
        if release.state != ReleaseState.DRAFT:
            raise ReleaseError(_("Only a draft release can be approved."))
        if release.validation_errors:
            raise ReleaseError(
                _("The data package does not validate."), list(release.validation_errors)
            )
        if release.built_by_id == user.pk and other_secretariat_members(user):
            raise ReleaseError(_("Another member of the secretariat approves what you built."))
        if changelog is not None:
            release.changelog = changelog[:5000]
        release.state = ReleaseState.APPROVED
        release.approved_by = _actor(user)
        release.approved_at = timezone.now()
        release.save()
    return release


def directory_of(release: Release) -> Path:
    return package.root() / release.directory


def _changed_files(release: Release) -> list[str]:
    errors = []
    directory = directory_of(release)
    for entry in release.files:
        path = directory / entry["path"]
        if not path.is_file():
            errors.append(f"{entry['path']}: missing")
            continue
        digest = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != entry["hash"]:
            errors.append(f"{entry['path']}: changed since the release was built")
    return errors


def publish_release(*, release: Release, user: AbstractBaseUser) -> Release:
    """Approved → published, once the files are the ones built and ``frictionless``
    validates the package; refused with the errors otherwise."""
    with transaction.atomic():
        release = _locked(release)
        if release.state != ReleaseState.APPROVED:
            raise ReleaseError(_("Only an approved release can be published."))
        errors = _changed_files(release) or package.validate(directory_of(release))
        if errors:
            raise ReleaseError(_("The data package does not validate."), errors)
        release.state = ReleaseState.PUBLISHED
        release.published_by = _actor(user)
        release.published_at = timezone.now()
        release.save()
    return release
