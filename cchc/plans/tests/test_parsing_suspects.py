"""The suspect-field check (issue 15, point 4): a field read wrong is a warning with its line.

Each rule of ``parsing/suspects.py`` on a made-up row, the fields it must leave alone, the
warning's shape, and that it never raises whatever the items hold. The seed's one suspect
field is in ``test_parsing_seed.py``; the preview showing the warning in ``test_views.py``.
"""

from __future__ import annotations

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.plans.parsing import parse_bytes
from cchc.plans.parsing.result import DocumentInfo, ImportWarning, Item, ParsedPlan
from cchc.plans.parsing.suspects import CODE, RULES, check_suspects, suspect_fields


def _item(**fields: str | None) -> Item:
    values: dict[str, str | None] = {
        "number": "1",
        "title": "Rà soát, đơn giản hóa thủ tục hành chính",
        "lead": "Sở Nội vụ",
        "partners": "Các sở, ban, ngành; UBND các xã, phường",
        "timeframe": "Quý IV/2025",
    }
    values.update(fields)
    return Item(line=7, **values)  # type: ignore[arg-type]


def _plan(*items: Item) -> ParsedPlan:
    return ParsedPlan(document=DocumentInfo(title="Kế hoạch"), items=list(items))


@pytest.mark.parametrize(
    ("fields", "field", "rule"),
    [
        # a lead that is the task's start: a verb before any body
        ({"lead": "tổ chức hội nghị tập huấn cho Sở Nội vụ"}, "lead", "lead-verb-first"),
        # a lead naming no body at all
        ({"lead": "Hằng năm"}, "lead", "lead-no-body"),
        ({"lead": "Nguyễn Văn A"}, "lead", "lead-no-body"),
        # longer than any list of bodies
        ({"lead": "Sở Nội vụ " + "và các phòng chuyên môn " * 15}, "lead", "lead-too-long"),
        # a name's last word, then the task's verb: the lead ran into the task
        ({"lead": "Thành phố Hải Phòng, tỉnh Sơn La đẩy nhanh tiến độ"}, "lead", "lead-task"),
        ({"lead": "UBND tỉnh Cao Bằng khẩn trương"}, "lead", "lead-task"),
        # cut before its name's end, or with the task's first word
        ({"lead": "Ủy ban Mặt trận Tổ quốc tỉnh và các"}, "lead", "lead-open-end"),
        ({"lead": "UBND tỉnh Lạng Sơn sẽ"}, "lead", "lead-open-end"),  # ("trực tiếp": a verb)
        # the assignment's role words and the bodies they name opening the title
        ({"title": "Phối hợp với Sở Y tế tổ chức tiêm chủng"}, "title", "title-role-opening"),
        ({"title": "Phối hợp chặt chẽ các sở, ngành rà soát"}, "title", "title-role-opening"),
        ({"title": "Chủ trì, phối hợp với Sở Tư pháp rà soát"}, "title", "title-role-opening"),
        ({"title": "Cùng Bộ Công an kiểm tra việc cấp phép"}, "title", "title-role-opening"),
        # a body and its role, deadline, verb or remit opening the title
        ({"title": "Sở Tài chính chủ trì, thẩm định dự toán"}, "title", "title-subject"),
        ({"title": "Bộ Y tế trước ngày 30/6/2026 ban hành"}, "title", "title-subject"),
        ({"title": "Sở Công Thương tổ chức hội chợ"}, "title", "title-subject"),
        (
            {"title": "Hội Nông dân, đoàn thanh niên, theo nhiệm vụ, quyền hạn của mình vận động"},
            "title",
            "title-subject",
        ),
        # a body's name as the whole title of a row with no lead: the columns moved
        ({"title": "Ban Dân nguyện", "lead": None}, "title", "title-body"),
        ({"title": "Ủy ban Kinh tế.", "lead": ""}, "title", "title-body"),
        # a topic before the task
        ({"title": "Về mặt bằng thi công: chỉ đạo các nhà thầu bàn giao"}, "title", "title-topic"),
        # a title ending on a word no phrase ends on
        ({"title": "Nâng cao chất lượng thẩm định văn bản của"}, "title", "title-cut"),
        # a heading read as a row: capitals, no lead, no timeframe
        (
            {"title": "PHẦN II. NHIỆM VỤ TRỌNG TÂM", "lead": "", "timeframe": None},
            "title",
            "title-heading",
        ),
        ({"title": "  ** "}, "title", "title-empty"),
        # partners that swallowed the deadline or the task after them
        (
            {"partners": "Sở Tư pháp, hoàn thành trước ngày 15/12/2025"},
            "partners",
            "partners-deadline",
        ),
        ({"partners": "Sở Xây dựng trong quý III/2026"}, "partners", "partners-deadline"),
        ({"partners": "Bộ Tài chính tiếp thu ý kiến các bộ"}, "partners", "partners-task"),
        ({"partners": "tiến hành kiểm định thiết bị"}, "partners", "partners-task"),
        # silent misreads (branch silent2): a lead that is only heads with no name
        ({"lead": "Cấp ủy"}, "lead", "lead-bare-head"),
        ({"lead": "Huyện uỷ"}, "lead", "lead-bare-head"),
        ({"lead": "Văn phòng Ban"}, "lead", "lead-bare-head"),
        # a lead ending on the task's first verb
        ({"lead": "Ban Thường vụ Huyện ủy lãnh đạo"}, "lead", "lead-verb-end"),
        ({"lead": "Đảng ủy các xã, phường chủ trì"}, "lead", "lead-verb-end"),
        # a lead cut after the first word of a two-word name
        ({"lead": "Các cơ quan trực thuộc Chính"}, "lead", "lead-cut-name"),
        # a qualifier kept after the bodies
        (
            {"lead": "Sở Y tế, các bệnh viện, nhất là bệnh viện tuyến huyện"},
            "lead",
            "lead-qualifier",
        ),
        # an assessment read as a row
        ({"lead": "Thường trực Huyện ủy thống nhất với Báo cáo"}, "lead", "lead-assessment"),
        ({"title": "Cơ bản nhất trí với Tờ trình của Sở Tài chính"}, "title", "title-assessment"),
        ({"title": "Ghi nhận và biểu dương các xã đã làm tốt"}, "title", "title-assessment"),
        # the remit before the role words and the bodies they name
        (
            {"title": "Theo chức năng, nhiệm vụ và thẩm quyền chủ trì, phối hợp với Sở Y tế"},
            "title",
            "title-role-opening",
        ),
        # the assignment itself opening the title: the lead is named after "Giao"
        ({"title": "Giao đồng chí Giám đốc Sở Nội vụ trực tiếp kiểm tra"}, "title", "title-given"),
        ({"title": "Giao Ủy ban nhân dân huyện rà soát hồ sơ"}, "title", "title-given"),
        # a procedural reference as the whole title
        ({"title": "Thực hiện theo Mục IV Hướng dẫn số 05-HD/BTC"}, "title", "title-reference"),
        (
            {"title": "Về hồ sơ: thực hiện theo hướng dẫn tại Công văn số 12/SNV"},
            "title",
            "title-reference",
        ),
        # a remnant of the subject or its modal opening the title
        ({"title": "Nói trên Chủ động rà soát kế hoạch"}, "title", "title-remnant"),
        ({"title": "Phải tăng cường kiểm tra cơ sở"}, "title", "title-remnant"),
        # a deadline left in the title while the timeframe is empty
        (
            {"title": "Ban hành quy chế (hoàn thành trong quý II/2026)", "timeframe": ""},
            "title",
            "title-deadline",
        ),
        (
            {"title": "Rà soát quy trình, hoàn thành trước ngày 15/3/2026", "timeframe": None},
            "title",
            "title-deadline",
        ),
        # an hour of every day as the timeframe
        ({"timeframe": "trước 10 giờ hằng ngày"}, "timeframe", "timeframe-hour"),
        ({"timeframe": "16h30 hàng ngày"}, "timeframe", "timeframe-hour"),
    ],
)
def test_each_rule_flags_its_field(fields, field, rule):
    assert suspect_fields(_item(**fields)) == {field: rule}


