"""State changes of a report's evidence beyond adding it (``actions.add_evidence``).

Same rules as ``cchc.reporting.actions``: one transaction, the report locked, a
``ReportTransition`` written; who may call them is the caller's check.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.reporting.actions import ReportError, check_editable, lock_report, record_step
from cchc.reporting.models import Evidence, evidence_storage


def _named(evidence: Evidence) -> str:
    """How the history names a removed piece of evidence."""
    name = evidence.document_number or evidence.description[:120]
    if evidence.original_name:
        name = f"{name} ({evidence.original_name})"
    return name


def remove_evidence(*, evidence: Evidence, user: AbstractBaseUser | None) -> None:
    """Delete a piece of evidence of a report the agency may still change (draft or
    returned). Its file leaves the storage once the deletion is committed; the report's
    history says what was removed and by whom."""
    with transaction.atomic():
        locked = lock_report(evidence.report)
        check_editable(locked)
        row = Evidence.objects.select_for_update().filter(pk=evidence.pk, report=locked).first()
        if row is None:
            raise ReportError(_("This evidence was already removed."))
        stored = row.file.name or ""
        comment = _("Removed: %(evidence)s") % {"evidence": _named(row)}
        row.delete()
        record_step(locked, user, locked.state, comment=comment, changes=["evidence"])
        if stored:
            transaction.on_commit(lambda: evidence_storage.delete(stored))
