from typing import Any

from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


def bump_registry(sender: Any, **kwargs: Any) -> None:
    """A row of the registry or of the assignments saved or deleted (by an action, a registry
    load, the admin or any other write through the ORM): what is cached under the registry's
    version (an activity's assigned agencies, the plan page's ended agencies) is stale from
    this transaction's commit on (``cchc.core.versions.bump_registry``)."""
    if kwargs.get("raw"):  # loaddata: no application state to invalidate yet
        return
    from cchc.core.versions import bump_registry

    bump_registry()


class AgenciesConfig(AppConfig):
    name = "cchc.agencies"
    verbose_name = _("Agencies")

    def ready(self) -> None:
        from cchc.agencies import models

        registry = (
            models.Agency,
            models.AgencyRename,
            models.AgencyAlias,
            models.Succession,
            models.AgencyGroup,
            models.GroupPhrase,
            models.Assignment,
            models.AssignmentChange,
            models.Contact,
            models.ContactChange,
            models.RegistryConfirmation,
        )
        for model in registry:
            uid = f"cchc.agencies.bump_registry.{model.__name__}"
            post_save.connect(bump_registry, sender=model, dispatch_uid=uid)
            post_delete.connect(bump_registry, sender=model, dispatch_uid=uid)
        m2m_changed.connect(
            bump_registry,
            sender=models.AgencyGroup.members.through,
            dispatch_uid="cchc.agencies.bump_registry.members",
        )
