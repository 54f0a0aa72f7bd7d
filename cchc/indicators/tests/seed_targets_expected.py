"""Every target of the seed plan (Kế hoạch 402/KH-UBND, Bắc Giang 2021-2030), written by hand
from the seed text (sample_data/plans/ke-hoach-402-KH-UBND-bac-giang-2021-2030.md), row by row
through all seven areas — not produced by running the reader.

Key: the row number ("STT") of the item the targets attach to. Each target is
(indicator, comparator, value, value_max, unit, year, scope, words the phrase must contain).

Decisions applied while reading (docs/indicators-extraction.md):
* a share with no qualifier ("90% thủ tục hành chính …") or with "đạt" is a floor (">=");
* a target without its own year is due when its row's timeframe ends ("Năm 2025" → 2025,
  "Hàng năm, đến năm 2025" → 2025, "2021-2030" → 2030); a "Hàng năm" row without an end takes
  the plan's own span, 2030 ("giai đoạn 2021-2030" in the title);
* an objective's targets attach to the first row of that objective only;
* row 10's trajectory: 2021 province/district/commune 30/20/15, then +20 points a year from
  2022 to 2025 per level, capped at 100 (commune reaches 95 in 2025);
* rows with no number that is a target (I rows 1, 6-8; III; V; VI rows 61-62; VII rows 67,
  69-73 …) have none: "Thông tư số 02/2017/TT-VPCP ngày 31/10/2017" (row 9), "ngày 31 tháng 5
  năm 2020" (row 9), "mức độ 3 và 4" (rows 11, 13), "Tier 3" (row 60), "3 cấp hành chính"
  (row 61), "02 Công ty" (row 59), "tỷ lệ phần trăm (%)" (rows 50-51), years and "Mục tiêu N".
"""

from __future__ import annotations

Expected = tuple[str | None, str, float, float | None, str, int | None, str | None, str]

DIGITISED = "tthc.results_digitised"
TRAJECTORY = "mỗi năm tăng tối thiểu 20% đối với mỗi cấp hành chính"

