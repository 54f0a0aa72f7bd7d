"""The remit formula naming the body's sector ("Căn cứ chức năng quản lý, ngành, lĩnh vực,
phạm vi quản lý, …"; qualifiers._REMIT and vocabulary._REMIT_RE, issue 15, branch left22):
made-up snippets."""

from __future__ import annotations

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.qualifiers import generic_qualifier, is_generic
from cchc.plans.parsing.vocabulary import _REMIT_RE

_PLAN = """QUYẾT ĐỊNH
Ban hành Quy chế phối hợp quản lý hoạt động du lịch cộng đồng
Điều 3. Trách nhiệm của các cơ quan
1. Sở Văn hóa, Thể thao và Du lịch chủ trì hướng dẫn các xã lập hồ sơ điểm du lịch cộng đồng.
2. Các sở, ngành liên quan căn cứ chức năng quản lý, ngành, lĩnh vực, phạm vi quản lý kiểm tra \
điều kiện kinh doanh của các cơ sở lưu trú.
"""


def test_the_sector_in_the_remit_formula_is_no_part_of_the_title() -> None:
    parsed = parse_bytes(_PLAN.encode(), "rules.txt")
    second = next(i for i in parsed.items if i.number.rstrip(".") == "2")
    assert second.title.startswith("Kiểm tra điều kiện kinh doanh")
    assert "ngành, lĩnh vực" not in (second.title or "")


def test_the_remit_formula_with_the_sector() -> None:
    clause = "Căn cứ chức năng quản lý, ngành, lĩnh vực, phạm vi quản lý"
    assert is_generic(clause)
    assert generic_qualifier(f"{clause}, rà soát hồ sơ đăng ký")[0] == "Rà soát hồ sơ đăng ký"
    assert _REMIT_RE.match(f"{clause}, phối hợp với Sở Y tế kiểm tra")
    # "chức năng quản lý nhà nước về …" names a field, not the remit formula alone.
    assert not is_generic("Căn cứ chức năng quản lý nhà nước về du lịch")
