"""``cchc agencies resolve|load|transfer``: the agency registry from the command line.

cchc agencies resolve "Các Sở, ngành; UBND cấp huyện" [--on 2026-01-01] [--json]
cchc agencies load [PATH]           # the shipped registry by default; idempotent
cchc agencies transfer [--on DATE]  # move open work of ended agencies to their successors
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.agencies.actions import transfer_assignments
from cchc.agencies.models import Agency
from cchc.agencies.registry import DEFAULT_REGISTRY, RegistryError, load_registry
from cchc.agencies.resolver import Resolver


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            _("--on %(value)s is not a date (YYYY-MM-DD).") % {"value": value}
        ) from exc


class Command(BaseCommand):
    help = _(
        "The agency registry: resolve names, load the registry, move work of ended "
        "agencies to their successors."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        resolve = sub.add_parser("resolve", help=_("Show how a text resolves to agencies."))
        resolve.add_argument("text")
        resolve.add_argument("--on", default="", help=_("The date (YYYY-MM-DD); today if omitted."))
        resolve.add_argument("--json", action="store_true")
        load = sub.add_parser("load", help=_("Load or update the registry from a TOML file."))
        load.add_argument("path", nargs="?", type=Path, default=DEFAULT_REGISTRY)
        transfer = sub.add_parser(
            "transfer",
            help=_(
                "Move the open assignments of agencies that no longer exist to their successors."
            ),
        )
        transfer.add_argument("--on", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "load":
            try:
                result = load_registry(path=options["path"])
            except RegistryError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(
                _(
                    "Registry loaded: %(agencies)s agencies, %(successions)s "
                    "successions, %(groups)s groups."
                )
                % {
                    "agencies": result.agencies,
                    "successions": result.successions,
                    "groups": result.groups,
                }
            )
            if result.former_communes:
                self.stdout.write(
                    _("Communes before 1/7/2025: %(count)s, with their successors.")
                    % {"count": result.former_communes}
                )
            return
        on = _day(options["on"]) if options["on"] else timezone.localdate()
        if action == "transfer":
            moved = 0
            for agency in Agency.objects.filter(valid_until__lt=on).order_by("valid_until"):
                moved += transfer_assignments(
                    agency=agency, on=on, reason=_("Succession (cchc agencies transfer)")
                )
            self.stdout.write(_("%(count)s assignments moved to successors.") % {"count": moved})
            return
        text = options["text"]
        if not text.strip():
            raise CommandError(_("The text is empty."))
        resolution = Resolver.load().resolve(text, on=on)
        if options["json"]:
            self.stdout.write(json.dumps(resolution.as_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(_("“%(text)s” on %(on)s:") % {"text": text, "on": on.isoformat()})
        for match in resolution.agencies:
            self.stdout.write(
                f"  • {match.agency.name} [{match.agency.get_level_display()}]"
                f" ← “{match.fragment}”: {match.reason}"
            )
            if match.ended:
                names = ", ".join(a.name for a in match.successors) or _("none recorded")
                self.stdout.write(
                    self.style.WARNING(
                        _("    ended on %(day)s; its work is carried by: %(names)s")
                        % {"day": match.agency.valid_until, "names": names}
                    )
                )
        for group in resolution.groups:
            self.stdout.write(
                _("  • group %(name)s (%(count)s members) ← “%(fragment)s”")
                % {
                    "name": group.group.name,
                    "count": len(group.members),
                    "fragment": group.fragment,
                }
            )
            if group.open:
                self.stdout.write(
                    self.style.WARNING(
                        _("    the group has no defined members: say which agencies are meant")
                    )
                )
        for fragment in resolution.unresolved:
            self.stdout.write(
                self.style.ERROR(_("  ✗ not resolved: “%(text)s”") % {"text": fragment})
            )