@pytest.mark.parametrize(
    "fields",
    [
        # leads: names with words that read as verbs, lists of bodies by their kind
        {"lead": "Sở Xây dựng"},
        {"lead": "Ban Chỉ đạo chuyển đổi số tỉnh"},
        {"lead": "Ban chỉ đạo 389 tỉnh"},
        {"lead": "Các cơ quan, đơn vị trực thuộc"},
        {"lead": "Chủ đầu tư các dự án"},
        {"lead": "Đối tượng thực hiện kiểm kê"},
        # a clause in lower case saying which bodies; a name in capitals holding a verb
        {"lead": "Các doanh nghiệp hoạt động trong lĩnh vực xây dựng"},
        {"lead": "Cục Kinh tế - Quản lý đầu tư xây dựng"},
        {"lead": "Giám đốc các Sở, Thủ trưởng các ngành, Chủ tịch UBND các xã, phường"},
        {"lead": ""},
        {"lead": None},
        # titles: a task done jointly, its verb first; a name at the end
        {"title": "Phối hợp rà soát, sửa đổi quy chế"},
        {"title": "Phối hợp, hỗ trợ các doanh nghiệp triển khai"},
        {"title": "Ban hành Quy chế phối hợp"},
        {"title": "Báo cáo về tình hình thực hiện: số liệu quý I"},
        {"title": "Ban Dân nguyện", "lead": "Văn phòng Quốc hội"},
        {"title": "Bộ tiêu chí chuyển đổi số", "lead": None},
        {"title": "Bộ tiêu chí đánh giá được xây dựng"},
        {"title": "Báo cáo Bộ Nội vụ kết quả thực hiện"},
        {"title": "Tổ chức hội nghị sơ kết trong những năm tiếp theo"},
        {"title": "KIỂM TRA CẢI CÁCH HÀNH CHÍNH", "lead": "Sở Nội vụ"},
        {"title": None},
        # partners: bodies whose names hold a verb, a clause saying which bodies
        {"partners": "Các sở, ngành, các huyện, TP; các ĐVSN công lập"},
        {"partners": "Các sở, ban, ngành, các tổ chức chính trị - xã hội"},
        {"partners": "cơ quan, tổ chức, cá nhân có liên quan"},
        {"partners": "chủ đầu tư hạ tầng và các cơ quan chức năng"},
        {"partners": "Các trường đại học, viện nghiên cứu"},
        {"partners": "Các đơn vị được giao thực hiện TTHC"},
        {"partners": "các công ty CP thực hiện thoái vốn nhà nước"},
        {"partners": "Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công)"},
        # silent2's rules: a unit of the issuing body, names and nouns ending like verbs
        {"lead": "Văn phòng Bộ"},
        {"lead": "Ban Tổ chức Huyện ủy"},
        {"lead": "Các cấp lãnh đạo"},
        {"lead": "Ban Quản lý dự án đầu tư xây dựng"},
        {"lead": "Ủy ban nhân dân các tỉnh, trong đó trọng tâm là tỉnh A, tỉnh B"},
        {"title": "Cần rà soát, đánh giá kỹ hiệu quả"},
        {"title": "Giao chỉ tiêu biên chế năm 2026 cho các xã"},
        {"title": "Theo chức năng, nhiệm vụ được giao theo dõi, đôn đốc việc thực hiện"},
        {"title": "Đề nghị Bộ Tài chính bố trí kinh phí"},
        {"title": "Biểu dương, khen thưởng các tập thể"},
        {"title": "Thống nhất với các sở về phương án"},
        {"title": "Thực hiện theo dõi, kiểm tra định kỳ"},
        {"title": "Báo cáo kết quả trước ngày 30/6/2026", "timeframe": "trước ngày 30/6/2026"},
        {"title": "Hỗ trợ vốn (trước hết cho hộ nghèo, 200 triệu đồng)", "timeframe": ""},
        {"timeframe": "trước 17 giờ ngày 20/11/2025"},
        {"timeframe": "Hằng tháng"},
    ],
)
def test_fields_of_the_genre_read_right_are_left_alone(fields):
    assert suspect_fields(_item(**fields)) == {}


