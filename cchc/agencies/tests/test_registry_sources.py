"""Registry rows cite legal documents, not file paths or news; the central-branch bodies
reorganised in 2025 end and pass their work on; unverified rows are listed to be settled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from cchc.agencies.models import Agency, Assignment, Role, Succession
from cchc.agencies.registry import DEFAULT_REGISTRY, RegistryError, load_registry, read_registry
from cchc.agencies.resolver import Resolver
from cchc.agencies.sources import citation, is_web_link
from cchc.conftest import import_seed
from cchc.plans.models import Node
from cchc.scheduling.models import Obligation
from cchc.scheduling.obligations import generate_obligations

pytestmark = pytest.mark.django_db
D = dt.date
CENTRAL = {
    "bg.tw.cong-an-tinh": "bn.tw.cong-an-tinh",
    "bg.tw.cuc-thue": "bn.tw.thue-tinh",
    "bg.tw.kbnn": "bn.tw.kbnn-khu-vuc",
    "bg.tw.cuc-thong-ke": "bn.tw.thong-ke-tinh",
    "bg.tw.bhxh": "bn.tw.bhxh",
}


def test_citation_reads_like_the_document():
    with translation.override("vi"):
        assert (
            citation(
                kind="Nghị quyết", number="202/2025/QH15", date=D(2025, 6, 12), issuer="Quốc hội"
            )
            == "Nghị quyết 202/2025/QH15 ngày 12/6/2025 của Quốc hội"
        )
        assert (
            citation(kind="Quyết định", number="", date=None, issuer="Thủ tướng Chính phủ")
            == "Quyết định của Thủ tướng Chính phủ"
        )
    with translation.override("en"):
        assert (
            citation(
                kind="Nghị quyết", number="202/2025/QH15", date=D(2025, 6, 12), issuer="Quốc hội"
            )
            == "Nghị quyết 202/2025/QH15 of 12/6/2025 by Quốc hội"
        )


def test_every_source_is_a_document_and_every_link_a_web_address():
    data = read_registry(DEFAULT_REGISTRY)
    for entry in [*data["agency"], *data["succession"]]:
        basis = entry.get("basis")
        if basis:
            assert basis["type"] and basis["issuer"], entry
            assert not basis.get("url") or is_web_link(basis["url"]), entry
        for link in entry.get("links", []):
            assert is_web_link(link), entry
    load_registry(path=DEFAULT_REGISTRY)
    cited = Agency.objects.get(code="bn.ubnd-tinh")
    with translation.override("vi"):
        assert cited.citation == "Nghị quyết 202/2025/QH15 ngày 12/6/2025 của Quốc hội"
    assert all(is_web_link(link) for link in cited.links)


def _write(tmp_path: Path, basis: str, links: str = "[]") -> Path:
    path = tmp_path / "registry.toml"
    path.write_text(
        "[[agency]]\n"
        'code = "x.so"\nname = "Sở X"\nlevel = "department"\n'
        f"basis = {basis}\nlinks = {links}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    "basis,links,message",
    [
        ('{ type = "Nghị quyết", issuer = "Quốc hội", url = "sample_data/x.md" }', "[]", "url"),
        ('{ number = "1/2025/QH15" }', "[]", "type"),
        ('{ type = "Nghị quyết", issuer = "Quốc hội", date = "12/6/2025" }', "[]", "date"),
        ('{ type = "Nghị quyết", issuer = "Quốc hội" }', '["/work/shared/a.md"]', "links"),
    ],
)
def test_a_malformed_source_is_refused_naming_the_field(
    tmp_path: Path, basis: str, links: str, message: str
):
    with pytest.raises(RegistryError, match=message) as caught:
        load_registry(path=_write(tmp_path, basis, links))
    assert "x.so" in str(caught.value)
    assert not Agency.objects.exists()


def test_agency_page_shows_the_document_never_a_path(client: Client, django_user_model):
    load_registry(path=DEFAULT_REGISTRY)
    client.force_login(django_user_model.objects.create_user("reader", "", "x-9-long-password"))
    for code in ("bg.so-tu-phap", "bg.ubnd-tinh", "bn.xa.son-dong", "bg.tw.cuc-thue"):
        agency = Agency.objects.get(code=code)
        html = client.get(agency.get_absolute_url()).content.decode()
        assert "sample_data/" not in html and "/work/" not in html, code
        source = html.split('id="agency-source"', 1)[1].split("</dd>", 1)[0]
        assert "http" not in source or "chinhphu.vn" in source, code  # never a news page
    html = client.get(Agency.objects.get(code="bg.ubnd-tinh").get_absolute_url()).content.decode()
    source = html.split('id="agency-source"', 1)[1].split("</dd>", 1)[0]
    assert "Nghị quyết 202/2025/QH15 ngày 12/6/2025 của Quốc hội" in source
    links = html.split('id="agency-links"', 1)[1].split("</dd>", 1)[0]
    assert "baomoi.com" in links


def test_central_bodies_reorganised_in_2025_pass_their_work_on():
    load_registry(path=DEFAULT_REGISTRY)
    resolver = Resolver.load()
    for old, new in CENTRAL.items():
        agency = Agency.objects.get(code=old)
        assert agency.valid_until is not None and agency.valid_until < D(2026, 1, 1), old
        assert [a.code for a in resolver.successors_on(agency.pk, D(2026, 1, 1))] == [new]
        succession = Succession.objects.get(predecessor=agency)
        assert succession.successor.code == new
        # None is confirmed by a document we could read: each says so, and what it rests on.
        assert not succession.confirmed and "chưa" in succession.legal_basis
    result = resolver.resolve("Cục Thuế tỉnh", on=D(2026, 1, 1))
    assert [a.code for m in result.agencies for a in m.successors] == ["bn.tw.thue-tinh"]


def test_their_2026_reports_go_to_the_successors():
    load_registry(path=DEFAULT_REGISTRY)
    plan = import_seed()
    activity = Node.objects.get(plan=plan, number="2")  # yearly, 2021-2030
    for code in CENTRAL:
        Assignment.objects.create(
            activity=activity, agency=Agency.objects.get(code=code), role=Role.PARTNER
        )
    generate_obligations(plan=plan, since=D(2026, 1, 1), until=D(2026, 12, 31), on=D(2026, 12, 3))
    agencies = set(
        Obligation.objects.filter(activity=activity).values_list("agency__code", flat=True)
    )
    assert not agencies & set(CENTRAL)
    assert set(CENTRAL.values()) <= agencies


def test_unverified_rows_are_listed_with_a_count(client: Client, django_user_model):
    load_registry(path=DEFAULT_REGISTRY)
    client.force_login(django_user_model.objects.create_user("reader", "", "x-9-long-password"))
    expected = (
        Agency.objects.filter(confirmed=False).count()
        + Succession.objects.filter(confirmed=False).count()
    )
    listing = client.get(reverse("agencies:agency_list")).content.decode()
    assert f'<span class="badge text-bg-warning" id="unverified-count">{expected}</span>' in listing
    assert reverse("agencies:unverified") in listing
    page = client.get(reverse("agencies:unverified"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-agency="bg.tw.cuc-thue"' in html
    assert 'data-predecessor="bg.tw.kbnn" data-successor="bn.tw.kbnn-khu-vuc"' in html
    assert "sample_data/" not in html and "/work/" not in html


@pytest.mark.parametrize(
    "text,on,codes,groups",
    [
        ("Các sở ngành", D(2021, 8, 21), [], ["so-nganh"]),
        ("Các Sở ngành; UBND các xã phường", D(2026, 1, 1), [], ["ubnd-cap-xa", "so-nganh"]),
        ("UBND các xã, phường", D(2026, 1, 1), [], ["ubnd-cap-xa"]),
        ("Trung tâm PVHCC", D(2021, 8, 21), ["bg.ttpvhcc"], []),
        ("Trung tâm PVHCC", D(2026, 1, 1), ["bn.ttpvhcc"], []),
        ("Trung tâm Phục vụ hành chính công", D(2026, 1, 1), ["bn.ttpvhcc"], []),
    ],
)
def test_common_phrasings_resolve(text: str, on: dt.date, codes: list[str], groups: list[str]):
    load_registry(path=DEFAULT_REGISTRY)
    result = Resolver.load().resolve(text, on=on)
    assert not result.unresolved, result.unresolved
    assert [m.agency.code for m in result.agencies] == codes
    assert sorted(g.group.code for g in result.groups) == sorted(groups)
