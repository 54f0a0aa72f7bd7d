"""Words to indicator codes: every rule of mapping.RULES on a phrase, and only contract codes."""

from __future__ import annotations

import pytest

from cchc.indicators.catalogue import read_catalogue
from cchc.indicators.extraction import extract_targets
from cchc.indicators.extraction.mapping import RULES

# The codes of the shipped catalogue (cchc/indicators/data/catalogue.toml).
CATALOGUE = {row["code"] for row in read_catalogue()}

PHRASES = [
    ("cắt giảm, đơn giản hóa tối thiểu 20% số quy định", "tthc.regulations_cut"),
    ("cắt giảm 20% quy định kinh doanh", "tthc.regulations_cut"),
    ("cắt giảm tối thiểu 20% chi phí tuân thủ quy định", "tthc.compliance_cost_cut"),
    ("số hóa kết quả giải quyết TTHC đạt 30%", "tthc.results_digitised"),
    ("80% TTHC đủ điều kiện được cung cấp trực tuyến mức độ 3 và 4", "tthc.procedures_online"),
    ("90% dịch vụ công trực tuyến toàn trình", "tthc.procedures_online"),
    (
        "80% TTHC được tích hợp, cung cấp trên Cổng Dịch vụ công quốc gia",
        "tthc.procedures_on_national_portal",
    ),
    ("tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 50%", "tthc.dossiers_online"),
    (
        "80% hồ sơ được luân chuyển trong nội bộ bằng phương thức điện tử",
        "tthc.dossiers_internal_electronic",
    ),
    ("80% người dân không phải cung cấp lại thông tin", "tthc.data_not_resubmitted"),
    (
        "80% TTHC có yêu cầu nghĩa vụ tài chính được thanh toán trực tuyến",
        "tthc.procedures_online_payment",
    ),
    ("tỷ lệ giao dịch thanh toán trực tuyến đạt 30%", "tthc.payments_online"),
    ("mức độ hài lòng về giải quyết TTHC đạt 90%", "tthc.satisfaction"),
    ("90% thủ tục hành chính nội bộ được công bố", "tthc.internal_procedures_published"),
    ("100% lãnh đạo được bồi dưỡng theo tiêu chuẩn chức danh", "staff.leaders_trained_standard"),
    ("60% công chức được thăng hạng, nâng ngạch", "staff.promoted_by_position"),
    ("30% lãnh đạo có khả năng làm việc trong môi trường quốc tế", "staff.leaders_international"),
    ("100% cơ sở dữ liệu được kết nối, chia sẻ", "egov.databases_connected"),
    ("100% người dân có tài khoản thanh toán điện tử", "egov.people_e_payment_accounts"),
    ("100% chế độ báo cáo được thực hiện trên hệ thống", "egov.reports_online"),
    ("100% cơ quan nhà nước tham gia mở dữ liệu", "egov.agencies_open_data"),
    ("Chỉ số SIPAS đạt tối thiểu 95%", "index.sipas"),
    ("Chỉ số hài lòng về sự phục vụ hành chính đạt 90%", "index.sipas"),
    ("PCI nằm trong nhóm 15 tỉnh dẫn đầu", "index.pci_rank"),
    ("Chỉ số CCHC nằm trong nhóm 10 tỉnh dẫn đầu", "index.par_index_rank"),
    ("PAPI nằm trong nhóm 10 tỉnh dẫn đầu", "index.papi_rank"),
    ("Chỉ số PCI đạt 70 điểm", "index.pci_score"),
    ("Chỉ số PAR Index đạt 90 điểm", "index.par_index_score"),
    ("Chỉ số PAPI đạt 45 điểm", "index.papi_score"),
    ("đảm bảo 100% văn bản QPPL được thẩm định", "inst.legal_documents_appraised"),
    ("100% văn bản quy phạm pháp luật của HĐND, UBND tỉnh", "inst.legal_documents_appraised"),
    ("giảm 30% chi phí đi lại của người dân", None),
]


@pytest.mark.parametrize(("text", "code"), PHRASES)
def test_phrase_maps_to_its_indicator(text, code):
    (target,) = extract_targets(text)
    assert target.indicator == code


def test_every_rule_names_a_catalogue_code_and_is_exercised():
    assert {rule.code for rule in RULES} <= CATALOGUE
    assert {rule.code for rule in RULES} <= {code for _, code in PHRASES}
