"""The plans pages end to end through Django's test client."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cchc.conftest import PASSWORD, SEED_PLAN, PlanBuilder, build_small_plan
from cchc.plans.models import Node, NodeCorrection, NodeKind, Plan, PlanImport
from cchc.plans.views import uploads

pytestmark = pytest.mark.django_db


def _activity(plan: Plan, number: str) -> Node:
    return Node.objects.get(plan=plan, kind=NodeKind.ACTIVITY, number=number)


def _result_numbers(html: str) -> list[str]:
    table = html.split('id="result-table"', 1)
    if len(table) < 2:
        return []
    return re.findall(r'<td class="text-nowrap">([^<]*)</td>', table[1])


# -- login and access ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,kwargs",
    [
        ("plans:plan_list", {}),
        ("plans:plan_detail", {"pk": 1}),
        ("plans:node_detail", {"plan_pk": 1, "pk": 1}),
        ("plans:import_history", {"pk": 1}),
        ("plans:plan_export", {"pk": 1}),
        ("plans:import_upload", {}),
    ],
)
def test_every_plan_page_requires_login(client: Client, name: str, kwargs: dict[str, int]):
    url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_root_asks_to_log_in(client: Client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_and_logout(client: Client, reader: User):
    page = client.get(reverse("login"))
    assert page.status_code == 200
    assert "Đăng nhập" in page.content.decode()
    response = client.post(reverse("login"), {"username": "reader", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("plans:plan_list")).status_code == 200
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("plans:plan_list")).status_code == 302


def test_wrong_password_is_refused(client: Client, reader: User):
    response = client.post(reverse("login"), {"username": "reader", "password": "nope"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_reader_cannot_import(reader_client: Client):
    assert reader_client.get(reverse("plans:import_upload")).status_code == 403
    assert (
        reader_client.post(reverse("plans:import_confirm"), {"token": "x" * 32}).status_code == 403
    )
    page = reader_client.get(reverse("plans:plan_list")).content.decode()
    assert reverse("plans:import_upload") not in page


def test_superuser_may_import(client: Client, superuser: User):
    client.force_login(superuser)
    assert client.get(reverse("plans:import_upload")).status_code == 200


# -- language -----------------------------------------------------------------------------


def test_vietnamese_by_default_english_on_request(reader_client: Client, small_plan: Plan):
    url = small_plan.get_absolute_url()
    page = reader_client.get(url).content.decode()
    assert '<html lang="vi">' in page
    assert "Tìm kiếm hoạt động" in page
    response = reader_client.post(reverse("set_language"), {"language": "en", "next": url})
    assert response.status_code == 302
    page = reader_client.get(url).content.decode()
    assert '<html lang="en">' in page
    assert "Search activities" in page


# -- list and plan page -------------------------------------------------------------------


def test_plan_list(reader_client: Client, small_plan: Plan, django_assert_max_num_queries):
    build_small_plan(number="100/KH-UBND", title="KẾ HOẠCH KHÁC")
    with django_assert_max_num_queries(5):
        response = reader_client.get(reverse("plans:plan_list"))
    page = response.content.decode()
    assert "99/KH-UBND" in page and "100/KH-UBND" in page
    assert small_plan.get_absolute_url() in page


def test_plan_page_shows_tree_and_counts(reader_client: Client, small_plan: Plan):
    page = reader_client.get(small_plan.get_absolute_url()).content.decode()
    assert small_plan.title in page
    tree = page.split('id="results"', 1)[1]
    assert "99/KH-UBND" in page and "21/08/2021" in page
    assert tree.count('data-kind="section"') == 2
    counts = re.findall(r'rounded-pill activity-count"[^>]*>(\d+)<', tree)
    assert counts == ["2", "2", "2", "2", "2", "2"]  # per area, objective and task
    # Document order: area I, its activities, then area III.
    assert tree.index("Cải cách thể chế") < tree.index("ban hành văn bản QPPL")
    assert tree.index("ban hành văn bản QPPL") < tree.index("Cải cách tổ chức bộ máy")
    # The import history is for the roles that read it (the secretariat, leaders, admins).
    assert reverse("plans:import_history", args=[small_plan.pk]) not in page
    assert reverse("plans:plan_export", args=[small_plan.pk]) in page


def test_plan_page_query_count_does_not_grow(reader_client: Client, django_assert_max_num_queries):
    small = build_small_plan()
    big = PlanBuilder(number="200/KH-UBND").plan
    builder = PlanBuilder.__new__(PlanBuilder)
    builder.plan, builder.position = big, 0
    for a in range(7):
        area = builder.node(NodeKind.SECTION, None, f"Lĩnh vực {a}", number=str(a + 1))
        for o in range(3):
            objective = builder.node(NodeKind.OBJECTIVE, area, f"Mục tiêu {o}")
            task = builder.node(NodeKind.TASK, objective, f"Nhiệm vụ {o}")
            for i in range(4):
                builder.node(
                    NodeKind.ACTIVITY,
                    task,
                    f"Hoạt động {a}.{o}.{i}",
                    number=f"{a}{o}{i}",
                    lead=f"Sở {i}",
                    timeframe=f"Năm {2021 + i}",
                )
    for plan in (small, big):
        # One of them: the activities assigned to agencies that no longer exist; one: the
        # progress of every node (the reporting app's one definition). Drawn for the first
        # time here: the tree, the filters' choices and the latest import are then cached
        # under the plan's version.
        with django_assert_max_num_queries(10):
            response = reader_client.get(plan.get_absolute_url())
        assert response.status_code == 200
        # Session, the user with their memberships, the plan with its version, the ended
        # agencies, the navigation's work queues (the pin was 10 when the choices were read
        # each time, 6 with the memberships read apart).
        with django_assert_max_num_queries(5):
            response = reader_client.get(plan.get_absolute_url())
        assert response.status_code == 200
    # A search adds one query: whether the phrase occurs at all.
    with django_assert_max_num_queries(11):
        response = reader_client.get(big.get_absolute_url(), {"q": "hoat dong", "lead": "Sở 1"})
    assert len(_result_numbers(response.content.decode())) == 21


def test_unknown_plan_is_404(reader_client: Client):
    assert reader_client.get(reverse("plans:plan_detail", args=[999])).status_code == 404


# -- search and filters -------------------------------------------------------------------


@pytest.mark.parametrize("q", ["so noi vu", "Sở Nội Vụ", "SỞ NỘI VỤ", "  noi   VU so "])
def test_search_ignores_diacritics_and_case(reader_client: Client, small_plan: Plan, q: str):
    page = reader_client.get(small_plan.get_absolute_url(), {"q": q}).content.decode()
    assert _result_numbers(page) == ["22", "23"]
    assert _activity(small_plan, "22").get_absolute_url() in page


def test_search_matches_every_word(reader_client: Client, small_plan: Plan):
    page = reader_client.get(small_plan.get_absolute_url(), {"q": "so noi vu tham dinh"})
    assert _result_numbers(page.content.decode()) == ["23"]
    page = reader_client.get(small_plan.get_absolute_url(), {"q": "không-có-từ-này"})
    assert _result_numbers(page.content.decode()) == []
    assert "Không có hoạt động nào" in page.content.decode()


def test_search_covers_ancestor_text(reader_client: Client, small_plan: Plan):
    page = reader_client.get(small_plan.get_absolute_url(), {"q": "de an vtvl"})
    assert _result_numbers(page.content.decode()) == ["22", "23"]


def test_filters(reader_client: Client, small_plan: Plan):
    url = small_plan.get_absolute_url()
    area3 = Node.objects.get(plan=small_plan, number="III")
    page = reader_client.get(url, {"area": area3.pk}).content.decode()
    assert _result_numbers(page) == ["22", "23"]
    page = reader_client.get(url, {"lead": "Sở Tư pháp"}).content.decode()
    assert _result_numbers(page) == ["2"]
    page = reader_client.get(url, {"timeframe": "Hàng năm"}).content.decode()
    assert _result_numbers(page) == ["2", "22"]
    page = reader_client.get(url, {"timeframe": "Hàng năm", "q": "noi vu"}).content.decode()
    assert _result_numbers(page) == ["22"]
    # The dropdowns offer the plan's own values.
    assert '<option value="Sở Tư pháp">Sở Tư pháp</option>' in page
    assert f'<option value="{area3.pk}">III. Cải cách tổ chức bộ máy</option>' in page


def test_bad_filter_values_are_ignored(reader_client: Client, small_plan: Plan):
    response = reader_client.get(small_plan.get_absolute_url(), {"area": "abc", "lead": "x"})
    assert response.status_code == 200


def test_htmx_request_gets_only_the_results(reader_client: Client, small_plan: Plan):
    response = reader_client.get(
        small_plan.get_absolute_url(), {"q": "so noi vu"}, headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert "<html" not in page
    assert _result_numbers(page) == ["22", "23"]


# -- activity page ------------------------------------------------------------------------


def test_activity_page_shows_every_field_with_its_label(
    reader_client: Client, small_plan: Plan, django_assert_max_num_queries
):
    node = _activity(small_plan, "1")
    # Session, user, the node with its plan and the plan's version, ancestors and progress
    # (cached under the plan's version after this), assignments, reports, memberships, the
    # navigation's work queues; the targets (indicators/_node_targets.html) only when the
    # node's query says it has some (the pin was 10).
    with django_assert_max_num_queries(9):
        response = reader_client.get(node.get_absolute_url())
    page = response.content.decode()
    # The product's own labels; an extra column the product does not know keeps its header.
    for label in (
        "Mục tiêu",
        "Nhiệm vụ",
        "Kết quả/Sản phẩm",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian thực hiện",
        "Mức độ ưu tiên",
    ):
        assert f">{label}</dt>" in page
    for raw in ("1- Mục tiêu", "3- Hoạt động", "5-Chủ trì", "6-Phối hợp", "7-Thời gian"):
        assert raw not in page
    for value in (
        "1.1: Mục tiêu 1: Hoàn thiện thể chế",
        "2.1: Nhiệm vụ 1: Hoàn thiện văn bản QPPL",
        "Các Nghị quyết/ Quyết định",
        "Sở Tư pháp",
        "2021-2030",
    ):
        assert value in page
    assert '<dd class="col-sm-8 col-lg-9 cell-text" data-field="extra">Cao</dd>' in page
    assert "I. Cải cách thể chế" in page  # breadcrumb / area
    assert f"Dòng {node.source_line} của thu-nghiem.md" in page


def test_activity_of_another_plan_is_404(reader_client: Client, small_plan: Plan):
    other = build_small_plan(number="5/KH-UBND")
    node = _activity(other, "1")
    url = reverse("plans:node_detail", kwargs={"plan_pk": small_plan.pk, "pk": node.pk})
    assert reader_client.get(url).status_code == 404


# -- import history -----------------------------------------------------------------------


def test_import_history(reader_client: Client, small_plan: Plan, importer: User):
    PlanImport.objects.create(
        plan=small_plan,
        imported_by=importer,
        source_name="thu-nghiem.md",
        source_sha256="ab" * 32,
        created=4,
        updated=1,
        removed=2,
        unchanged=3,
        warnings=[{"line": 18, "message": "Thiếu dòng 3–5", "code": "numbering-gap"}],
    )
    url = reverse("plans:import_history", args=[small_plan.pk])
    assert reader_client.get(url).status_code == 403  # no role that reads it
    reader_client.force_login(importer)  # the secretariat
    assert (
        reverse("plans:import_history", args=[small_plan.pk])
        in reader_client.get(small_plan.get_absolute_url()).content.decode()
    )
    page = reader_client.get(url).content.decode()
    assert "importer" in page and "thu-nghiem.md" in page
    assert "dòng 18" in page and "Thiếu dòng 3–5" in page
    for count in ("4", "1", "2", "3"):
        assert f'<td class="text-end">{count}</td>' in page


# -- import through the browser -----------------------------------------------------------


def _upload(client: Client, data: bytes, name: str):
    return client.post(reverse("plans:import_upload"), {"file": SimpleUploadedFile(name, data)})


def _token(page: str) -> str:
    match = re.search(r'name="token" value="([^"]+)"', page)
    assert match, page
    return match.group(1)


def test_upload_preview_confirm_stores_the_seed(importer_client: Client, settings):
    response = _upload(importer_client, SEED_PLAN.read_bytes(), SEED_PLAN.name)
    assert response.status_code == 200
    page = response.content.decode()
    assert "402/KH-UBND" in page
    assert "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH TỈNH BẮC GIANG" in page
    assert "5-Chủ trì" in page  # the columns detected
    assert "dòng 18" in page  # the warning about rows 3–5, with its line
    assert "Thao tác này sẽ tạo một kế hoạch mới" in page
    assert not Plan.objects.exists()
    token = _token(page)
    stored = list((Path(settings.DATA_DIR) / "uploads").iterdir())
    assert [p.name for p in stored] == [f"{token}.upload"]

    response = importer_client.post(reverse("plans:import_confirm"), {"token": token})
    plan = Plan.objects.get(number="402/KH-UBND")
    assert response.status_code == 302
    assert response["Location"] == plan.get_absolute_url()
    assert Node.objects.filter(plan=plan, kind=NodeKind.ACTIVITY).count() == 70
    record = PlanImport.objects.get(plan=plan)
    assert record.imported_by is not None and record.imported_by.username == "importer"
    assert not list((Path(settings.DATA_DIR) / "uploads").iterdir())
    page = importer_client.get(response["Location"]).content.decode()
    assert f"{record.created} tạo mới, 0 cập nhật, 0 xóa, 0 không đổi" in page
    # Storing the plan worked out its reports for this year and the next, and says so.
    from cchc.scheduling.models import GenerationRun

    run = GenerationRun.objects.get(plan=plan)
    assert run.actor is not None and run.actor.username == "importer"
    assert (run.since.year, run.until.year) == (run.at.year, run.at.year + 1)
    assert f"{run.since:%d/%m/%Y}" in page

    # The same token cannot be confirmed twice.
    again = importer_client.post(reverse("plans:import_confirm"), {"token": token})
    assert again.status_code == 302 and again["Location"] == reverse("plans:import_upload")
    assert PlanImport.objects.count() == 1

    # A second upload of the same number says the plan will be updated.
    page = _upload(importer_client, SEED_PLAN.read_bytes(), SEED_PLAN.name).content.decode()
    assert "sẽ được cập nhật" in page


def test_token_of_another_session_is_refused(importer_client: Client, importer: User):
    page = _upload(importer_client, SEED_PLAN.read_bytes(), SEED_PLAN.name).content.decode()
    token = _token(page)
    other = Client()
    other.force_login(importer)
    response = other.post(reverse("plans:import_confirm"), {"token": token})
    assert response.status_code == 302
    assert not Plan.objects.exists()


def test_token_cannot_name_a_path(importer_client: Client):
    response = importer_client.post(reverse("plans:import_confirm"), {"token": "../../etc/passwd"})
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:import_upload")


def test_cancel_deletes_the_upload(importer_client: Client, settings):
    token = _token(
        _upload(importer_client, SEED_PLAN.read_bytes(), SEED_PLAN.name).content.decode()
    )
    response = importer_client.post(
        reverse("plans:import_confirm"), {"token": token, "cancel": "1"}
    )
    assert response.status_code == 302
    assert not list((Path(settings.DATA_DIR) / "uploads").iterdir())
    assert not Plan.objects.exists()
    assert uploads.SESSION_KEY in importer_client.session
    assert token not in importer_client.session[uploads.SESSION_KEY]


def test_unreadable_file_shows_the_reader_message(importer_client: Client, settings):
    response = _upload(importer_client, b"PK\x03\x04 not really a workbook", "ke-hoach.xlsx")
    assert response.status_code == 400
    page = response.content.decode()
    assert "ke-hoach.xlsx" in page
    assert "invalid-feedback" in page
    assert not Plan.objects.exists()
    assert not (Path(settings.DATA_DIR) / "uploads").exists()


def test_text_without_a_plan_is_refused(importer_client: Client):
    response = _upload(importer_client, "Chỉ là một đoạn văn.\n".encode(), "ghi-chu.txt")
    assert response.status_code == 400
    assert "ghi-chu.txt" in response.content.decode()


def test_too_large_file_is_refused(importer_client: Client, settings):
    settings.CCHC_MAX_IMPORT_BYTES = 1000
    response = _upload(importer_client, b"x" * 1001, "lon.md")
    assert response.status_code == 400
    page = response.content.decode()
    assert "lớn hơn" in page
    assert not (Path(settings.DATA_DIR) / "uploads").exists()


def test_upload_is_read_in_a_child_process_not_in_the_server(importer_client: Client, monkeypatch):
    def in_process(*args, **kwargs):
        raise AssertionError("the web process read the file itself")

    monkeypatch.setattr("cchc.plans.parsing.parse_bytes", in_process)
    monkeypatch.setattr("cchc.plans.interpretation.parse_bytes", in_process)
    response = _upload(importer_client, SEED_PLAN.read_bytes(), SEED_PLAN.name)
    assert response.status_code == 200
    assert "402/KH-UBND" in response.content.decode()


def test_upload_of_a_span_bomb_is_refused_with_its_name(importer_client: Client, settings):
    rows = "<tr><td rowspan=999999 colspan=100>x</td></tr>" * 2000
    data = f"<table><tr><th>STT</th><th>Nhiệm vụ</th></tr>{rows}</table>".encode()
    response = _upload(importer_client, data, "bom.html")
    assert response.status_code == 400
    assert "bom.html" in response.content.decode()
    assert not Plan.objects.exists()
    assert not (Path(settings.DATA_DIR) / "uploads").exists()


@pytest.mark.parametrize(
    ("setting", "value"), [("CCHC_IMPORT_TIMEOUT_SECONDS", 0.01), ("CCHC_IMPORT_MEMORY_MB", 30)]
)
def test_upload_past_the_time_or_memory_limit_is_refused(
    importer_client: Client, settings, setting: str, value: float
):
    setattr(settings, setting, value)
    importer_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = _upload(importer_client, SEED_PLAN.read_bytes(), SEED_PLAN.name)
    assert response.status_code == 400
    page = response.content.decode()
    assert SEED_PLAN.name in page
    assert "took too long or too much memory" in page
    assert not Plan.objects.exists()


# -- export -------------------------------------------------------------------------------


def test_export_download(reader_client: Client, small_plan: Plan):
    response = reader_client.get(reverse("plans:plan_export", args=[small_plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="ke-hoach-99-KH-UBND.xlsx"' in response["Content-Disposition"]
    assert response.content[:4] == b"PK\x03\x04"


# -- admin --------------------------------------------------------------------------------


def test_admin_pages(client: Client, superuser: User, small_plan: Plan):
    client.force_login(superuser)
    node = _activity(small_plan, "22")
    area = Node.objects.get(plan=small_plan, number="III")
    for url in (
        reverse("admin:plans_plan_changelist"),
        reverse("admin:plans_plan_change", args=[small_plan.pk]),
        reverse("admin:plans_node_changelist"),
        reverse("admin:plans_node_changelist") + f"?plan__id__exact={small_plan.pk}&kind=activity",
        reverse("admin:plans_node_change", args=[node.pk]),
        reverse("admin:plans_planimport_changelist"),
    ):
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("admin:plans_node_changelist"), {"area": area.pk}).content.decode()
    assert "Hướng dẫn, đôn đốc" in page and "ban hành văn bản QPPL" not in page
    page = client.get(reverse("admin:plans_node_changelist"), {"q": "so noi vu"}).content.decode()
    assert "Hướng dẫn, đôn đốc" in page and "ban hành văn bản QPPL" not in page
    assert client.get(reverse("admin:plans_planimport_add")).status_code == 403


def test_admin_correction_goes_through_correct_node(
    client: Client, superuser: User, small_plan: Plan
):
    client.force_login(superuser)
    node = _activity(small_plan, "2")
    url = reverse("admin:plans_node_change", args=[node.pk])
    form = {
        "number": "2",
        "title": node.title,
        "outputs": "",
        "lead": "Sở Nội vụ",
        "partners": node.partners,
        "timeframe": node.timeframe,
        "budget": "",
        "submit_level": "",
        "notes": "",
        "extra": "{}",
        "reason": "Sai tên cơ quan chủ trì",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    node.refresh_from_db()
    assert node.lead == "Sở Nội vụ"
    assert "so noi vu" in node.search_text
    assert "hoan thien van ban qppl" in node.search_text  # the ancestors' text is kept
    correction = NodeCorrection.objects.get(node=node)
    assert correction.corrected_by == superuser
    assert correction.reason == "Sai tên cơ quan chủ trì"
    assert correction.changes == {"lead": {"from": "Sở Tư pháp", "to": "Sở Nội vụ"}}
    page = client.get(url).content.decode()
    assert "Sai tên cơ quan chủ trì" in page  # the history is shown on the node
    assert client.get(reverse("admin:plans_node_add")).status_code == 403


def test_pages_are_vietnamese_whatever_the_browser_asks_until_english_is_chosen(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
    assert "Đăng nhập" in response.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response["Content-Language"] == "en"
    assert "Log in" in response.content.decode()


def test_search_for_an_agency_in_the_seed_finds_its_rows_only(reader_client: Client, seed_plan):
    page = reader_client.get(seed_plan.get_absolute_url(), {"q": "so noi vu"}).content.decode()
    numbers = _result_numbers(page)
    expected = [
        n.number
        for n in Node.objects.filter(plan=seed_plan, kind="activity").order_by("position")
        if "Sở Nội vụ" in f"{n.lead} {n.partners} {n.title} {n.outputs}"
    ]
    assert numbers == expected
    assert "1" not in numbers  # row 1 mentions "Sở", "nội dung" and "nhiệm vụ", not Sở Nội vụ
    assert len(numbers) > 20


def test_preview_shows_ocr_confidence_and_a_row_corrected_before_storing(
    importer_client: Client,
):
    """A scan: the preview shows each cell's OCR confidence, flags the unsure ones, and the
    secretariat corrects a row before it is stored."""
    scan = Path(__file__).parent / "corpus" / "20-scanned-page.png"
    response = _upload(importer_client, scan.read_bytes(), scan.name)
    assert response.status_code == 200
    page = response.content.decode()
    assert "data-ocr-confidence" in page
    assert "badge text-bg-warning" in page  # a cell under the threshold
    assert 'name="fix-0-timeframe"' in page
    token = _token(page)
    response = importer_client.post(
        reverse("plans:import_confirm"),
        {"token": token, "fix-2-number": "3", "fix-0-timeframe": "Quý II/2026"},
    )
    assert response.status_code == 302
    plan = Plan.objects.get(number="88/KH-UBND")
    activities = Node.objects.filter(plan=plan, kind=NodeKind.ACTIVITY).order_by("position")
    assert activities.count() == 4
    assert "Quý II/2026" in {a.timeframe for a in activities}


def test_a_correction_for_a_row_the_document_does_not_have_is_refused(importer_client: Client):
    text = "| STT | Nhiệm vụ | Chủ trì |\n|---|---|---|\n| 1 | A | B |\n".encode()
    token = _token(_upload(importer_client, text, "k.md").content.decode())
    response = importer_client.post(
        reverse("plans:import_confirm"), {"token": token, "fix-5-title": "X"}
    )
    assert response.status_code == 400
    assert not Plan.objects.exists()


def test_preview_shows_a_suspect_field_with_its_line(importer_client: Client):
    """A row whose title holds the partners (issue 15, point 4): the preview names it with its
    line, and the row's correction form is there to fix it before storing."""
    text = (
        "| STT | Nội dung | Chủ trì | Phối hợp | Thời gian |\n|---|---|---|---|---|\n"
        "| 1 | Rà soát thủ tục hành chính | Sở Nội vụ | Các sở, ngành | Quý IV/2025 |\n"
        "| 2 | Phối hợp với Sở Tư pháp thẩm định văn bản | Sở Y tế | | Năm 2026 |\n"
    ).encode()
    response = _upload(importer_client, text, "k.md")
    assert response.status_code == 200
    page = response.content.decode()
    # the row's line in the file (4), then the message naming row, field and text
    assert re.search(
        r"dòng 4</strong></a>: Dòng 2, tiêu đề «Phối hợp với Sở Tư pháp thẩm định văn bản»",
        page,
    )
    assert "Hãy kiểm tra trước khi lưu" in page
    assert 'name="fix-1-title"' in page
    assert not Plan.objects.exists()
