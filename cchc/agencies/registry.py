"""Loading the agency registry from its TOML data file, all or nothing.

The file (``data/registry.toml``) lists agencies, successions and groups with their sources;
``load_registry`` checks the whole file first (unknown codes, empty names, dates, cycles,
two agencies with one name at the same time) and then writes it in one transaction, updating
rows by code. Errors name the file and the entry.
"""

from __future__ import annotations

import datetime as dt
import itertools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from cchc.agencies.former_communes import (
    FormerCommuneError,
    load_former_communes,
    read_former_communes,
)
from cchc.agencies.models import (
    Agency,
    AgencyAlias,
    AgencyGroup,
    AgencyLevel,
    AgencyRename,
    AliasKind,
    GroupPhrase,
    RegistryConfirmation,
    Succession,
)
from cchc.agencies.names import compact_key, phrase_key
from cchc.agencies.sources import SourceError, read_basis
from cchc.core.versions import bump_registry

DEFAULT_REGISTRY = Path(__file__).resolve().parent / "data" / "registry.toml"


class RegistryError(Exception):
    """The registry data is wrong; the message names the file, the entry and the field."""


@dataclass(slots=True)
class LoadResult:
    agencies: int
    successions: int
    groups: int
    renames: int = 0
    former_communes: int = 0


