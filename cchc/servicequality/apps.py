from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceQualityConfig(AppConfig):
    name = "cchc.servicequality"
    verbose_name = _("Service quality (Decision 766)")

    def ready(self) -> None:
        from cchc.dossiers import signals
        from cchc.servicequality import hooks

        signals.register(hooks.after_ingest)
