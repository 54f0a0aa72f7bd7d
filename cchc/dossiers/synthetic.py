"""A seeded generator of realistic, clearly synthetic dossier records for a province-year:
for demos, tests and benchmarks (``cchc dossiers generate``, ``cchc demo --dossiers N``).

What makes it look like a province's one-stop shop: agency volumes skewed (a few
departments and large communes take most dossiers), a procedure mix by field (đất đai,
xây dựng, đầu tư, hộ tịch…) and level, 60–98% filed online per agency, 95–99.8% resolved on
time per agency, supplement requests (some twice, those late), no filing on Tết days and
little at weekends, promised dates counted in working days (``cchc.scheduling.workdays``),
fees and online payment, feedback. Every row is marked synthetic.

Rows come out as CSV cells of the ingest format (``parsing.COLUMNS``), so the same rows can
be written to a file that ``cchc dossiers ingest`` reads, or stored directly through the
ingest (``load``)."""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings

from cchc.agencies.models import Agency, AgencyLevel
from cchc.dossiers.ingest import IngestResult, Progress, run_batch
from cchc.dossiers.models import IngestMode, IngestSource
from cchc.dossiers.parsing import COLUMNS
from cchc.scheduling.workdays import WorkCalendar


@dataclass(frozen=True)
class Procedure:
    code: str
    field: str
    level: str  # "tinh" / "xa"
    days: int  # working days promised
    fee: int  # VND
    online: str  # MucDoDVC: toan_trinh / mot_phan / ""
    weight: float


# (field, level, [(name-ish suffix, days, fee, online level, weight)])
_CATALOGUE: tuple[tuple[str, str, tuple[tuple[int, int, str, float], ...]], ...] = (
    ("Đất đai", "tinh", ((15, 500_000, "mot_phan", 5), (10, 100_000, "mot_phan", 3))),
    ("Xây dựng", "tinh", ((20, 150_000, "mot_phan", 3), (7, 0, "toan_trinh", 1))),
    ("Đầu tư", "tinh", ((15, 0, "toan_trinh", 2), (35, 0, "mot_phan", 0.5))),
    ("Thành lập và hoạt động doanh nghiệp", "tinh", ((3, 50_000, "toan_trinh", 6),)),
    ("Giao thông vận tải", "tinh", ((5, 135_000, "toan_trinh", 4), (10, 0, "mot_phan", 1))),
    ("Y tế", "tinh", ((20, 500_000, "mot_phan", 1.5),)),
    ("Giáo dục và đào tạo", "tinh", ((5, 0, "toan_trinh", 1.5),)),
    ("Lao động, thương binh và xã hội", "tinh", ((10, 0, "toan_trinh", 2),)),
    ("Hộ tịch", "xa", ((1, 8_000, "toan_trinh", 10), (3, 0, "toan_trinh", 6), (5, 0, "", 1))),
    ("Chứng thực", "xa", ((1, 10_000, "mot_phan", 8),)),
    ("Đất đai", "xa", ((10, 0, "mot_phan", 3),)),
    ("Bảo trợ xã hội", "xa", ((7, 0, "toan_trinh", 3),)),
    ("Người có công", "xa", ((12, 0, "mot_phan", 1),)),
)


def procedures() -> list[Procedure]:
    found = []
    number = 4000
    for field, level, items in _CATALOGUE:
        for days, fee, online, weight in items:
            number += 37
            found.append(Procedure(f"1.00{number}", field, level, days, fee, online, weight))
    return found


@dataclass(frozen=True)
class Office:
    code: str
    level: str  # "tinh" / "xa"
    weight: float
    online: float  # share filed online
    on_time: float  # share resolved on time


