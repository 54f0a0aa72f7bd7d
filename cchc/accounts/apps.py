from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cchc.accounts"
    verbose_name = _("People and roles")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate, pre_migrate

        from cchc.accounts import db_rules, receivers  # noqa: F401 (connects the receivers)

        pre_migrate.connect(db_rules.drop_sqlite_triggers, sender=self)
        post_migrate.connect(db_rules.create_sqlite_triggers, sender=self)
