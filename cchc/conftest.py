"""Shared pytest fixtures: named users, plans (hand-built and the imported seed), a browser.

Personas: ``reader`` (logged-in, no membership), ``importer`` (may import plans: a member of
the secretariat, whose role carries ``plans.add_plan``), ``leader`` (reads every agency's
work), ``admin`` (superuser);
``member(username, role, agency)`` makes anyone else. Rights come from memberships only
(``cchc.accounts.permissions``). No account exists outside the tests.

The tests' world is mid-2024 (the seed plan's obligations of 2024, the test registry's
agencies of Bắc Giang, which ended in 2025): memberships are judged on ``MEMBERSHIP_DAY``
unless a test sets another day (``membership_day``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation

from cchc.accounts import permissions
from cchc.accounts.actions import add_member
from cchc.accounts.models import Role
from cchc.agencies.models import Agency, AgencyLevel
from cchc.core.text import fold
from cchc.plans.models import Node, NodeKind, Plan

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_PLAN = REPO_ROOT / "sample_data" / "plans" / "ke-hoach-402-KH-UBND-bac-giang-2021-2030.md"
PASSWORD = "correct-horse-battery-staple-42"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

SEED_COLUMNS = [
    {"label": "STT", "field": "number"},
    {"label": "1- Mục tiêu", "field": "objective"},
    {"label": "2- Nhiệm vụ", "field": "task"},
    {"label": "3- Hoạt động", "field": "title"},
    {"label": "4- Kết quả/ Sản phẩm", "field": "outputs"},
    {"label": "5-Chủ trì", "field": "lead"},
    {"label": "6-Phối hợp", "field": "partners"},
    {"label": "7-Thời gian", "field": "timeframe"},
    {"label": "8- Kinh phí (triệu đồng)", "field": "budget"},
    {"label": "Mức độ ưu tiên", "field": ""},
]


# A test uses the database when it is marked ``django_db``, asks (itself or through its
# fixtures) for one of these, or is a Django TransactionTestCase. pytest-django lets no other
# test reach a database, so the others read the same on every database.
DATABASE_FIXTURES = frozenset(
    {"db", "transactional_db", "django_db_setup", "django_db_reset_sequences", "live_server"}
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="run only the tests that use the database (CI's second database: the others "
        "cannot tell one database from another and ran on the first)",
    )


def uses_database(item: pytest.Item) -> bool:
    """Whether ``item`` reaches a database (see DATABASE_FIXTURES)."""
    if item.get_closest_marker("django_db") is not None:
        return True
    if DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ())):
        return True
    from django.test import TransactionTestCase

    test_class = getattr(item, "cls", None)
    return isinstance(test_class, type) and issubclass(test_class, TransactionTestCase)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--database-tests-only"):
        return
    kept = [item for item in items if uses_database(item)]
    dropped = [item for item in items if not uses_database(item)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(autouse=True)
def _site_language() -> Iterator[None]:
    """Every test starts in the site's language (Vietnamese): a test that switched language
    (``translation.activate``, a command run in English) does not leak into the next one."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _data_dir(settings: Any, tmp_path: Path) -> None:
    """Uploads of every test go to its own temporary directory."""
    settings.DATA_DIR = tmp_path / "data"


@pytest.fixture(autouse=True)
def _plain_static_storage(settings: Any) -> None:
    """Pages render without a collectstatic run: the manifest storage of production needs one
    (CI checks that separately), the tests and the browser tests' live server do not."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _province_deadline_for_agencies(request: pytest.FixtureRequest) -> None:
    """Tests written before the agencies' own deadline (issue 13) count on day 20 of the
    period's last month, moved off days off: for them the seeded agencies' rule reads like
    the province's. Tests of the agencies' deadline are marked ``agency_deadlines`` and get
    the rule as migrated (day 17, not moved), seeded again if a transactional test flushed
    it."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None and "db" not in request.fixturenames:
        return
    transactional = marker is not None and marker.kwargs.get("transaction", False)
    request.getfixturevalue("transactional_db" if transactional else "db")
    import importlib

    from django.apps import apps

    from cchc.scheduling.models import DeadlineAudience, DeadlineRule

    rules = DeadlineRule.objects.filter(audience=DeadlineAudience.AGENCIES)
    if not transactional and not rules.exists():
        importlib.import_module("cchc.scheduling.migrations.0009_default_deadline_rules").seed(
            apps, None
        )
    if not request.node.get_closest_marker("agency_deadlines"):
        rules.update(day=20, move_off_days=True, move_basis="tests: the province's deadline")
    # A queryset update sends no post_save: say the rules changed, or a process cache of the
    # schedule (cchc.core.versions) keeps another test's rules under the same version.
    from cchc.core.versions import bump_schedule

    bump_schedule()