def offices(rng: random.Random, count_province: int = 20, count_commune: int = 80) -> list[Office]:
    """The registry's agencies that receive dossiers (departments and provincial units;
    communes), or made-up codes ("syn.…") when the registry is not loaded."""
    department_levels = (AgencyLevel.DEPARTMENT, AgencyLevel.PROVINCIAL_UNIT)
    province = list(
        Agency.objects.filter(level__in=department_levels, valid_until__isnull=True)
        .order_by("code")
        .values_list("code", flat=True)
    ) or [f"syn.so-{i:02d}" for i in range(1, count_province + 1)]
    commune = list(
        Agency.objects.filter(level=AgencyLevel.COMMUNE, valid_until__isnull=True)
        .order_by("code")
        .values_list("code", flat=True)
    ) or [f"syn.xa-{i:03d}" for i in range(1, count_commune + 1)]
    return weighted_offices(rng, province, commune)


def weighted_offices(rng: random.Random, province: list[str], commune: list[str]) -> list[Office]:
    """Offices of these codes with Zipf-like volumes (the first agencies, once shuffled, take
    most dossiers), 45 % of the dossiers at the provincial level, and each office's own online
    and on-time shares."""
    found = []
    for codes, level, share in ((province, "tinh", 0.45), (commune, "xa", 0.55)):
        order = codes[:]
        rng.shuffle(order)
        # Zipf-like volumes: the first agencies take most dossiers.
        raw = [1 / (rank + 1) ** 1.1 for rank in range(len(order))]
        total = sum(raw)
        for code, weight in zip(order, raw, strict=True):
            found.append(
                Office(
                    code,
                    level,
                    share * weight / total,
                    online=rng.uniform(0.60, 0.98),
                    on_time=rng.uniform(0.95, 0.998),
                )
            )
    return found


STATUS_DONE = "Đã trả kết quả"
STATUS_OPEN = "Đang xử lý"
STATUS_WAITING = "Chờ bổ sung"


