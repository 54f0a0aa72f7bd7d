"""Each formula on hand-made dossiers, the answers worked out by hand (period: January 2026,
bounds in UTC so the arithmetic below is plain)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ibis
import pytest

from cchc.servicequality import formulas
from cchc.servicequality.tests.factories import at, dossier, table

JAN = ("2026-01", formulas.epoch(at("2026-01-01", 0)), formulas.epoch(at("2026-02-01", 0)))
FEB = ("2026-02", formulas.epoch(at("2026-02-01", 0)), formulas.epoch(at("2026-03-01", 0)))
MAR = ("2026-03", formulas.epoch(at("2026-03-01", 0)), formulas.epoch(at("2026-04-01", 0)))


def figures(
    rows: list[dict[str, Any]],
    periods: tuple[tuple[str, int, int], ...] = (JAN,),
) -> dict[str, dict[str, Any]]:
    con = ibis.duckdb.connect()
    expr = formulas.aggregate(ibis.memtable(table(rows)), formulas.periods_table(periods), ())
    return {r["period"]: r for r in formulas.rows(con.execute(expr))}


def test_two_supplement_requests_are_late_even_when_finished_early() -> None:
    got = figures([dossier(supplement_requests=2, supplement_days=1, finished_at=at("2026-01-07"))])
    row = got["2026-01"]
    assert (row["n_2_1"], row["d_2_1"]) == (0, 1)
    assert formulas.rate(row["n_2_1"], row["d_2_1"]) == 0.0
    assert (row["resolved"], row["resolved_late"], row["resolved_on_time"]) == (1, 1, 0)


def test_the_supplement_pause_turns_late_into_on_time() -> None:
    # Received 05/01 08:00, promised 12/01 17:00 (7 d 9 h), finished 15/01 09:00 (10 d 1 h).
    # With 3 days waiting for the applicant's supplement: 7 d 1 h used, within 7 d 9 h, not a
    # whole day early.
    paused = dossier(supplement_requests=1, supplement_days=3, finished_at=at("2026-01-15", 9))
    plain = dossier(supplement_requests=1, supplement_days=0, finished_at=at("2026-01-15", 9))
    row = figures([paused])["2026-01"]
    assert (row["n_2_1"], row["d_2_1"]) == (1, 1)
    assert (row["resolved_early"], row["resolved_on_time"], row["resolved_late"]) == (0, 1, 0)
    row = figures([plain])["2026-01"]
    assert (row["n_2_1"], row["resolved_late"]) == (0, 1)


def test_open_at_the_period_end_is_judged_at_the_period_end() -> None:
    in_time = dossier(received_at=at("2026-01-20"), due_at=at("2026-02-10", 17))
    overdue = dossier(
        received_at=at("2026-01-05"), due_at=at("2026-01-20", 17), finished_at=at("2026-02-03")
    )
    got = figures([in_time, overdue], (JAN, FEB))
    jan = got["2026-01"]
    assert (jan["n_2_1"], jan["d_2_1"]) == (1, 2)
    assert (jan["pending"], jan["pending_in_time"], jan["pending_overdue"]) == (2, 1, 1)
    feb = got["2026-02"]
    # Both carried over into February: one finished late on 03/02, the other still open at
    # the end of February, past its promised 10/02, so overdue.
    assert (feb["carried_over"], feb["received_online"], feb["received_in_person"]) == (2, 0, 0)
    assert (feb["resolved"], feb["resolved_late"]) == (1, 1)
    assert (feb["pending"], feb["pending_overdue"]) == (1, 1)
    assert (feb["n_2_1"], feb["d_2_1"]) == (0, 2)


def test_finished_dossiers_leave_the_later_periods() -> None:
    done = dossier(finished_at=at("2026-01-09"))
    got = figures([done], (JAN, FEB))
    assert "2026-02" not in got
    assert got["2026-01"]["resolved_early"] == 1


def test_missing_promised_date_uses_the_statutory_due_date() -> None:
    # No NgayHenTra: P1's statutory due date (stored at ingest) is 12/01; finished 10/01 → on
    # time, 13/01 → late; P2 has no statutory time: it cannot be judged, so 766.2.1 leaves it
    # out (Biểu 06 counts it as on time).
    stat = at("2026-01-12")
    quick = dossier(
        due_at=None,
        statutory_due_at=stat,
        received_at=at("2026-01-02"),
        finished_at=at("2026-01-10"),
    )
    slow = dossier(
        due_at=None,
        statutory_due_at=stat,
        received_at=at("2026-01-02"),
        finished_at=at("2026-01-13"),
    )
    unknown = dossier(
        due_at=None, procedure_code="P2", received_at=at("2026-01-02"), finished_at=at("2026-01-30")
    )
    row = figures([quick, slow, unknown])["2026-01"]
    assert (row["n_2_1"], row["d_2_1"]) == (1, 2)
    assert row["resolved"] == 3
    assert row["resolved_late"] == 1
    assert row["resolved_early"] + row["resolved_on_time"] == 2
    row = figures([unknown])["2026-01"]
    assert row["d_2_1"] == 0
    assert formulas.rate(row["n_2_1"], row["d_2_1"]) is None


def test_tet_inside_the_processing_window() -> None:
    # Received Thursday 12/02/2026; Tết holidays 14–22/02 are not working days, so the one-stop
    # system promised 10 working days as 06/03/2026. Finished 04/03: 20 calendar days later,
    # yet on time, and counted in March.
    row = dossier(
        received_at=at("2026-02-12"), due_at=at("2026-03-06", 17), finished_at=at("2026-03-04")
    )
    got = figures([row], (FEB, MAR))
    assert got["2026-02"]["pending_in_time"] == 1
    assert (got["2026-03"]["resolved_early"], got["2026-03"]["n_2_1"]) == (1, 1)
    # 766.2.2: 20 days of resolution on average.
    assert formulas.rate(got["2026-03"]["n_2_2"], got["2026-03"]["d_2_2"], percent=False) == 20.0


def test_shares_and_zero_denominators() -> None:
    rows = [
        dossier(channel=2, fee=0, digitised=True, reused_data=True, finished_at=at("2026-01-08")),
        dossier(
            channel=1,
            fee=0,
            digitised=True,
            e_result=True,
            finished_at=at("2026-01-08"),
            paper_result=True,
        ),
        dossier(channel=3, fee=0, feedback=""),
        dossier(channel=None, fee=0),
    ]
    row = figures(rows)["2026-01"]
    assert (row["n_3_3"], row["d_3_3"]) == (1, 4)
    assert formulas.rate(row["n_3_3"], row["d_3_3"]) == 25.0
    assert (row["received_online"], row["received_in_person"]) == (1, 3)
    # No fee anywhere: online payment has no data, never 0 %.
    assert row["d_3_6"] == 0 and formulas.rate(row["n_3_6"], row["d_3_6"]) is None
    # No feedback: satisfaction has no data either.
    assert row["d_5_4"] == 0 and formulas.rate(row["n_5_4"], row["d_5_4"]) is None
    # e-results among the finished dossiers of procedures requiring a paper result (1 of the
    # 2 finished); digitised needs the e-result once finished.
    assert (row["n_4_1"], row["d_4_1"]) == (1, 1)
    assert (row["n_4_2"], row["d_4_2"]) == (1, 4)
    assert (row["n_4_3"], row["d_4_3"]) == (1, 4)


def test_paper_result_rules_of_3_3_and_4_1() -> None:
    # Regulation rows 3.3 and 4.1: all six received and, but C and F, finished in January.
    rows = [
        # A: online, paper required, finished without an e-result: not online for 3.3; in
        # 4.1's denominator only.
        dossier(code="A", paper_result=True, finished_at=at("2026-01-08")),
        # B: online, paper required, e-result: online; 4.1 numerator and denominator.
        dossier(code="B", paper_result=True, e_result=True, finished_at=at("2026-01-08")),
        # C: online, no paper required, still open: online; not in 4.1.
        dossier(code="C"),
        # D: online, no paper required, e-result: online; not in 4.1 (not required).
        dossier(code="D", e_result=True, finished_at=at("2026-01-09")),
        # E: in person, paper required, e-result: not online; 4.1 numerator and denominator.
        dossier(
            code="E", channel=1, paper_result=True, e_result=True, finished_at=at("2026-01-09")
        ),
        # F: online, paper required, still open (no e-result yet): not online for 3.3.
        dossier(code="F", paper_result=True),
    ]
    row = figures(rows)["2026-01"]
    # 3.3 = {B, C, D} / 6 = 50 %; × the synchronisation ratio, 1.
    assert (row["n_3_3"], row["d_3_3"]) == (3, 6)
    assert formulas.rate(row["n_3_3"], row["d_3_3"]) == 50.0
    # 4.1 = {B, E} / {A, B, E} = 66.67 %.
    assert (row["n_4_1"], row["d_4_1"]) == (2, 3)
    assert formulas.rate(row["n_4_1"], row["d_4_1"]) == 66.67
    # Biểu 06 counts the channel only: five received online, one in person.
    assert (row["received_online"], row["received_in_person"]) == (5, 1)


def test_4_1_ignores_procedures_without_a_paper_result() -> None:
    # Finished with and without e-results, none of a procedure requiring a paper result:
    # 4.1 has no data (never 0 %), and 3.3 counts every online dossier (the 2022 rule).
    rows = [
        dossier(code="A", e_result=True, finished_at=at("2026-01-08")),
        dossier(code="B", finished_at=at("2026-01-08")),
        dossier(code="C", channel=1, finished_at=at("2026-01-08")),
    ]
    row = figures(rows)["2026-01"]
    assert (row["n_4_1"], row["d_4_1"]) == (0, 0)
    assert formulas.rate(row["n_4_1"], row["d_4_1"]) is None
    assert formulas.points(None, max_points=1.0, threshold=50) is None
    assert (row["n_3_3"], row["d_3_3"]) == (2, 3)


def test_online_payment_and_satisfaction() -> None:
    rows = [
        dossier(fee=50000, paid_online=True, finished_at=at("2026-01-08"), feedback="satisfied"),
        dossier(fee=50000, paid_online=False, finished_at=at("2026-01-08"), feedback="satisfied"),
        dossier(fee=20000, paid_online=True, finished_at=at("2026-01-08"), feedback="unsatisfied"),
        dossier(fee=0, paid_online=True),
    ]
    row = figures(rows)["2026-01"]
    assert (row["n_3_6"], row["d_3_6"]) == (2, 3)
    assert formulas.rate(row["n_3_6"], row["d_3_6"]) == 66.67
    assert (row["n_5_4"], row["d_5_4"]) == (2, 3)


def test_points_follow_the_threshold() -> None:
    assert formulas.points(40.0, max_points=4.4, threshold=50) == 3.52
    assert formulas.points(75.0, max_points=4.4, threshold=50) == 4.4
    assert formulas.points(None, max_points=4.4, threshold=50) is None
    assert formulas.points(50.0, max_points=0, threshold=0) is None


def test_grouping_is_checked() -> None:
    t = ibis.memtable(table([dossier()]))
    with pytest.raises(ValueError, match="Cannot group by"):
        formulas.aggregate(t, formulas.periods_table([JAN]), ("channel",))


def test_group_by_agency_and_level() -> None:
    rows = [
        dossier(agency_code="A", level="province"),
        dossier(agency_code="B", level="commune", channel=1),
        dossier(agency_code="B", level="commune", received_at=at("2025-12-20")),
    ]
    con = ibis.duckdb.connect()
    expr = formulas.aggregate(
        ibis.memtable(table(rows)), formulas.periods_table([JAN]), ("agency_code", "level")
    )
    got = {(r["agency_code"], r["level"]): r for r in formulas.rows(con.execute(expr))}
    assert got[("A", "province")]["total"] == 1
    assert (got[("B", "commune")]["total"], got[("B", "commune")]["carried_over"]) == (2, 1)
    assert got[("B", "commune")]["d_3_3"] == 1


def test_epoch_of_naive_and_aware_moments() -> None:
    assert formulas.epoch(dt.datetime(1970, 1, 2)) == 86_400  # noqa: DTZ001
    plus7 = dt.timezone(dt.timedelta(hours=7))
    assert formulas.epoch(dt.datetime(1970, 1, 2, 7, tzinfo=plus7)) == 86_400
