"""Releases: built as valid Frictionless packages, approved by another person, published
only when they validate, immutable once published (on SQLite and PostgreSQL alike)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction
from frictionless import Package, validate
from frictionless.resources import TableResource

from cchc.opendata import package
from cchc.opendata.actions import (
    ReleaseError,
    approve_release,
    build_release,
    directory_of,
    publish_release,
)
from cchc.opendata.models import Release, ReleaseState
from cchc.opendata.tests.conftest import (
    HIDDEN_INDICATOR,
    HIDDEN_PLAN,
    HIDDEN_TARGET,
    World,
)

pytestmark = pytest.mark.django_db


def test_build_writes_a_valid_data_package_of_public_data_only(world: World) -> None:
    release = build_release(period_key="half-1", year=2024, user=world.builder, changelog="Lần đầu")
    assert release.state == ReleaseState.DRAFT
    assert release.version == 1
    assert release.period_label == "6 tháng đầu năm 2024"
    assert release.validation_errors == []
    directory = directory_of(release)
    report = validate(str(directory / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    descriptor = json.loads((directory / "datapackage.json").read_text("utf-8"))
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    names = {r["name"] for r in descriptor["resources"]}
    assert {"plan-nodes-csv", "plan-nodes-json", "indicator-series-csv", "targets-json"} <= names
    assert all(r["schema"]["fields"] for r in descriptor["resources"])
    # Only what is public: the hidden plan, target and indicator are nowhere in the files.
    for path in directory.iterdir():
        text = path.read_text("utf-8")
        for secret in (HIDDEN_PLAN, HIDDEN_TARGET, HIDDEN_INDICATOR, "od.hidden"):
            assert secret not in text, (path.name, secret)
    rows = list(csv.DictReader(io.StringIO((directory / "plan_nodes.csv").read_text("utf-8"))))
    assert {r["plan_id"] for r in rows} == {str(world.plan.pk)}
    assert len(rows) == 10
    series = json.loads((directory / "indicator_series.json").read_text("utf-8"))
    # Values up to the cut-off (14/06/2024): the two first quarters, not the third.
    assert [s["value"] for s in series] == [90.0, 93.5]
    targets = json.loads((directory / "targets.json").read_text("utf-8"))
    assert [t["target_id"] for t in targets] == [world.target.pk]
    assert release.counts["plan_nodes"] == 10
    # Every file is listed with its hash and media type, the package too.
    assert {f["path"] for f in release.files} == {p.name for p in directory.iterdir()}


def test_versions_count_up_per_period(world: World) -> None:
    first = build_release(period_key="quarter-1", year=2024, user=world.builder)
    second = build_release(period_key="quarter-1", year=2024, user=world.builder)
    other = build_release(period_key="year", year=2024, user=world.builder)
    assert (first.version, second.version, other.version) == (1, 2, 1)
    assert directory_of(first) != directory_of(second)


def test_unknown_period_is_refused_with_its_name(world: World) -> None:
    with pytest.raises(ReleaseError, match="quarter-9"):
        build_release(period_key="quarter-9", year=2024, user=world.builder)
    assert not Release.objects.exists()


def test_workflow_records_who_and_when(world: World) -> None:
    release = build_release(period_key="quarter-1", year=2024, user=world.builder)
    # The builder does not approve their own release while another member exists.
    with pytest.raises(ReleaseError, match="thành viên khác"):
        approve_release(release=release, user=world.builder)
    with pytest.raises(ReleaseError, match="bản phát hành đã duyệt"):
        publish_release(release=release, user=world.approver)
    release = approve_release(release=release, user=world.approver, changelog="Số liệu quý I")
    assert release.state == ReleaseState.APPROVED
    assert release.approved_by == world.approver and release.approved_at is not None
    release = publish_release(release=release, user=world.builder)
    assert release.state == ReleaseState.PUBLISHED
    assert release.published_by == world.builder and release.published_at is not None
    assert release.changelog == "Số liệu quý I"


def test_alone_in_the_secretariat_the_builder_approves(world: World) -> None:
    from cchc.accounts.actions import end_membership
    from cchc.accounts.models import Membership

    for membership in Membership.objects.filter(user=world.approver):
        end_membership(membership=membership, by=None)
    release = build_release(period_key="quarter-1", year=2024, user=world.builder)
    release = approve_release(release=release, user=world.builder)
    assert release.approved_by == release.built_by == world.builder


def _approved(world: World) -> Release:
    release = build_release(period_key="quarter-1", year=2024, user=world.builder)
    return approve_release(release=release, user=world.approver)


def test_publish_refuses_an_invalid_package_with_the_errors(world: World) -> None:
    release = _approved(world)
    directory = directory_of(release)
    # The descriptor says "value" is a number; a row says otherwise.
    csv_path = directory / "indicator_series.csv"
    text = csv_path.read_text("utf-8").replace("93.5", "chín mươi")
    csv_path.write_text(text, "utf-8")
    with pytest.raises(ReleaseError) as refused:
        publish_release(release=release, user=world.approver)
    assert any("indicator_series.csv" in e for e in refused.value.errors)
    release.refresh_from_db()
    assert release.state == ReleaseState.APPROVED


def _tamper(directory: Path, path: str, old: str, new: str) -> None:
    """Change a file and its size and hash in the descriptor: only the contents are wrong."""
    target = directory / path
    content = target.read_text("utf-8").replace(old, new, 1).encode("utf-8")
    target.write_bytes(content)
    descriptor_path = directory / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text("utf-8"))
    for entry in descriptor["resources"]:
        if entry["path"] == path:
            entry["bytes"] = len(content)
            entry["hash"] = "sha256:" + hashlib.sha256(content).hexdigest()
    descriptor_path.write_text(json.dumps(descriptor, ensure_ascii=False), "utf-8")


def test_validation_names_file_row_and_field(world: World) -> None:
    release = build_release(period_key="quarter-1", year=2024, user=world.builder)
    directory = directory_of(release)
    _tamper(directory, "indicator_series.csv", "90.0", "chín mươi")
    _tamper(directory, "targets.json", '"year": 2025', '"year": "năm sau"')
    errors = package.validate(directory)
    assert any(e.startswith("indicator-series-csv, row 2, field value") for e in errors), errors
    assert any(e.startswith("targets.json, row 2, field year") for e in errors), errors


def test_a_draft_that_does_not_validate_cannot_be_approved(world: World, settings: object) -> None:
    release = build_release(period_key="quarter-1", year=2024, user=world.builder)
    Release.objects.filter(pk=release.pk).update(validation_errors=["targets.csv: row 2: bad"])
    release.refresh_from_db()
    with pytest.raises(ReleaseError) as refused:
        approve_release(release=release, user=world.approver)
    assert refused.value.errors == ["targets.csv: row 2: bad"]


def test_validate_reports_a_broken_descriptor(tmp_path: Path) -> None:
    (tmp_path / "datapackage.json").write_text("{not json", "utf-8")
    errors = package.validate(tmp_path)
    assert errors and errors[0].startswith("datapackage.json")
    assert package.validate(tmp_path / "missing") == ["datapackage.json: missing"]


def test_published_release_is_immutable_in_the_database(world: World) -> None:
    release = publish_release(release=_approved(world), user=world.approver)
    refused = pytest.raises(IntegrityError, match="opendata_release_published_immutable")
    with refused, transaction.atomic():
        Release.objects.filter(pk=release.pk).update(changelog="sửa lén")
    refused = pytest.raises(IntegrityError, match="opendata_release_published_immutable")
    with refused, transaction.atomic():
        Release.objects.filter(pk=release.pk).delete()
    release.refresh_from_db()
    assert release.changelog == ""
    # A draft still changes freely; a correction is a new version.
    draft = build_release(period_key="quarter-1", year=2024, user=world.builder)
    Release.objects.filter(pk=draft.pk).update(changelog="Sửa số liệu")
    assert draft.version == 2


def test_frictionless_reads_the_published_files_back(world: World) -> None:
    release = publish_release(release=_approved(world), user=world.approver)
    pkg = Package(str(directory_of(release) / "datapackage.json"))
    resource = pkg.get_resource("indicator-series-csv")
    assert isinstance(resource, TableResource)
    rows = resource.read_rows()
    assert [r["value"] for r in rows] == [90.0]