# The day memberships are judged on in the tests (see the module's docstring).
MEMBERSHIP_DAY = dt.date(2024, 7, 1)


@pytest.fixture(autouse=True)
def membership_day(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """Memberships count on the tests' day; a test of another day patches
    ``permissions.today`` again."""
    monkeypatch.setattr(permissions, "today", lambda: MEMBERSHIP_DAY)
    return MEMBERSHIP_DAY


def member(username: str, role: str, agency: Agency) -> User:
    """A user (made if new, without a password: hashing is slow on purpose) with ``role`` in
    ``agency``, through the action; fetched anew, as the next request would."""
    user, _created = User.objects.get_or_create(username=username)
    add_member(user=user, agency=agency, role=role, by=None)
    return User.objects.get(pk=user.pk)


def secretariat_agency() -> Agency:
    """A secretariat's agency for tests without the registry: coded as Sở Nội vụ, named so
    that no plan text resolves to it."""
    agency, _created = Agency.objects.get_or_create(
        code="test.so-noi-vu",
        defaults={"name": "Cơ quan thường trực CCHC (kiểm thử)", "level": AgencyLevel.DEPARTMENT},
    )
    return agency


@pytest.fixture
def reader(db: None) -> User:
    return User.objects.create_user("reader", "reader@example.org", PASSWORD)


@pytest.fixture
def importer(db: None) -> User:
    user = User.objects.create_user("importer", "importer@example.org", PASSWORD)
    return member(user.username, Role.SECRETARIAT, secretariat_agency())


@pytest.fixture
def leader(db: None) -> User:
    """A provincial leader: reads every agency's work, changes nothing."""
    agency, _created = Agency.objects.get_or_create(
        code="test.ubnd-tinh",
        defaults={"name": "Lãnh đạo tỉnh (kiểm thử)", "level": AgencyLevel.PROVINCE},
    )
    return member("leader", Role.LEADER, agency)


@pytest.fixture
def leader_client(leader: User) -> Client:
    """Its own client: a test may use it next to ``reader_client``."""
    client = Client()
    client.force_login(leader)
    return client


@pytest.fixture
def superuser(db: None) -> User:
    return User.objects.create_superuser("admin", "admin@example.org", PASSWORD)


@pytest.fixture
def reader_client(client: Client, reader: User) -> Client:
    client.force_login(reader)
    return client


@pytest.fixture
def importer_client(client: Client, importer: User) -> Client:
    client.force_login(importer)
    return client


class PlanBuilder:
    """Builds a plan tree row by row, the way the import action would store it."""

    def __init__(self, **fields: Any) -> None:
        defaults: dict[str, Any] = {
            "title": "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH THỬ NGHIỆM",
            "number": "99/KH-UBND",
            "issued_on": dt.date(2021, 8, 21),
            "issuer": "UBND tỉnh Bắc Giang",
            "source_name": "thu-nghiem.md",
            "source_format": "markdown",
            "source_sha256": hashlib.sha256(b"test").hexdigest(),
            "columns": SEED_COLUMNS,
        }
        self.plan = Plan.objects.create(**{**defaults, **fields})
        self.position = 0

    def node(self, kind: str, parent: Node | None, title: str, **fields: Any) -> Node:
        self.position += 1
        ancestors: list[Node] = []
        walk = parent
        while walk is not None:
            ancestors.append(walk)
            walk = walk.parent
        number = fields.get("number", "")
        texts = [number, title, *(str(v) for k, v in fields.items() if k != "number")]
        texts += [f"{a.number} {a.title}" for a in ancestors]
        node = Node.objects.create(
            plan=self.plan,
            parent=parent,
            area=ancestors[-1] if ancestors else None,
            kind=kind,
            key=f"{kind}-{self.position}",
            position=self.position,
            depth=len(ancestors),
            title=title,
            source_line=10 + self.position,
            search_text=fold(" ".join(texts)),
            **fields,
        )
        if parent is None and kind == NodeKind.SECTION:
            node.area = node
            node.save(update_fields=["area"])
        return node


def build_small_plan(**fields: Any) -> Plan:
    """Two areas, four activities: enough for every page without the import action."""
    b = PlanBuilder(**fields)
    area1 = b.node(NodeKind.SECTION, None, "Cải cách thể chế", number="I")
    obj = b.node(NodeKind.OBJECTIVE, area1, "1.1: Mục tiêu 1: Hoàn thiện thể chế", number="1.1")
    task = b.node(NodeKind.TASK, obj, "2.1: Nhiệm vụ 1: Hoàn thiện văn bản QPPL", number="2.1")
    b.node(
        NodeKind.ACTIVITY,
        task,
        "3.1: Hoạt động 1: ban hành văn bản QPPL",
        number="1",
        outputs="Các Nghị quyết/ Quyết định",
        lead="Các Sở, ngành",
        partners="Sở Tư pháp",
        timeframe="2021-2030",
        extra={"Mức độ ưu tiên": "Cao"},
    )
    b.node(
        NodeKind.ACTIVITY,
        task,
        "3.2: Hoạt động 2: thẩm định dự thảo văn bản",
        number="2",
        lead="Sở Tư pháp",
        partners="Các Sở, ngành",
        timeframe="Hàng năm",
    )
    area2 = b.node(NodeKind.SECTION, None, "Cải cách tổ chức bộ máy", number="III")
    obj2 = b.node(NodeKind.OBJECTIVE, area2, "1.1: Mục tiêu 1: Sắp xếp tổ chức", number="1.1")
    task2 = b.node(NodeKind.TASK, obj2, "2.1: Nhiệm vụ 1: Xây dựng Đề án VTVL", number="2.1")
    b.node(
        NodeKind.ACTIVITY,
        task2,
        "3.1: Hoạt động 1: Hướng dẫn, đôn đốc xây dựng Đề án",
        number="22",
        outputs="Đề án VTVL",
        lead="Sở Nội vụ",
        partners="Các sở, cơ quan, đơn vị",
        timeframe="Hàng năm",
    )
    b.node(
        NodeKind.ACTIVITY,
        task2,
        "3.2: Hoạt động 2: Thẩm định Đề án",
        number="23",
        lead="Các sở, cơ quan, đơn vị",
        partners="Sở Nội vụ",
        timeframe="2021-2030",
    )
    return b.plan


@pytest.fixture
def small_plan(db: None) -> Plan:
    return build_small_plan()


def import_seed(user: User | None = None) -> Plan:
    """The seed plan, stored through the import action like the CLI does."""
    from cchc.plans.actions import import_plan
    from cchc.plans.parsing import parse_bytes

    data = SEED_PLAN.read_bytes()
    parsed = parse_bytes(data, SEED_PLAN.name)
    result = import_plan(parsed=parsed, source_sha256=hashlib.sha256(data).hexdigest(), user=user)
    return result.plan


@pytest.fixture
def seed_plan(db: None, importer: User) -> Plan:
    return import_seed(importer)


# -- browser ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One Chromium for the session (Debian's, driven by Playwright)."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import expect, sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `apt-get install -y chromium`.")
    # A waiting assertion (`expect(locator).to_have_count(3)`) waits as long as an action: a
    # page reached by a click may still be loading when the assertion starts.
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="vi-VN", accept_downloads=True)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(autouse=True)
def _tasks_run_on_commit(settings: Any) -> None:
    """Background tasks (cchc.core.tasks) run right after the transaction that queued them
    commits, in the test's process, as if a worker had taken them at once."""
    settings.CCHC_TASKS_RUN_ON_COMMIT = True