SEED_TARGETS: dict[str, list[Expected]] = {
    # I. Cải cách thể chế — row 2, activity 3.2 "đảm bảo 100% văn bản QPPL … được" (2021-2030),
    # its output "Báo cáo thẩm định": legal documents appraised before they are issued.
    "2": [
        (
            "inst.legal_documents_appraised",
            ">=",
            100,
            None,
            "%",
            2030,
            None,
            "đảm bảo 100% văn bản QPPL",
        )
    ],
    # II. Cải cách thủ tục hành chính
    "9": [
        ("tthc.regulations_cut", ">=", 20, None, "%", 2025, None, "tối thiểu 20% số quy định"),
        (
            "tthc.compliance_cost_cut",
            ">=",
            20,
            None,
            "%",
            2025,
            None,
            "tối thiểu 20% chi phí tuân thủ",
        ),
    ],
    "10": [
        (DIGITISED, ">=", 30, None, "%", 2021, "level:province", "tương ứng là 30%, 20%, 15%"),
        (DIGITISED, ">=", 20, None, "%", 2021, "level:district", "tương ứng là 30%, 20%, 15%"),
        (DIGITISED, ">=", 15, None, "%", 2021, "level:commune", "tương ứng là 30%, 20%, 15%"),
        (DIGITISED, ">=", 50, None, "%", 2022, "level:province", TRAJECTORY),
        (DIGITISED, ">=", 40, None, "%", 2022, "level:district", TRAJECTORY),
        (DIGITISED, ">=", 35, None, "%", 2022, "level:commune", TRAJECTORY),
        (DIGITISED, ">=", 70, None, "%", 2023, "level:province", TRAJECTORY),
        (DIGITISED, ">=", 60, None, "%", 2023, "level:district", TRAJECTORY),
        (DIGITISED, ">=", 55, None, "%", 2023, "level:commune", TRAJECTORY),
        (DIGITISED, ">=", 90, None, "%", 2024, "level:province", TRAJECTORY),
        (DIGITISED, ">=", 80, None, "%", 2024, "level:district", TRAJECTORY),
        (DIGITISED, ">=", 75, None, "%", 2024, "level:commune", TRAJECTORY),
        (DIGITISED, ">=", 100, None, "%", 2025, "level:province", TRAJECTORY),
        (DIGITISED, ">=", 100, None, "%", 2025, "level:district", TRAJECTORY),
        (DIGITISED, ">=", 95, None, "%", 2025, "level:commune", TRAJECTORY),
    ],
    "11": [
        ("tthc.procedures_online", ">=", 80, None, "%", 2025, None, "Tối thiểu 80% thủ tục"),
        (
            "tthc.procedures_on_national_portal",
            ">=",
            80,
            None,
            "%",
            2025,
            None,
            "ít nhất 80% thủ tục hành chính được tích hợp",
        ),
    ],
    "12": [("tthc.dossiers_online", ">=", 50, None, "%", 2025, None, "đạt tối thiểu 50%")],
    "13": [("tthc.procedures_online", ">=", 90, None, "%", 2030, None, "90% thủ tục hành chính")],
    "14": [("tthc.dossiers_online", ">=", 80, None, "%", 2030, None, "đạt tối thiểu 80%")],
    "15": [
        (
            "tthc.dossiers_internal_electronic",
            ">=",
            80,
            None,
            "%",
            2030,
            None,
            "Tối thiểu 80% hồ sơ giải quyết TTHC được luân chuyển",
        )
    ],
    "16": [
        (
            "tthc.data_not_resubmitted",
            ">=",
            80,
            None,
            "%",
            2025,
            None,
            "80% người dân, doanh nghiệp",
        )
    ],
    "17": [
        (
            "tthc.procedures_online_payment",
            ">=",
            80,
            None,
            "%",
            2025,
            None,
            "Tối thiểu 80% TTHC có yêu cầu nghĩa vụ tài chính",
        ),
        ("tthc.payments_online", ">=", 30, None, "%", 2025, None, "đạt từ 30% trở lên"),
    ],
    "18": [
        (
            "tthc.procedures_online_payment",
            ">=",
            100,
            None,
            "%",
            2030,
            None,
            "100% TTHC có yêu cầu nghĩa vụ tài chính",
        ),
        ("tthc.payments_online", ">=", 50, None, "%", 2030, None, "đạt từ 50% trở lên"),
    ],
    "19": [
        ("tthc.satisfaction", ">=", 90, None, "%", 2025, None, "đạt tối thiểu 90%"),
        (
            "tthc.satisfaction",
            ">=",
            85,
            None,
            "%",
            2025,
            "field:dat-dai,xay-dung,dau-tu",
            "đất đai, xây dựng, đầu tư đạt tối thiểu 85%",
        ),
    ],
    "20": [
        ("tthc.satisfaction", ">=", 95, None, "%", 2030, None, "đạt tối thiểu 95%"),
        (
            "tthc.satisfaction",
            ">=",
            90,
            None,
            "%",
            2030,
            "field:dat-dai,xay-dung,dau-tu",
            "đất đai, xây dựng, đầu tư đạt tối thiểu 90%",
        ),
    ],
    "21": [
        (
            "tthc.internal_procedures_published",
            ">=",
            90,
            None,
            "%",
            2025,
            None,
            "90% thủ tục hành chính nội bộ",
        )
    ],
    # III. Cải cách tổ chức bộ máy hành chính nhà nước: no numeric target.
    # IV. Cải cách chế độ công vụ
    "38": [
        (
            "staff.leaders_trained_standard",
            ">=",
            100,
            None,
            "%",
            2030,
            None,
            "100% cán bộ lãnh đạo quản lý từ cấp phòng",
        )
    ],
    "39": [
        (
            "staff.promoted_by_position",
            ">=",
            60,
            None,
            "%",
            2030,
            None,
            "60% cán bộ, công chức, viên chức",
        )
    ],
    "42": [
        (
            "staff.leaders_international",
            "range",
            25,
            35,
            "%",
            2025,
            "level:department,district",
            "25-35% lãnh đạo, quản lý cấp sở",
        ),
        (
            "staff.leaders_international",
            ">=",
            80,
            None,
            "%",
            2025,
            "sector:soe",
            "80% số lãnh đạo, quản lý doanh nghiệp nhà nước",
        ),
    ],
    "44": [
        (
            "staff.promoted_by_position",
            ">=",
            100,
            None,
            "%",
            2030,
            None,
            "100% cán bộ, công chức, viên chức được thăng hạng",
        )
    ],
    # V. Cải cách tài chính công: no numeric target ("tỷ lệ phần trăm (%)" is not one).
    # VI. Xây dựng và phát triển chính quyền điện tử, chính quyền số
    "60": [
        (
            "egov.databases_connected",
            ">=",
            100,
            None,
            "%",
            2025,
            None,
            "100% cơ sở dữ liệu (CSDL)",
        )
    ],
    "63": [
        (
            "egov.people_e_payment_accounts",
            ">=",
            100,
            None,
            "%",
            2025,
            None,
            "100% người dân có nhu cầu",
        )
    ],
    "64": [("egov.reports_online", ">=", 100, None, "%", 2025, None, "100% chế độ báo cáo")],
    "65": [
        (
            "egov.agencies_open_data",
            ">=",
            100,
            None,
            "%",
            2030,
            None,
            "100% cơ quan nhà nước trên địa bàn tỉnh tham gia mở dữ liệu",
        )
    ],
    # VII. Công tác chỉ đạo, điều hành
    "66": [
        (
            "index.pci_rank",
            "top",
            15,
            None,
            "rank",
            2025,
            None,
            "nằm trong nhóm 15 tỉnh, thành phố dẫn đầu",
        )
    ],
    "68": [
        (
            "index.par_index_rank",
            "top",
            10,
            None,
            "rank",
            2030,
            None,
            "PAR Index tỉnh Bắc Giang đến năm 2030 xếp trong nhóm 10 tỉnh dẫn đầu",
        ),
        ("index.sipas", ">=", 95, None, "%", 2030, None, "SIPAS tỉnh Bắc Giang đến năm 2030 đạt"),
        (
            "index.papi_rank",
            "top",
            10,
            None,
            "rank",
            2030,
            None,
            "PAPI tỉnh Bắc Giang đến năm 2030 xếp trong nhóm 10",
        ),
    ],
}
