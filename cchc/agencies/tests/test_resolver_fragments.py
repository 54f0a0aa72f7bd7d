"""An unresolved fragment is a whole name as printed between the separators: a type word
("Trường", "Ban", "Hội") starts a new name only where it is written with a capital and the
cut gives names, never inside a word pair ("Thủ trưởng", "Ủy ban") or a person's title."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.agencies.resolver import Resolver

pytestmark = pytest.mark.usefixtures("mini_registry")
ON = dt.date(2021, 9, 1)


def resolve(text: str):
    return Resolver.load().resolve(text, on=ON)


def codes(resolution) -> list[str]:
    return [m.agency.code for m in resolution.agencies]


@pytest.mark.parametrize(
    "text",
    [
        "Thủ trưởng các cơ quan ngang Bộ",  # "trưởng" folds to "truong" (a school)
        "Chủ tịch Ủy ban nhân dân các xã",  # "ban" (a board) inside "Ủy ban"
        "Chủ tịch Hội đồng quản trị",  # "Hội" (an association) starts the body of a title
        "Giám đốc Trung tâm Khuyến nông",
        "Tổng giám đốc các Tập đoàn",
    ],
)
def test_a_title_is_one_fragment(text):
    result = resolve(text)
    assert result.unresolved == [text]
    assert not result.agencies


def test_fragments_of_a_list_of_titles_are_the_items_between_commas():
    result = resolve(
        "Bộ trưởng, Thủ trưởng các cơ quan ngang Bộ, Chủ tịch Ủy ban nhân dân các xã, "
        "Chủ tịch Hội đồng quản trị, đơn vị liên quan"
    )
    assert result.unresolved == [
        "Bộ trưởng",
        "Thủ trưởng các cơ quan ngang Bộ",
        "Chủ tịch Ủy ban nhân dân các xã",
        "Chủ tịch Hội đồng quản trị",
        "đơn vị liên quan",
    ]


def test_names_without_a_separator_are_still_cut():
    # Both known; one known and one not; neither known but both start with a type word.
    assert codes(resolve("Sở Tư pháp Sở Nội vụ")) == ["bg.so-tu-phap", "bg.so-noi-vu"]
    result = resolve("Sở Tư pháp Ban Quản lý dự án tỉnh")
    assert codes(result) == ["bg.so-tu-phap"]
    assert result.unresolved == ["Ban Quản lý dự án tỉnh"]
    assert resolve("Sở Khoa học Sở Công thương mới").unresolved == [
        "Sở Khoa học",
        "Sở Công thương mới",
    ]


def test_a_lower_case_type_word_is_no_new_name():
    # "ban" and "trường" in lower case are words of the name, not the start of another.
    assert resolve("Trung tâm Hành chính công ban ngành").unresolved == [
        "Trung tâm Hành chính công ban ngành"
    ]


def test_a_government_plans_lead_cell():
    # Issue 15: a Government plan's lead cell, none of it in a province's registry.
    result = resolve(
        "Bộ trưởng, Thủ trưởng các cơ quan ngang Bộ, cơ quan thuộc Chính phủ, Chủ tịch Ủy ban "
        "nhân dân các tỉnh, thành phố trực thuộc Trung ương, Chủ tịch Hội đồng thành viên, Tổng "
        "giám đốc các Tập đoàn, Tổng Công ty, đơn vị liên quan"
    )
    assert "Thủ" not in result.unresolved and "Chủ tịch Ủy" not in result.unresolved
    assert "Chủ tịch Hội đồng thành viên" in result.unresolved


def test_a_comma_inside_parentheses_does_not_cut():
    result = resolve("Sở Tư pháp, các cơ quan (có dự án khánh thành, khởi công), Sở Nội vụ")
    assert codes(result) == ["bg.so-tu-phap", "bg.so-noi-vu"]
    assert result.unresolved == ["các cơ quan (có dự án khánh thành, khởi công)"]


def test_a_lower_case_piece_does_not_inherit_the_type_word():
    result = resolve("Các Bộ: Quốc phòng, Kế hoạch, đơn vị trực thuộc")
    assert result.unresolved == ["Bộ Quốc phòng", "Bộ Kế hoạch", "đơn vị trực thuộc"]


@pytest.mark.parametrize(
    "text",
    [
        "Trung tâm Chuyển đổi số Thành phố",  # "số" (a number) folds like "Sở"
        "Cục Bản quyền tác giả",  # "Bản" folds like "Ban"
    ],
)
def test_a_word_that_only_folds_like_a_type_word_does_not_cut(text):
    result = resolve(text)
    assert result.unresolved == [text] and not result.agencies


def test_a_listed_type_word_is_lent_even_to_a_piece_that_looks_like_a_name():
    result = resolve("Các Cục: Di sản văn hóa, Bản quyền tác giả, Báo chí")
    assert result.unresolved == ["Cục Di sản văn hóa", "Cục Bản quyền tác giả", "Cục Báo chí"]


@pytest.mark.parametrize("text", ["Văn phòng Ban Chỉ huy", "Ủy ban Mặt trận Tổ quốc tỉnh"])
def test_a_type_word_alone_is_the_head_of_one_name(text):
    assert resolve(text).unresolved == [text]