def test_one_warning_per_field_on_the_rows_line_naming_row_field_and_text():
    item = _item(
        number="4.2",
        lead="tổ chức hội nghị",
        title="Phối hợp với Sở Y tế tổ chức tiêm chủng",
        partners="Bộ Tài chính tiếp thu ý kiến, trước ngày 30/6/2026",
    )
    plan = _plan(item)
    with translation.override("en"):
        check_suspects(plan)
    assert [(w.line, w.code) for w in plan.warnings] == [(7, CODE)] * 3
    lead, title, partners = (w.message for w in plan.warnings)
    assert lead.startswith("Row 4.2, lead agency “tổ chức hội nghị”: ")
    assert title.startswith("Row 4.2, title “Phối hợp với Sở Y tế")
    # partners holding both a deadline and a verb: one warning, the first rule's
    assert partners.startswith("Row 4.2, partner agencies “Bộ Tài chính") and "deadline" in partners


def test_the_warning_is_translated_and_shows_a_long_text_cut():
    plan = _plan(_item(number=None, title="Phối hợp với Sở Y tế " + "tổ chức tiêm chủng " * 20))
    with translation.override("vi"):
        check_suspects(plan)
    (warning,) = plan.warnings
    # a row without a number is not called "Row ?": the warning's line names it
    assert warning.message.startswith(
        "Dòng công việc không có số thứ tự, tiêu đề «Phối hợp với Sở Y tế"
    )
    assert "…»" in warning.message and len(warning.message) < 300


