"""The ``cchc`` console script: the product's commands under short names.

``cchc import-plan PATH`` runs the ``import_plan`` management command, ``cchc serve`` runs the
web server, and any other Django command works too (``cchc migrate``, ``cchc createsuperuser``).
"""

from __future__ import annotations

import os
import sys

# Short names for the product's own commands; anything else is passed to Django as is.
ALIASES = {
    "import-plan": "import_plan",
    "export-plan": "export_plan",
    "serve": "runserver",
    "send-reminders": "send_reminders",
    "prune-login-attempts": "prune_login_attempts",
    "prune-notifications": "prune_notifications",
}

# Commands of two words ("cchc dossiers ingest PATH"), each one management command.
GROUPS = {
    ("dossiers", "ingest"): "dossier_ingest",
    ("dossiers", "generate"): "dossier_generate",
    ("dossiers", "indicators"): "dossier_indicators",
    ("dossiers", "parquet"): "dossier_parquet",
    ("dossiers", "token"): "dossier_token",
    ("dossiers", "procedure-time"): "dossier_procedure_time",
    ("report", "build"): "report_build",
    ("opendata", "release"): "opendata_release",
}


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    if len(args) >= 2 and (args[0], args[1]) in GROUPS:
        args[:2] = [GROUPS[(args[0], args[1])]]
    elif args and args[0] in ALIASES:
        args[0] = ALIASES[args[0]]
    if not args:
        args = ["help"]
    from django.core.management import execute_from_command_line

    execute_from_command_line(["cchc", *args])


if __name__ == "__main__":
    main()
