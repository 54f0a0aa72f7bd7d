"""The files of a release: each table as CSV and JSON, described by a Frictionless data
package (``datapackage.json``, with a table schema per resource), and its validation.

Tables (only what is public when the release is built):

- ``plan_nodes``: the tree of each public plan;
- ``progress``: progress of each node with activities beneath it (``reporting.progress``);
- ``agency_progress``: per lead agency, its progress as its scorecard shows it
  (``reporting.progress.progress_by_agency``: its own latest approved percent on each
  activity it leads, averaged);
- ``targets``: the confirmed targets of plans whose targets are public, with their status on
  the period's cut-off;
- ``indicator_series``: values of public indicators up to the cut-off (imported, computed,
  or from approved reports).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from cchc.opendata import selectors
from cchc.plans.models import Node, Plan

Row = dict[str, Any]
# (name, type, description)
Field = tuple[str, str, str]

SCHEMAS: dict[str, tuple[str, list[Field]]] = {
    "plan_nodes": (
        "Cây kế hoạch CCHC (lĩnh vực, mục tiêu, nhiệm vụ, hoạt động)",
        [
            ("plan_id", "integer", "Mã kế hoạch"),
            ("plan_number", "string", "Số, ký hiệu kế hoạch"),
            ("node_id", "integer", "Mã mục"),
            ("parent_id", "integer", "Mã mục cha"),
            ("kind", "string", "Loại mục: section, objective, task, activity"),
            ("number", "string", "Số thứ tự"),
            ("title", "string", "Nội dung"),
            ("lead", "string", "Cơ quan chủ trì"),
            ("timeframe", "string", "Thời gian thực hiện"),
        ],
    ),
    "progress": (
        "Tiến độ thực hiện theo mục của kế hoạch",
        [
            ("plan_id", "integer", "Mã kế hoạch"),
            ("node_id", "integer", "Mã mục"),
            ("kind", "string", "Loại mục"),
            ("title", "string", "Nội dung"),
            ("percent", "number", "Tiến độ (%), từ báo cáo đã duyệt"),
        ],
    ),
    "agency_progress": (
        "Tiến độ theo cơ quan chủ trì",
        [
            ("plan_id", "integer", "Mã kế hoạch"),
            ("agency_code", "string", "Mã cơ quan"),
            ("agency_name", "string", "Tên cơ quan"),
            ("activities", "integer", "Số hoạt động chủ trì"),
            ("percent", "number", "Tiến độ bình quân (%)"),
        ],
    ),
    "targets": (
        "Chỉ tiêu của kế hoạch và tình trạng",
        [
            ("target_id", "integer", "Mã chỉ tiêu"),
            ("plan_id", "integer", "Mã kế hoạch"),
            ("node_id", "integer", "Mã mục"),
            ("indicator_code", "string", "Mã chỉ số"),
            ("comparator", "string", "So sánh"),
            ("value", "number", "Giá trị"),
            ("value_max", "number", "Giá trị trên"),
            ("unit", "string", "Đơn vị"),
            ("year", "integer", "Năm đạt"),
            ("scope", "string", "Phạm vi"),
            ("status", "string", "Tình trạng tại kỳ"),
            ("actual", "number", "Giá trị thực tế"),
        ],
    ),
    "indicator_series": (
        "Chuỗi số liệu chỉ số dịch vụ công",
        [
            ("indicator_code", "string", "Mã chỉ số"),
            ("indicator_name", "string", "Tên chỉ số"),
            ("unit", "string", "Đơn vị"),
            ("scope", "string", "Phạm vi"),
            ("agency_code", "string", "Mã cơ quan"),
            ("period_kind", "string", "Loại kỳ"),
            ("period_label", "string", "Kỳ"),
            ("period_start", "date", "Ngày đầu kỳ"),
            ("period_end", "date", "Ngày chốt số liệu"),
            ("value", "number", "Giá trị"),
            ("no_data_reason", "string", "Lý do chưa có số liệu"),
        ],
    ),
}

MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}


@dataclass(frozen=True, slots=True)
class Built:
    files: list[dict[str, Any]]
    counts: dict[str, int]


def root() -> Path:
    return Path(settings.DATA_DIR) / "opendata"


def tables(*, period_end: dt.date) -> dict[str, list[Row]]:
    """The rows of every table, from what is public now."""
    pub = selectors.published()
    out: dict[str, list[Row]] = {name: [] for name in SCHEMAS}
    for plan in Plan.objects.filter(pk__in=pub.plans).order_by("pk"):
        view = selectors.plan_view(plan, pub=pub, on=period_end)
        nodes = list(Node.objects.filter(plan=plan).order_by("position"))
        for n in nodes:
            out["plan_nodes"].append(
                {
                    "plan_id": plan.pk,
                    "plan_number": plan.number,
                    "node_id": n.pk,
                    "parent_id": n.parent_id,
                    "kind": n.kind,
                    "number": n.number,
                    "title": n.title,
                    "lead": n.lead,
                    "timeframe": n.timeframe,
                }
            )
            if n.pk in view.nodes:
                out["progress"].append(
                    {
                        "plan_id": plan.pk,
                        "node_id": n.pk,
                        "kind": n.kind,
                        "title": n.title,
                        "percent": round(view.nodes[n.pk], 2),
                    }
                )
        for a in view.agencies:
            out["agency_progress"].append(
                {
                    "plan_id": plan.pk,
                    "agency_code": a.agency.code,
                    "agency_name": a.agency.name,
                    "activities": a.activities,
                    "percent": round(a.percent, 2),
                }
            )
        for row in view.targets or []:
            t = row.target
            out["targets"].append(
                {
                    "target_id": t.pk,
                    "plan_id": plan.pk,
                    "node_id": t.node_id,
                    "indicator_code": t.indicator.code if t.indicator else None,
                    "comparator": t.comparator,
                    "value": t.value,
                    "value_max": t.value_max,
                    "unit": t.unit,
                    "year": t.year,
                    "scope": t.scope,
                    "status": str(row.status.value),
                    "actual": row.assessment.actual,
                }
            )
    for m in selectors.approved_measurements(pub.indicators).filter(period_end__lte=period_end):
        out["indicator_series"].append(
            {
                "indicator_code": m.indicator.code,
                "indicator_name": m.indicator.name,
                "unit": m.indicator.unit,
                "scope": m.scope,
                "agency_code": m.agency.code if m.agency else None,
                "period_kind": m.period_kind,
                "period_label": m.period_label,
                "period_start": m.period_start.isoformat(),
                "period_end": m.period_end.isoformat(),
                "value": m.value,
                "no_data_reason": m.no_data_reason,
            }
        )
    return out


def _csv(rows: list[Row], names: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row[k] is None else row[k] for k in names})
    return buffer.getvalue().encode("utf-8")


def _json(rows: list[Row]) -> bytes:
    return json.dumps(rows, ensure_ascii=False, indent=1).encode("utf-8")


def write(
    directory: Path, data: dict[str, list[Row]], descriptor: Callable[[list[Row]], Row]
) -> Built:
    """Write each table as CSV and JSON and the data package describing them."""
    directory.mkdir(parents=True, exist_ok=False)
    files: list[dict[str, Any]] = []
    resources: list[Row] = []
    for name, (title, fields) in SCHEMAS.items():
        names = [f[0] for f in fields]
        schema = {
            "fields": [{"name": n, "type": t, "description": d} for n, t, d in fields],
        }
        for fmt, content in (("csv", _csv(data[name], names)), ("json", _json(data[name]))):
            path = f"{name}.{fmt}"
            (directory / path).write_bytes(content)
            entry = {
                "name": f"{name}-{fmt}".replace("_", "-"),
                "path": path,
                "title": title,
                "format": fmt,
                "mediatype": MEDIA_TYPES[fmt],
                "encoding": "utf-8",
                "bytes": len(content),
                "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
            }
            files.append(entry)
            # CSV is read as a table; JSON (an array of row objects) is checked against the
            # same schema by ``validate`` (frictionless reads tabular JSON only with ijson).
            profile = {"profile": "tabular-data-resource"} if fmt == "csv" else {}
            resources.append({**entry, **profile, "schema": schema})
    package = descriptor(resources)
    content = json.dumps(package, ensure_ascii=False, indent=2).encode("utf-8")
    (directory / "datapackage.json").write_bytes(content)
    files.append(
        {
            "name": "datapackage",
            "path": "datapackage.json",
            "title": "Frictionless data package",
            "format": "json",
            "mediatype": "application/vnd.datapackage+json",
            "encoding": "utf-8",
            "bytes": len(content),
            "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
        }
    )
    return Built(files=files, counts={name: len(rows) for name, rows in data.items()})


def validate(directory: Path) -> list[str]:
    """The errors ``frictionless`` finds in the data package (none: it is valid), each
    naming the file, the row and the field."""
    from frictionless import Package

    descriptor = directory / "datapackage.json"
    if not descriptor.is_file():
        return [f"{descriptor.name}: missing"]
    errors: list[str] = []
    try:
        report = Package(str(descriptor)).validate()
    except Exception as broken:  # frictionless raises its own errors for broken descriptors
        return [f"datapackage.json: {broken}"]
    for task in report.tasks:
        for err in task.errors:
            where = [task.name]
            row = getattr(err, "row_number", None)
            if row:
                where.append(f"row {row}")
            fieldname = getattr(err, "field_name", None)
            if fieldname:
                where.append(f"field {fieldname}")
            errors.append(f"{', '.join(str(w) for w in where)}: {err.message}")
    for error in report.errors:
        errors.append(f"datapackage.json: {error.message}")
    return errors + _validate_json_tables(directory)


def _validate_json_tables(directory: Path) -> list[str]:
    """Each JSON table, an array of row objects, validated by ``frictionless`` against the
    schema its descriptor gives (as inline data)."""
    from frictionless import Resource, Schema

    errors: list[str] = []
    descriptor = json.loads((directory / "datapackage.json").read_text("utf-8"))
    for entry in descriptor.get("resources", []):
        if entry.get("format") != "json" or "schema" not in entry:
            continue
        name = str(entry.get("path", ""))
        try:
            rows = json.loads((directory / name).read_text("utf-8"))
        except (OSError, ValueError) as broken:
            errors.append(f"{name}: {broken}")
            continue
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            errors.append(f"{name}: not an array of row objects")
            continue
        schema = Schema.from_descriptor(entry["schema"])
        header = schema.field_names
        extra = sorted({k for r in rows for k in r} - set(header))
        if extra:
            errors.append(f"{name}: fields not in the schema: {', '.join(extra)}")
        data = [header, *([r.get(f) for f in header] for r in rows)]
        report = Resource(data=data, schema=schema, name=name).validate()
        for task in report.tasks:
            for err in task.errors:
                row = getattr(err, "row_number", None)
                fieldname = getattr(err, "field_name", None)
                where = name + (f", row {row}" if row else "")
                where += f", field {fieldname}" if fieldname else ""
                errors.append(f"{where}: {err.message}")
    return errors


def iter_files(directory: Path) -> Iterator[Path]:
    yield from sorted(directory.iterdir())