def test_a_cut_title_is_shown_by_its_end():
    plan = _plan(_item(title="Hoàn thiện " + "quy trình nội bộ " * 20 + "của"))
    with translation.override("en"):
        check_suspects(plan)
    assert "“…" in plan.warnings[0].message and "nội bộ của”" in plan.warnings[0].message


def test_an_empty_title_already_warned_by_the_reader_is_not_warned_twice():
    plan = _plan(_item(title=""))
    plan.warnings.append(ImportWarning(line=7, message="Row 1 has no title", code="no-title"))
    check_suspects(plan)
    assert [w.code for w in plan.warnings] == ["no-title"]


def test_every_rule_has_a_field_the_check_names_and_a_message():
    assert {rule.field for rule in RULES} == {"lead", "title", "partners", "timeframe"}
    assert len({rule.name for rule in RULES}) == len(RULES)
    assert all(rule.message() for rule in RULES)


def test_parsing_a_document_runs_the_check_on_its_rows():
    text = (
        "| STT | Nội dung | Chủ trì | Phối hợp | Thời gian |\n|---|---|---|---|---|\n"
        "| 1 | Rà soát thủ tục hành chính | Sở Nội vụ | Các sở, ngành | Quý IV/2025 |\n"
        "| 2 | Phối hợp với Sở Tư pháp thẩm định văn bản | Sở Y tế | | Năm 2026 |\n"
    ).encode()
    parsed = parse_bytes(text, "k.md")
    suspects = [w for w in parsed.warnings if w.code == CODE]
    assert [w.line for w in suspects] == [4]


_TEXT = st.one_of(
    st.none(),
    st.text(max_size=300),
    st.lists(
        st.sampled_from(
            [
                "Sở",
                "Bộ",
                "các",
                "và",
                "phối hợp",
                "với",
                "chủ trì",
                "tổ chức",
                "trước ngày",
                "30/6/2026",
                "Quý",
                "IV",
                ",",
                ";",
                "(",
                ")",
                "*",
                "“",
                "UBND",
                "trực tiếp",
                "ĐÃ",
                "",
            ]
        ),
        max_size=40,
    ).map(" ".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "number": _TEXT,
                "title": _TEXT,
                "lead": _TEXT,
                "partners": _TEXT,
                "timeframe": _TEXT,
            }
        ),
        max_size=5,
    )
)
def test_the_check_never_raises_and_warns_at_most_once_per_field(rows):
    plan = _plan(*(Item(line=n, **row) for n, row in enumerate(rows, 1)))
    check_suspects(plan)
    per_row: dict[int | None, int] = {}
    for warning in plan.warnings:
        assert warning.code == CODE and warning.message
        per_row[warning.line] = per_row.get(warning.line, 0) + 1
    assert all(count <= 4 for count in per_row.values())


def test_the_title_deadline_test_is_not_cached_across_rows_with_and_without_a_timeframe():
    title = "Ban hành quy chế, hoàn thành trước ngày 15/3/2026"
    plan = _plan(
        _item(title=title, timeframe="trước ngày 15/3/2026"), _item(title=title, timeframe="")
    )
    check_suspects(plan)
    assert len([w for w in plan.warnings if w.code == CODE]) == 1


def test_the_timeframe_warning_names_the_field():
    plan = _plan(_item(timeframe="trước 9 giờ hằng ngày"))
    with translation.override("vi"):
        check_suspects(plan)
    (warning,) = plan.warnings
    assert "thời hạn" in warning.message.casefold() or "thời gian" in warning.message.casefold()
    assert "hour" not in warning.message  # Vietnamese
