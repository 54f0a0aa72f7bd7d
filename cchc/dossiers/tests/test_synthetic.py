import datetime as dt
from collections import Counter, defaultdict
from typing import Any

import pytest
from django.core.management import call_command

from cchc.dossiers import synthetic
from cchc.dossiers.actions import ingest_file
from cchc.dossiers.models import Channel, Dossier, IngestRun, IngestSource
from cchc.scheduling.workdays import WorkCalendar

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture(scope="module")
def rows(django_db_setup: Any, django_db_blocker: Any) -> list[dict[str, str]]:
    with django_db_blocker.unblock():
        return list(synthetic.Generator(count=6000, year=YEAR, seed=3).rows())


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])


def test_rates_within_the_ranges(rows):
    by_agency: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_agency[row["MaCoQuan"]].append(row)
    volumes = sorted((len(v) for v in by_agency.values()), reverse=True)
    assert volumes[0] > 8 * volumes[len(volumes) // 2]  # skewed volumes
    online_offered = [r for r in rows if r["MucDoDVC"]]
    online = sum(r["KenhThucHien"] == "2" for r in online_offered) / len(online_offered)
    assert 0.60 <= online <= 0.98
    for agency_rows in by_agency.values():
        offered = [r for r in agency_rows if r["MucDoDVC"]]
        if len(offered) >= 200:
            share = sum(r["KenhThucHien"] == "2" for r in offered) / len(offered)
            assert 0.5 <= share <= 1.0
    calendar = WorkCalendar()
    judged = on_time = 0
    for row in rows:
        if not row["NgayKetThucXuLy"] or not row["NgayHenTra"]:
            continue
        judged += 1
        received = _day(row["NgayTiepNhan"])
        allowed = calendar.working_days_between(received, _day(row["NgayHenTra"]))
        spent = calendar.working_days_between(received, _day(row["NgayKetThucXuLy"]))
        if int(row["SoLanYeuCauBoSung"]) <= 1 and spent - int(row["SoNgayBoSung"]) <= allowed:
            on_time += 1
    assert 0.95 <= on_time / judged <= 0.998
    requests = Counter(row["SoLanYeuCauBoSung"] for row in rows)
    assert requests["1"] > 0 and requests["2"] > 0
    assert {row["KenhThucHien"] for row in rows} == {"1", "2", "3"}
    assert {row["DanhGia"] for row in rows} == {"", "hai_long", "khong_hai_long"}
    assert any(row["PhiLePhi"] for row in rows) and any(
        row["ThanhToanTrucTuyen"] == "1" for row in rows
    )


def test_tet_and_weekends(rows):
    days = Counter(_day(row["NgayTiepNhan"]) for row in rows)
    # Tết Ất Tỵ 2025: 25/1 to 2/2 off.
    tet = [dt.date(2025, 1, 25) + dt.timedelta(days=n) for n in range(9)]
    assert not any(days[d] for d in tet if d.weekday() < 5)
    weekend = sum(n for d, n in days.items() if d.weekday() >= 5)
    assert 0 < weekend < 0.05 * len(rows)
    assert all(_day(r["NgayTiepNhan"]).year == YEAR for r in rows)


def test_seeded_and_loaded_as_synthetic(tmp_path):
    first = list(synthetic.Generator(count=50, year=YEAR, seed=9).rows())
    assert first == list(synthetic.Generator(count=50, year=YEAR, seed=9).rows())
    result = synthetic.load(count=300, year=YEAR, seed=9)
    assert result.ok and result.created == 300
    assert Dossier.objects.filter(synthetic=False).count() == 0
    assert IngestRun.objects.get(pk=result.run_id or 0).source == IngestSource.GENERATOR
    # The same rows through a CSV file: nothing changes.
    path = tmp_path / "synthetic.csv"
    assert synthetic.write_csv(path, count=300, year=YEAR, seed=9) == 300
    again = ingest_file(path=path, synthetic=True)
    assert again.ok and again.unchanged == 300 and again.created == 0
    assert Dossier.objects.filter(channel=Channel.ONLINE).exists()


def test_open_dossiers_at_the_horizon():
    until = dt.datetime(2025, 6, 30, tzinfo=dt.UTC)
    rows = list(synthetic.Generator(count=400, year=YEAR, seed=2, until=until).rows())
    assert all(_day(r["NgayTiepNhan"]) < dt.date(2025, 6, 30) for r in rows)
    assert any(not r["NgayKetThucXuLy"] for r in rows)
    assert all(not r["NgayKetThucXuLy"] or r["NgayKetThucXuLy"] < "2025-06-30T07" for r in rows)


def test_generate_command(tmp_path, capsys):
    call_command("dossier_generate", "20", "--year", "2025", "--csv", str(tmp_path / "g.csv"))
    assert (tmp_path / "g.csv").read_text(encoding="utf-8").count("\n") == 21
    call_command("dossier_generate", "20", "--year", "2025")
    assert Dossier.objects.filter(synthetic=True).count() == 20