class Generator:
    """``rows()`` yields ``count`` dossiers received in ``year`` as CSV cells."""

    def __init__(
        self, *, count: int, year: int, seed: int = 1, until: dt.datetime | None = None
    ) -> None:
        self.count = count
        self.year = year
        self.rng = random.Random(seed)
        self.zone = ZoneInfo(settings.TIME_ZONE)
        self.calendar = WorkCalendar()
        self.offices = offices(self.rng)
        self.procedures = {
            level: [p for p in procedures() if p.level == level] for level in ("tinh", "xa")
        }
        end = dt.datetime(year + 1, 1, 1, tzinfo=self.zone)
        self.until = min(until, end) if until is not None else end
        self.days = self._filing_days()
        self.prefix = settings.CCHC_PROVINCE_CODE

    def _filing_days(self) -> tuple[list[dt.date], list[float]]:
        """Days of the year with their weight: working days 1, weekends 0.05, days off 0."""
        days, weights = [], []
        day = dt.date(self.year, 1, 1)
        while day.year == self.year:
            working = self.calendar.is_working_day(day)
            weight = 1.0 if working else (0.05 if day.weekday() >= 5 else 0.0)
            next_day = day + dt.timedelta(days=1)
            if (
                dt.datetime(next_day.year, next_day.month, next_day.day, tzinfo=self.zone)
                > self.until
            ):
                weight = 0.0  # only whole days before the horizon
            if weight:
                days.append(day)
                weights.append(weight)
            day += dt.timedelta(days=1)
        return days, weights

    def _at(self, day: dt.date) -> dt.datetime:
        minutes = self.rng.randint(7 * 60 + 30, 17 * 60)
        return dt.datetime(
            day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=self.zone
        )

    def _working_after(self, day: dt.date, k: int) -> dt.date:
        return self.calendar.add_working_days(day, k)

    def rows(self) -> Iterator[dict[str, str]]:
        rng = self.rng
        office_weights = [o.weight for o in self.offices]
        days, day_weights = self.days
        if not days:
            return
        cumulative_days = _cumulative(day_weights)
        cumulative_offices = _cumulative(office_weights)
        picks = {
            level: (found, _cumulative([p.weight for p in found]))
            for level, found in self.procedures.items()
        }
        for number in range(1, self.count + 1):
            office = self.offices[_pick(rng, cumulative_offices)]
            found, weights = picks[office.level]
            procedure = found[_pick(rng, weights)]
            day = days[_pick(rng, cumulative_days)]
            yield self._row(number, office, procedure, day)

    def _row(
        self, number: int, office: Office, procedure: Procedure, day: dt.date
    ) -> dict[str, str]:
        rng = self.rng
        received = self._at(day)
        online = procedure.online != "" and rng.random() < office.online
        channel = "2" if online else ("3" if rng.random() < 0.08 else "1")
        no_due = rng.random() < 0.03
        due_day = self._working_after(day, procedure.days)
        late = rng.random() > office.on_time
        requests = 0
        if late and rng.random() < 0.3:
            requests = 2
        elif rng.random() < 0.08:
            requests = 1
        pause = sum(rng.randint(1, 5) for _ in range(requests))
        if late:
            spent = procedure.days + rng.randint(1, 10)
        else:
            spent = rng.randint(max(0, procedure.days // 3), procedure.days)
        finish_day = self._working_after(day, spent + pause)
        finished: dt.datetime | None = max(self._at(finish_day), received + dt.timedelta(hours=1))
        if finished is not None and finished >= self.until:
            finished = None
        waiting = finished is None and requests > 0 and rng.random() < 0.5
        fee = procedure.fee if rng.random() < 0.9 else 0
        paid_online = fee > 0 and online and rng.random() < 0.6
        e_result = finished is not None and rng.random() < (0.85 if online else 0.4)
        feedback = ""
        if finished is not None and rng.random() < 0.5:
            feedback = "hai_long" if rng.random() < 0.97 else "khong_hai_long"
        code = f"{self.prefix}.{office.code}-{received:%y%m%d}-{number:07d}"
        return {
            "MaHoSo": code[:64],
            "MaTTHC": procedure.code,
            "LinhVuc": procedure.field,
            "MaCoQuan": office.code,
            "CapThucHien": procedure.level,
            "KenhThucHien": channel,
            "MucDoDVC": procedure.online,
            "NgayTiepNhan": received.strftime("%Y-%m-%dT%H:%M"),
            "NgayHenTra": "" if no_due else f"{due_day:%Y-%m-%d}T17:00",
            "NgayKetThucXuLy": finished.strftime("%Y-%m-%dT%H:%M") if finished else "",
            "TrangThai": STATUS_DONE if finished else (STATUS_WAITING if waiting else STATUS_OPEN),
            "SoLanYeuCauBoSung": str(requests),
            "SoNgayBoSung": str(pause),
            "CoKetQuaDienTu": "1" if e_result else "0",
            "DuocSoHoa": "1" if rng.random() < 0.85 else "0",
            "TaiSuDungDuLieu": "1" if rng.random() < 0.3 else "0",
            "PhiLePhi": str(fee) if procedure.fee else "",
            "ThanhToanTrucTuyen": "1" if paid_online else "0",
            "DanhGia": feedback,
        }


def _cumulative(weights: list[float]) -> list[float]:
    total = 0.0
    found = []
    for weight in weights:
        total += weight
        found.append(total)
    return found


def _pick(rng: random.Random, cumulative: list[float]) -> int:
    index = bisect.bisect_right(cumulative, rng.random() * cumulative[-1])
    return min(index, len(cumulative) - 1)


def write_csv(
    path: Path, *, count: int, year: int, seed: int = 1, until: dt.datetime | None = None
) -> int:
    """Write ``count`` synthetic dossiers as a CSV of the ingest format; the rows written."""
    written = 0
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(COLUMNS))
        writer.writeheader()
        for row in Generator(count=count, year=year, seed=seed, until=until).rows():
            writer.writerow(row)
            written += 1
    return written


def load(
    *,
    count: int,
    year: int,
    seed: int = 1,
    until: dt.datetime | None = None,
    progress: Progress | None = None,
) -> IngestResult:
    """Store ``count`` synthetic dossiers through the ingest (marked synthetic)."""
    rows = Generator(count=count, year=year, seed=seed, until=until).rows()
    return run_batch(
        rows=enumerate(rows, start=2),
        mode=IngestMode.REFUSE,
        source=IngestSource.GENERATOR,
        file_name=f"synthetic {year} seed {seed}",
        synthetic=True,
        progress=progress,
    )


__all__ = ["Generator", "load", "write_csv"]
