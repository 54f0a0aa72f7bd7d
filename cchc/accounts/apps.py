from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cchc.accounts"
    verbose_name = _("People and roles")

    def ready(self) -> None:
        from cchc.accounts import receivers  # noqa: F401 (connects the receivers)
