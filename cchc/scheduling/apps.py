from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def bump_schedule(sender: Any, **kwargs: Any) -> None:
    """A period rule, deadline rule or calendar entry saved or deleted (by an action, the
    admin or any other write through the ORM): the cached schedule is stale from this
    transaction's commit on."""
    from cchc.core.versions import bump_schedule

    bump_schedule()


class SchedulingConfig(AppConfig):
    name = "cchc.scheduling"
    verbose_name = _("Scheduling")

    def ready(self) -> None:
        from cchc.scheduling.models import CalendarDay, DeadlineRule, PeriodRule

        for model in (PeriodRule, DeadlineRule, CalendarDay):
            uid = f"cchc.scheduling.bump_schedule.{model.__name__}"
            post_save.connect(bump_schedule, sender=model, dispatch_uid=uid)
            post_delete.connect(bump_schedule, sender=model, dispatch_uid=uid)
