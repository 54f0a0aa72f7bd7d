from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

# What the lists show of a report that can change by a save writing given fields: a save
# that writes none of these (a draft's text, status of the work, percentage: the review list
# shows those of submitted reports, which cannot change) leaves the lists as they are.
SHOWN_REPORT_FIELDS = frozenset({"state", "submitted_at"})


def bump_lists(sender: Any, **kwargs: Any) -> None:
    """A report, obligation, agency, plan or activity saved or deleted (by an action, the
    admin or any other write through the ORM): the work lists' cached bodies
    (``cchc.reporting.views.list_cache``) are stale from this transaction's commit on. The
    writes in bulk bump the plan's version, which those bodies are kept under too."""
    from cchc.core.versions import bump_lists
    from cchc.reporting.models import Report

    fields = kwargs.get("update_fields")
    if sender is Report and fields is not None and not SHOWN_REPORT_FIELDS & set(fields):
        return
    bump_lists()


class ReportingConfig(AppConfig):
    name = "cchc.reporting"
    verbose_name = _("Progress reports")

    def ready(self) -> None:
        from cchc.agencies.models import Agency
        from cchc.plans.models import Node, Plan
        from cchc.reporting.models import Report
        from cchc.scheduling.models import Obligation

        for model in (Report, Obligation, Agency, Node, Plan):
            uid = f"cchc.reporting.bump_lists.{model.__name__}"
            post_save.connect(bump_lists, sender=model, dispatch_uid=uid)
            post_delete.connect(bump_lists, sender=model, dispatch_uid=uid)
