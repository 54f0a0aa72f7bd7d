"""Round 14 rules (issue 15): letters of any body read as plans (made-up snippets)."""

from __future__ import annotations

from cchc.plans.parsing.structure import announcing


def test_an_opening_asking_a_body_to_carry_out_announces_the_points() -> None:
    # "… yêu cầu X chỉ đạo thực hiện:" with no "như sau": X leads the points below.
    found = announcing(
        "Từ kết quả trên, Sở Nội vụ yêu cầu Giám đốc Trung tâm Lưu trữ chỉ đạo thực hiện:"
    )
    assert found is not None
    assert found.group("lead") == "Giám đốc Trung tâm Lưu trữ"


def test_a_verb_ending_an_opening_without_an_ask_announces_nothing() -> None:
    # No one asked: a sentence ending on "thực hiện:" is not an announcing opening.
    assert announcing("Kết quả các nhiệm vụ đã thực hiện:") is None
