"""``cchc indicators load [PATH]``: create the catalogue's indicators that are missing (the
shipped ``cchc/indicators/data/catalogue.toml`` by default); existing indicators, and the
secretariat's edits of them, are left alone.

``cchc indicators list [--json]``: the catalogue."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.indicators.catalogue import CATALOGUE, load_into
from cchc.indicators.models import Indicator, IndicatorChange


class Command(BaseCommand):
    help = _("Load the indicator catalogue (only what is missing), or list it.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["load", "list"])
        parser.add_argument("path", nargs="?", default=str(CATALOGUE))
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load":
            path = Path(options["path"])
            if not path.is_file():
                raise CommandError(_("No such file: %(path)s") % {"path": path})
            try:
                with transaction.atomic():
                    created = load_into(Indicator, IndicatorChange, path)
            except (KeyError, ValueError) as exc:
                raise CommandError(
                    _("%(path)s: not a catalogue (%(error)s).") % {"path": path, "error": exc}
                ) from exc
            self.stdout.write(_("%(n)s indicators created.") % {"n": created})
            return
        rows = list(Indicator.objects.order_by("code").values("code", "name", "unit"))
        if options["json"]:
            self.stdout.write(json.dumps({"indicators": rows}, ensure_ascii=False, indent=2))
            return
        for row in rows:
            self.stdout.write(f"{row['code']:<36} {row['unit']:<7} {row['name']}")
