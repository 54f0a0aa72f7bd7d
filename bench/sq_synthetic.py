"""The synthetic province-year of ``cchc.dossiers.synthetic`` generated vectorised (numpy and
Arrow), a month at a time, straight into the Parquet copy (``cchc.servicequality.parquet``):
10 million dossiers in minutes where the row-by-row generator and the ingest would take hours.

The same distributions as ``cchc.dossiers.synthetic.Generator`` (its procedure catalogue and
offices are imported, not copied): 20 provincial offices and 80 communes with Zipf-like
volumes (45 % / 55 %), 60–98 % online and 95–99.8 % on time per office, the procedure mix by
level, filing on working days (weight 1), weekends (0.05), never on Tết and holidays (the
national calendar), 07:30–17:00; promised dates counted in working days at 17:00 (3 % without
one); late dossiers 30 % with two supplement requests, 8 % of all with one, 1–5 paused days
each; fees (90 % of a priced procedure's dossiers), online payment (60 % of online fee
payers), electronic results (85 % online, 40 % otherwise), digitised 85 %, reused data 30 %,
feedback on half of the finished (97 % satisfied). Dossiers not finished by the year's end are
open. The offices carry made-up codes (``syn.so-NN``, ``syn.xa-NNN``), as the generator does
without a registry. Every row is synthetic.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cchc.dossiers.synthetic import Office, procedures, weighted_offices
from cchc.scheduling.workdays import WorkCalendar

DAY = 86_400
UTC_OFFSET = 7 * 3600  # Asia/Ho_Chi_Minh, no daylight saving since 1975
MAX_WORKING_DAYS = 64  # longest procedure 35 + late 10 + two pauses of 5, with room


def offices(rng: random.Random) -> list[Office]:
    """``cchc.dossiers.synthetic.offices`` without a registry (the same draws, same order)."""
    province = [f"syn.so-{i:02d}" for i in range(1, 21)]
    commune = [f"syn.xa-{i:03d}" for i in range(1, 81)]
    return weighted_offices(rng, province, commune)


def _filing_days(year: int, calendar: WorkCalendar) -> tuple[list[dt.date], np.ndarray]:
    days, weights = [], []
    day = dt.date(year, 1, 1)
    while day.year == year:
        working = calendar.is_working_day(day)
        weight = 1.0 if working else (0.05 if day.weekday() >= 5 else 0.0)
        if weight:
            days.append(day)
            weights.append(weight)
        day += dt.timedelta(days=1)
    w = np.array(weights)
    return days, w / w.sum()


def _epoch_day(day: dt.date) -> int:
    """Epoch seconds of local midnight starting ``day``."""
    return (day.toordinal() - dt.date(1970, 1, 1).toordinal()) * DAY - UTC_OFFSET


class Generator:
    """``months()`` yields ``(YYYY-MM, Arrow table)`` of ``count`` dossiers received in
    ``year``, with the columns of the Parquet copy and UTC timestamps."""

    def __init__(self, *, count: int, year: int, seed: int = 1, province: str = "24") -> None:
        self.count, self.year, self.province = count, year, province
        self.np = np.random.default_rng(seed)
        self.offices = offices(random.Random(seed))
        calendar = WorkCalendar(province=False)
        self.days, self.day_p = _filing_days(year, calendar)
        # The k-th working day after each filing day, as epoch seconds of its local midnight.
        self.after = np.array(
            [
                [_epoch_day(calendar.add_working_days(d, k)) for k in range(MAX_WORKING_DAYS)]
                for d in self.days
            ],
            dtype=np.int64,
        )
        self.day_s = np.array([_epoch_day(d) for d in self.days], dtype=np.int64)
        self.until = _epoch_day(dt.date(year + 1, 1, 1))
        self.office_p = np.array([o.weight for o in self.offices])
        self.office_p /= self.office_p.sum()
        self.office_level = np.array([o.level for o in self.offices])
        self.office_online = np.array([o.online for o in self.offices])
        self.office_on_time = np.array([o.on_time for o in self.offices])
        self.procedures = procedures()
        self.office_codes = pa.array([f"{province}.{o.code}" for o in self.offices])
        self.office_names = pa.array([o.code for o in self.offices])

    def _procedure_of(self, levels: np.ndarray) -> np.ndarray:
        out = np.empty(len(levels), dtype=np.int64)
        for level in ("tinh", "xa"):
            index = np.array([i for i, p in enumerate(self.procedures) if p.level == level])
            weights = np.array([self.procedures[i].weight for i in index])
            mask = levels == level
            out[mask] = self.np.choice(index, int(mask.sum()), p=weights / weights.sum())
        return out

    def months(self) -> Iterator[tuple[str, pa.Table]]:
        per_day = self.np.multinomial(self.count, self.day_p)
        month_of = np.array([d.month for d in self.days])
        number = 0
        for month in range(1, 13):
            in_month = np.flatnonzero(month_of == month)
            day = np.repeat(in_month, per_day[in_month])
            if len(day):
                yield f"{self.year}-{month:02d}", self._month(day, number)
            number += len(day)

    def _minutes(self, n: int) -> np.ndarray:
        return self.np.integers(7 * 60 + 30, 17 * 60 + 1, n) * 60

    def _month(self, day: np.ndarray, first: int) -> pa.Table:
        rng, n = self.np, len(day)
        office = rng.choice(len(self.offices), n, p=self.office_p)
        proc = self._procedure_of(self.office_level[office])
        p_days = np.array([p.days for p in self.procedures])[proc]
        p_fee = np.array([p.fee for p in self.procedures])[proc]
        p_online = np.array([p.online != "" for p in self.procedures])[proc]
        # The catalogue's "paper result required" (derived at ingest, like the statutory due
        # date): here every procedure not served fully online (toàn trình) requires one.
        p_paper = np.array([p.online != "toan_trinh" for p in self.procedures])[proc]
        received = self.day_s[day] + self._minutes(n)
        online = p_online & (rng.random(n) < self.office_online[office])
        channel = np.where(online, 2, np.where(rng.random(n) < 0.08, 3, 1)).astype(np.int32)
        no_due = rng.random(n) < 0.03
        due = self.after[day, p_days] + 17 * 3600
        statutory = self.after[day, p_days] + received - self.day_s[day]
        late = rng.random(n) > self.office_on_time[office]
        requests = np.where(late & (rng.random(n) < 0.3), 2, np.where(rng.random(n) < 0.08, 1, 0))
        pause = rng.integers(1, 6, n) * (requests >= 1) + rng.integers(1, 6, n) * (requests >= 2)
        spent = np.where(
            late,
            p_days + rng.integers(1, 11, n),
            rng.integers(p_days // 3, p_days + 1),
        )
        finished = np.maximum(self.after[day, spent + pause] + self._minutes(n), received + 3600)
        open_ = finished >= self.until
        fee = np.where(rng.random(n) < 0.9, p_fee, 0)
        paid = (fee > 0) & online & (rng.random(n) < 0.6)
        e_result = ~open_ & (rng.random(n) < np.where(online, 0.85, 0.4))
        rated = ~open_ & (rng.random(n) < 0.5)
        feedback = np.where(rated, np.where(rng.random(n) < 0.97, "satisfied", "unsatisfied"), "")
        digitised = rng.random(n) < 0.85
        reused = rng.random(n) < 0.3
        office_index = pa.array(office)
        local_day = pc.strftime(_ts(received + UTC_OFFSET), format="%y%m%d")
        numbers = pc.utf8_lpad(
            pc.cast(pa.array(np.arange(first + 1, first + n + 1)), pa.string()), 7, "0"
        )
        codes = pc.binary_join_element_wise(
            self.office_codes.take(office_index), local_day, numbers, "-"
        )
        return pa.table(
            {
                "province_code": pa.array(np.full(n, self.province)),
                "code": pc.utf8_slice_codeunits(codes, 0, 64),
                "agency_code": self.office_names.take(office_index),
                "level": pa.array(
                    np.where(self.office_level[office] == "tinh", "province", "commune")
                ),
                "procedure_code": pa.array([p.code for p in self.procedures]).take(pa.array(proc)),
                "field": pa.array([p.field for p in self.procedures]).take(pa.array(proc)),
                "channel": pa.array(channel),
                "received_at": _ts(received),
                "due_at": _ts(due, no_due),
                # Without a promised date: the statutory due date the ingest stores (the
                # procedure's working days from reception, at the time of reception).
                "statutory_due_at": _ts(statutory, ~no_due),
                "paper_result": pa.array(p_paper),
                "finished_at": _ts(finished, open_),
                "supplement_requests": pa.array(requests.astype(np.int32)),
                "supplement_days": pa.array(pause.astype(np.float64)),
                "e_result": pa.array(e_result),
                "digitised": pa.array(digitised),
                "reused_data": pa.array(reused),
                "paid_online": pa.array(paid),
                # PhiLePhi is empty for a procedure without a fee.
                "fee": pa.array(fee.astype(np.float64), mask=p_fee == 0),
                "feedback": pa.array(feedback),
            }
        )


def _ts(seconds: np.ndarray, mask: Any = None) -> pa.Array:
    """UTC instants (epoch seconds) as zoned Arrow timestamps."""
    return pa.array(seconds * 1_000_000, pa.int64(), mask=mask).cast(pa.timestamp("us", tz="UTC"))
