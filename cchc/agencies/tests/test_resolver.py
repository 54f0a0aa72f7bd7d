"""Resolving free text to agencies and groups, with reasons, on a date."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.agencies.resolver import Resolver

pytestmark = pytest.mark.usefixtures("mini_registry")
BEFORE = dt.date(2021, 9, 1)
AFTER = dt.date(2026, 1, 1)


def resolve(text: str, on: dt.date = BEFORE):
    return Resolver.load().resolve(text, on=on)


def codes(resolution) -> list[str]:
    return [m.agency.code for m in resolution.agencies]


@pytest.mark.parametrize(
    "text",
    [
        "Sở TT&TT",
        "Sở TT&T T",
        "Sở Thông tin và TT",
        "Sở Thông tin và Truyền thông",
        "sở thông tin và truyền thông",
        "SO THONG TIN VA TRUYEN THONG",
        "Sở TT & TT",
        "Sở Thông tin và Truyền thông tỉnh Bắc Giang",
        "Sở Thông tin và Truyền thôn",
    ],
)
def test_spellings_of_one_department(text):
    result = resolve(text)
    assert codes(result) == ["bg.so-tt-tt"], result.as_dict()
    assert not result.unresolved
    assert result.agencies[0].fragment == text.strip()
    assert result.agencies[0].reason


def test_lists_with_every_separator():
    result = resolve(
        "Sở Tư pháp; Sở Nội vụ, Văn phòng UBND tỉnh và Sở Văn hóa, Thể thao và Du lịch\nSNV"
    )
    assert codes(result) == ["bg.so-tu-phap", "bg.so-noi-vu", "bg.vp-ubnd", "bg.so-vh-tt-dl"]
    assert not result.unresolved


def test_missing_separator_and_elliptical_lists():
    assert codes(resolve("Sở Tư pháp Sở Nội vụ")) == ["bg.so-tu-phap", "bg.so-noi-vu"]
    result = resolve("Sở Tư pháp, Nội vụ")
    assert codes(result) == ["bg.so-tu-phap", "bg.so-noi-vu"]
    assert "Sở" in result.agencies[1].reason
    result = resolve("Các Bộ: Quốc phòng, Xây dựng")
    assert result.unresolved == ["Bộ Quốc phòng", "Bộ Xây dựng"]


def test_group_phrases_with_commas_and_dated_members():
    result = resolve("Các Sở, ngành; UBND huyện, thành phố")
    groups = {g.group.code: g for g in result.groups}
    assert set(groups) == {"so-nganh", "ubnd-cap-huyen"}
    assert {a.code for a in groups["ubnd-cap-huyen"].members} == {
        "bg.ubnd-yen-the",
        "bg.ubnd-tp-bac-giang",
    }
    assert groups["so-nganh"].fragment == "Các Sở, ngành"
    assert not result.agencies and not result.unresolved
    # After 1/7/2025 the district level is gone: the group's work is with the successors of
    # its last districts (Yên Thế → xã Bố Hạ in the test registry).
    later = resolve("UBND cấp huyện", on=AFTER).groups[0]
    assert later.ended_on == dt.date(2025, 6, 30)
    assert [a.code for a in later.members] == ["bn.ubnd-xa-bo-ha"]
    assert {a.code for a in resolve("Các sở, ngành", on=AFTER).groups[0].members} == {
        "bn.so-noi-vu",
        "bn.so-kh-cn",
    }


def test_group_phrase_long_form_and_open_groups():
    result = resolve("Ủy ban nhân dân huyện, thành phố; các cơ quan, đơn vị liên quan")
    assert [g.group.code for g in result.groups] == ["lien-quan", "ubnd-cap-huyen"] or [
        g.group.code for g in result.groups
    ] == ["ubnd-cap-huyen", "lien-quan"]
    open_group = next(g for g in result.groups if g.group.code == "lien-quan")
    assert open_group.open and open_group.members == []


def test_after_an_agency_ended_its_successors_are_named():
    result = resolve("Sở TT&TT", on=AFTER)
    match = result.agencies[0]
    assert match.agency.code == "bg.so-tt-tt" and match.ended
    # TT&TT merged into KH&CN of Bắc Giang (1/3/2025), which merged into Bắc Ninh's (1/7/2025).
    assert [a.code for a in match.successors] == ["bn.so-kh-cn"]
    mid = resolve("Sở TT&TT", on=dt.date(2025, 4, 1)).agencies[0]
    assert [a.code for a in mid.successors] == ["bg.so-kh-cn"]
    data = result.as_dict()
    assert data["agencies"][0]["ended"] is True
    assert data["agencies"][0]["successors"][0]["code"] == "bn.so-kh-cn"


def test_same_name_resolves_to_the_agency_valid_on_the_date():
    assert codes(resolve("Sở Nội vụ")) == ["bg.so-noi-vu"]
    assert codes(resolve("Sở Nội vụ", on=AFTER)) == ["bn.so-noi-vu"]
    assert not resolve("Sở Nội vụ", on=AFTER).agencies[0].ended


def test_unknown_text_is_kept_verbatim():
    result = resolve("Sở Ngoại vụ; Hội Nông dân tỉnh")
    assert result.unresolved == ["Sở Ngoại vụ", "Hội Nông dân tỉnh"]
    assert resolve("").as_dict() == {
        "text": "",
        "on": "2021-09-01",
        "agencies": [],
        "groups": [],
        "unresolved": [],
    }


def test_a_bare_type_word_is_no_agency():
    result = resolve("Các sở, ngành, UBND")
    assert not result.agencies
    assert result.unresolved == ["UBND"]


@pytest.mark.parametrize(
    "text", ["Sở Thông tin và Truyền thông xã", "Sở Thông tin và Truyền thông huyện"]
)
def test_a_known_name_with_another_level_after_it_is_not_a_close_spelling_of_it(text):
    """A commune's or district's body named like a province's ("Trung tâm Phục vụ hành chính
    công xã") is another body: the level word is no typo, so the close-spelling match (which
    would take it for the province's) does not apply and the name is reported as printed."""
    result = resolve(text)
    assert codes(result) == [], result.as_dict()
    # (reported as printed between the separators, as any name the registry does not hold)
    assert " và ".join(result.unresolved) == text
    # A typo at the end is still a close spelling.
    assert codes(resolve("Sở Thông tin và Truyền thôngg")) == ["bg.so-tt-tt"]