def _date(value: Any, where: str, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise RegistryError(
            _("%(where)s: %(field)s=%(value)r is not a date (YYYY-MM-DD).")
            % {"where": where, "field": name, "value": value}
        ) from exc


def _text(entry: dict[str, Any], name: str, where: str, *, required: bool = False) -> str:
    value = entry.get(name, "")
    if not isinstance(value, str):
        raise RegistryError(
            _("%(where)s: %(field)s must be text.") % {"where": where, "field": name}
        )
    if required and not value.strip():
        raise RegistryError(_("%(where)s: %(field)s is empty.") % {"where": where, "field": name})
    return value.strip()


def read_registry(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise RegistryError(
            _("%(path)s: cannot open the file (%(error)s).")
            % {"path": path, "error": exc.strerror or exc}
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(
            _("%(path)s: not valid TOML (%(error)s).") % {"path": path, "error": exc}
        ) from exc
    validate(data, path.name)
    return data


def validate(data: dict[str, Any], name: str) -> None:
    agencies = data.get("agency", [])
    codes: dict[str, dict[str, Any]] = {}
    for index, entry in enumerate(agencies, start=1):
        where = f"{name}: agency #{index}"
        code = _text(entry, "code", where, required=True)
        where = f"{name}: agency {code}"
        if code in codes:
            raise RegistryError(_("%(where)s: the code is used twice.") % {"where": where})
        _text(entry, "name", where, required=True)
        if entry.get("level") not in AgencyLevel.values:
            raise RegistryError(
                _("%(where)s: level=%(level)r is not one of %(levels)s.")
                % {
                    "where": where,
                    "level": entry.get("level"),
                    "levels": ", ".join(AgencyLevel.values),
                }
            )
        start = _date(entry.get("valid_from"), where, "valid_from")
        end = _date(entry.get("valid_until"), where, "valid_until")
        if start and end and end < start:
            raise RegistryError(
                _("%(where)s: valid_until is before valid_from.") % {"where": where}
            )
        _basis(entry, where)
        codes[code] = entry
    for code, entry in codes.items():
        parent = entry.get("parent") or ""
        if parent and parent not in codes:
            raise RegistryError(
                _("%(name)s: agency %(code)s: parent %(parent)s is not in the file.")
                % {"name": name, "code": code, "parent": parent}
            )
    _check_names(codes, name)
    edges: dict[str, set[str]] = {}
    for index, entry in enumerate(data.get("succession", []), start=1):
        where = f"{name}: succession #{index}"
        source = entry.get("from", "")
        targets = entry.get("to", [])
        if isinstance(targets, str):
            targets = [targets]
        for code in [source, *targets]:
            if code not in codes:
                raise RegistryError(
                    _("%(where)s: agency %(code)s is not in the file.")
                    % {"where": where, "code": code}
                )
        if not targets:
            raise RegistryError(_("%(where)s: no successor.") % {"where": where})
        if source in targets:
            raise RegistryError(
                _("%(where)s: %(code)s cannot succeed itself.") % {"where": where, "code": source}
            )
        functions = entry.get("functions", {})
        if not isinstance(functions, dict) or any(k not in targets for k in functions):
            raise RegistryError(
                _("%(where)s: functions must name successors of this succession.")
                % {"where": where}
            )
        _basis(entry, where)
        if _date(entry.get("on"), where, "on") is None:
            raise RegistryError(_("%(where)s: the date (on) is missing.") % {"where": where})
        edges.setdefault(source, set()).update(targets)
    cycle = find_cycle(edges)
    if cycle:
        raise RegistryError(
            _("%(name)s: the successions form a cycle: %(cycle)s.")
            % {"name": name, "cycle": " → ".join(cycle)}
        )
    for index, entry in enumerate(data.get("group", []), start=1):
        where = f"{name}: group #{index}"
        _text(entry, "code", where, required=True)
        _text(entry, "name", where, required=True)
        for level in entry.get("levels", []):
            if level not in AgencyLevel.values:
                raise RegistryError(
                    _("%(where)s: level %(level)r is unknown.") % {"where": where, "level": level}
                )
        for code in [
            *entry.get("members", []),
            *([entry["parent"]] if entry.get("parent") else []),
        ]:
            if code not in codes:
                raise RegistryError(
                    _("%(where)s: agency %(code)s is not in the file.")
                    % {"where": where, "code": code}
                )


def _basis(entry: dict[str, Any], where: str) -> dict[str, Any]:
    try:
        return read_basis(entry, where)
    except SourceError as exc:
        raise RegistryError(str(exc)) from exc


def _check_names(codes: dict[str, dict[str, Any]], name: str) -> None:
    """Two agencies may share an official name only at different times."""
    by_name: dict[str, list[tuple[str, dt.date, dt.date]]] = {}
    for code, entry in codes.items():
        start = _date(entry.get("valid_from"), code, "valid_from") or dt.date.min
        end = _date(entry.get("valid_until"), code, "valid_until") or dt.date.max
        by_name.setdefault(compact_key(entry["name"]), []).append((code, start, end))
    for spans in by_name.values():
        spans.sort(key=lambda s: s[1])
        for (code_a, _s, end_a), (code_b, start_b, _e) in itertools.pairwise(spans):
            if start_b <= end_a:
                raise RegistryError(
                    _(
                        "%(name)s: agencies %(a)s and %(b)s have the same name and overlapping "
                        "validity."
                    )
                    % {"name": name, "a": code_a, "b": code_b}
                )


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """A cycle in the succession graph, as the list of codes along it, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if state.get(nxt) is None:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(edges):
        if state.get(start) is None:
            found = visit(start)
            if found:
                return found
    return None


def load_registry(*, path: Path = DEFAULT_REGISTRY) -> LoadResult:
    """Create or update every agency, succession and group of the file, by code."""
    data = read_registry(path)
    with transaction.atomic():
        agencies: dict[str, Agency] = {}
        for entry in data.get("agency", []):
            agency, _created = Agency.objects.update_or_create(
                code=entry["code"],
                defaults={
                    "name": entry["name"].strip(),
                    "short_name": entry.get("short_name", "").strip(),
                    "level": entry["level"],
                    "valid_from": _date(entry.get("valid_from"), entry["code"], "valid_from"),
                    "valid_until": _date(entry.get("valid_until"), entry["code"], "valid_until"),
                    "confirmed": bool(entry.get("confirmed", True)),
                    "source": entry.get("source", ""),
                    "notes": entry.get("notes", ""),
                    **_basis(entry, entry["code"]),
                },
            )
            agencies[agency.code] = agency
            for alias in entry.get("aliases", []):
                if str(alias).strip():
                    AgencyAlias.objects.get_or_create(
                        agency=agency,
                        folded=phrase_key(alias),
                        defaults={"text": alias, "kind": AliasKind.ABBREVIATION},
                    )
        for entry in data.get("agency", []):
            parent = agencies.get(entry.get("parent") or "")
            agency = agencies[entry["code"]]
            if agency.parent_id != (parent.pk if parent else None):
                agency.parent = parent
                agency.save(update_fields=["parent"])
        successions = 0
        for entry in data.get("succession", []):
            targets = entry["to"] if isinstance(entry["to"], list) else [entry["to"]]
            for target in targets:
                Succession.objects.update_or_create(
                    predecessor=agencies[entry["from"]],
                    successor=agencies[target],
                    defaults={
                        "on": _date(entry["on"], "succession", "on") or dt.date.min,
                        "kind": entry.get("kind", Succession.Kind.MERGED),
                        "legal_basis": entry.get("legal_basis", ""),
                        "functions": entry.get("functions", {}).get(target, ""),
                        "notes": entry.get("notes", ""),
                        "confirmed": bool(entry.get("confirmed", True)),
                        "source": entry.get("source", ""),
                        **_basis(entry, "succession"),
                    },
                )
                successions += 1
        renames = _load_renames(data, agencies)
        former = 0
        if data.get("meta", {}).get("former_communes"):
            csv_path = path.parent / data["meta"]["former_communes"]
            try:
                rows = read_former_communes(csv_path)
            except (FormerCommuneError, OSError) as exc:
                raise RegistryError(str(exc)) from exc
            former, extra = load_former_communes(
                agency_model=Agency,
                succession_model=Succession,
                alias_model=AgencyAlias,
                rows=rows,
            )
            successions += extra
        groups = 0
        for entry in data.get("group", []):
            group, _created = AgencyGroup.objects.update_or_create(
                code=entry["code"],
                defaults={
                    "name": entry["name"],
                    "levels": list(entry.get("levels", [])),
                    "parent": agencies.get(entry.get("parent") or ""),
                    "notes": entry.get("notes", ""),
                },
            )
            group.members.set([agencies[c] for c in entry.get("members", [])])
            for phrase in [entry["name"], *entry.get("phrases", [])]:
                key = phrase_key(phrase)
                existing = GroupPhrase.objects.filter(folded=key).first()
                if existing is None:
                    GroupPhrase.objects.create(group=group, text=phrase, folded=key)
                elif existing.group_id != group.pk:
                    raise RegistryError(
                        _("%(name)s: the phrase “%(phrase)s” belongs to two groups.")
                        % {"name": path.name, "phrase": phrase}
                    )
            groups += 1
        apply_confirmations()
    return LoadResult(
        agencies=len(agencies),
        successions=successions,
        groups=groups,
        renames=renames,
        former_communes=former,
    )


CONFIRMABLE: dict[str, type[Agency] | type[Succession] | type[AgencyRename]] = {
    RegistryConfirmation.Kind.AGENCY: Agency,
    RegistryConfirmation.Kind.SUCCESSION: Succession,
    RegistryConfirmation.Kind.RENAME: AgencyRename,
}


def apply_confirmations() -> None:
    """Loading the file again keeps what the secretariat confirmed: each row takes its
    latest confirmation's legal basis and stays confirmed."""
    latest: dict[tuple[str, int], RegistryConfirmation] = {}
    for row in RegistryConfirmation.objects.order_by("at", "pk"):
        latest[(row.kind, row.row_id)] = row
    for (kind, row_id), confirmation in latest.items():
        changes: dict[str, Any] = {
            "confirmed": True,
            "basis_type": confirmation.basis_type,
            "basis_number": confirmation.basis_number,
            "basis_date": confirmation.basis_date,
            "basis_issuer": confirmation.basis_issuer,
            "basis_url": confirmation.basis_url,
        }
        if kind == RegistryConfirmation.Kind.RENAME:
            changes["missing"] = ""
        CONFIRMABLE[kind].objects.filter(pk=row_id).update(**changes)
        # An update sends no signal (cchc.agencies.apps): the registry's version, itself.
        bump_registry()


def _load_renames(data: dict[str, Any], agencies: dict[str, Agency]) -> int:
    """``[[rename]]``: the agencies of ``codes`` take a new name from ``on`` (same rows).
    The new name is given (``name``, ``short_name``) or made by replacing ``replace[0]`` with
    ``replace[1]`` in the current name, short name and variants."""
    count = 0
    for index, entry in enumerate(data.get("rename", []), start=1):
        where = f"rename {index}"
        on = _date(entry.get("on"), where, "on")
        if on is None:
            raise RegistryError(_("%(where)s: a rename needs its date “on”.") % {"where": where})
        for code in entry.get("codes", []):
            agency = agencies.get(code)
            if agency is None:
                raise RegistryError(
                    _("%(where)s: unknown agency code %(code)s.") % {"where": where, "code": code}
                )
            old, new = entry.get("replace", ["", ""])
            names = [agency.name, *agency.aliases.values_list("text", flat=True)]
            AgencyRename.objects.update_or_create(
                agency=agency,
                on=on,
                defaults={
                    "old_name": agency.name,
                    "new_name": entry.get("name") or agency.name.replace(old, new),
                    "new_short_name": entry.get("short_name")
                    or (agency.short_name.replace(old, new) if old in agency.short_name else ""),
                    "aliases": sorted({n.replace(old, new) for n in names if old and old in n}),
                    "confirmed": bool(entry.get("confirmed", False)),
                    "missing": entry.get("missing", ""),
                    "source": entry.get("source", ""),
                    **_basis(entry, where),
                },
            )
            count += 1
    return count
