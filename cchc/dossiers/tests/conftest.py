from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cchc.agencies.models import Agency, AgencyLevel
from cchc.dossiers.parsing import COLUMNS


def row(**cells: Any) -> dict[str, str]:
    """A good CSV row; keyword arguments replace cells."""
    values = {
        "MaHoSo": "000.00.24.H01-260302-0001",
        "MaTTHC": "1.004227",
        "LinhVuc": "Đất đai",
        "MaCoQuan": "t.stnmt",
        "CapThucHien": "tinh",
        "KenhThucHien": "2",
        "MucDoDVC": "toan_trinh",
        "NgayTiepNhan": "02/03/2026 08:30",
        "NgayHenTra": "2026-03-09T17:00",
        "NgayKetThucXuLy": "06/03/2026 10:00",
        "TrangThai": "Đã trả kết quả",
        "SoLanYeuCauBoSung": "0",
        "SoNgayBoSung": "0",
        "CoKetQuaDienTu": "1",
        "DuocSoHoa": "1",
        "TaiSuDungDuLieu": "0",
        "PhiLePhi": "50.000",
        "ThanhToanTrucTuyen": "1",
        "DanhGia": "hai_long",
    }
    values.update({k: str(v) for k, v in cells.items()})
    return values


def csv_text(rows: list[dict[str, str]], columns: tuple[str, ...] | list[str] = COLUMNS) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    def write(rows: list[dict[str, str]], name: str = "hoso.csv", **kw: Any) -> Path:
        path = tmp_path / name
        path.write_text(csv_text(rows, **kw), encoding="utf-8")
        return path

    return write


@pytest.fixture
def agency(db: None) -> Agency:
    return Agency.objects.create(
        code="t.stnmt", name="Sở Tài nguyên và Môi trường (thử)", level=AgencyLevel.DEPARTMENT
    )


@pytest.fixture
def other_agency(db: None) -> Agency:
    return Agency.objects.create(code="t.xa-a", name="UBND xã A (thử)", level=AgencyLevel.COMMUNE)
