# SPDX-License-Identifier: MPL-2.0
"""The fast ingest paths (slices in parallel, no sort when already in order, exact
integer statistics) give the same store and numbers as the plain computation."""

from __future__ import annotations

import random
import statistics
from datetime import UTC, datetime, timedelta
from fractions import Fraction

import polars as pl
import pytest

from procesmine import ColumnMapping, analysis, dfg, encode, from_frame, graph, variants

MAPPING = ColumnMapping("case", "activity", "time")
T0 = datetime(2026, 3, 1, 8, tzinfo=UTC)


@pytest.fixture
def small_slices(monkeypatch):
    """Cut even a handful of rows into several slices, so slice edges are exercised."""
    monkeypatch.setattr(encode, "_MIN_SLICE", 2)
    monkeypatch.setattr(encode.pl, "thread_pool_size", lambda: 4)


def test_run_starts_mends_slice_edges(small_slices):
    # With 8 rows in 4 slices, rows 2, 4 and 6 open a slice; 4 continues a run.
    names = pl.Series(["a", "a", "b", "b", "b", "c", "a", "a"])
    assert encode._slices(len(names)) == [(0, 2), (2, 2), (4, 2), (6, 2)]
    expected = [True, False, True, False, False, True, True, False]
    assert encode.run_starts(names).to_list() == expected


def test_case_ids_and_codes_match_the_plain_computation(small_slices):
    names = pl.Series(["k2", "k2", "k1", "k1", "k1", "k3", "k3", "k4", "k4"])
    ids, table = encode.case_ids(names)
    assert ids.to_list() == [0, 0, 1, 1, 1, 2, 2, 3, 3]
    assert table["case_name"].to_list() == ["k2", "k1", "k3", "k4"]
    codes, labels = encode.activity_codes(pl.Series(["Høring", "Afgørelse", "Høring", "Ændring"]))
    assert labels == ["Afgørelse", "Høring", "Ændring"]
    assert codes.to_list() == [1, 0, 1, 2]


def test_interleaved_cases_get_ids_by_first_appearance(small_slices):
    names = pl.Series(["k2", "k1", "k2", "k1", "k3", "k2"])
    ids, table = encode.case_ids(names)
    assert ids.to_list() == [0, 1, 0, 1, 2, 0]
    assert table["case_name"].to_list() == ["k2", "k1", "k3"]


def _frame(rows):
    return pl.DataFrame(
        {
            "case": [r[0] for r in rows],
            "activity": [r[1] for r in rows],
            "time": [T0 + timedelta(minutes=r[2]) for r in rows],
        }
    )


def test_ordered_and_shuffled_sources_give_the_same_store(small_slices):
    ordered = [
        ("A", "Modtag", 0),
        ("A", "Vurdér", 5),
        ("A", "Afgør", 5),
        ("B", "Modtag", 1),
        ("B", "Afgør", 9),
        ("C", "Modtag", 2),
        ("C", "Vurdér", 3),
    ]
    # Same events with the cases interleaved; tie order inside case A kept.
    shuffled = [ordered[i] for i in (0, 3, 5, 1, 6, 2, 4)]
    a = from_frame(_frame(ordered), MAPPING)
    b = from_frame(_frame(shuffled), MAPPING)
    assert encode.in_store_order(a.events)
    assert a.events["case"].flags["SORTED_ASC"]
    assert not encode.in_store_order(
        pl.DataFrame({"case": [0, 1, 0], "time": [0, 0, 1]}, schema_overrides={"case": pl.UInt32})
    )
    cols = ["case", "activity", "time"]
    assert a.events.select(cols).equals(b.events.select(cols))
    assert dfg(a, performance=True).to_dict() == dfg(b, performance=True).to_dict()
    assert variants(a).to_dict() == variants(b).to_dict()
    # Within case A the tie at minute 5 keeps file order: Vurdér before Afgør.
    assert [v.activities for v in variants(a).variants] == [
        ["Modtag", "Afgør"],
        ["Modtag", "Vurdér"],
        ["Modtag", "Vurdér", "Afgør"],
    ]


def test_time_statistics_match_exact_arithmetic():
    # Waits from a minute to two weeks, to the microsecond.
    waits = [60_000_001, 3_600_000_000, 86_399_999_999, 1_209_600_000_007, 7]
    rows = []
    for i in range(len(waits)):
        rows += [(f"c{i}", "Modtag", 0), (f"c{i}", "Afgør", 0)]
    frame = _frame(rows).with_columns(
        pl.Series("time", [T0 + timedelta(microseconds=w * (j % 2)) for w in waits for j in (0, 1)])
    )
    edge = dfg(from_frame(frame, MAPPING), performance=True).edges[0]
    secs = [Fraction(w, 10**6) for w in waits]
    assert edge.count == 5
    assert edge.sum == float(sum(secs))
    assert edge.mean == float(sum(secs) / 5)
    assert edge.median == float(sorted(secs)[2])
    assert (edge.min, edge.max) == (float(min(secs)), float(max(secs)))
    assert edge.stdev == pytest.approx(float(statistics.stdev(secs)), rel=1e-12)


def test_means_are_correctly_rounded():
    rng = random.Random(7)
    for _ in range(20):
        waits = [rng.randrange(1, 10**13) for _ in range(rng.randrange(2, 9))]
        rows = []
        for i in range(len(waits)):
            rows += [(f"c{i}", "Modtag", 0), (f"c{i}", "Afgør", 0)]
        frame = _frame(rows).with_columns(
            pl.Series(
                "time", [T0 + timedelta(microseconds=w * (j % 2)) for w in waits for j in (0, 1)]
            )
        )
        edge = dfg(from_frame(frame, MAPPING), performance=True).edges[0]
        assert edge.mean == float(Fraction(sum(waits), len(waits) * 10**6))
        assert edge.sum == float(Fraction(sum(waits), 10**6))


def test_sums_beyond_64_bits_do_not_wrap():
    # 1,500 pairs of about 200 years each: the sum in microseconds exceeds 2**63.
    span = timedelta(days=365 * 200)
    rows = {"case": [], "activity": [], "time": []}
    for i in range(1500):
        rows["case"] += [f"c{i}", f"c{i}"]
        rows["activity"] += ["Start", "Slut"]
        rows["time"] += [T0, T0 + span]
    edge = dfg(from_frame(pl.DataFrame(rows), MAPPING), performance=True).edges[0]
    assert edge.count == 1500
    assert edge.sum == pytest.approx(1500 * span.total_seconds(), rel=1e-15)
    assert edge.sum > 2**63 / 10**6
    assert edge.stdev == 0.0


def test_case_variants_on_a_slice_match_the_group_by():
    rows = []
    for i in range(50):
        rows += [(f"c{i}", f"A{(i * j) % 4}", i + j) for j in range(i % 5 + 1)]
    log = from_frame(_frame(rows), MAPPING)
    part = log.replace(log.events.slice(7, 60))  # starts and ends inside a case
    per_case = analysis.case_variants(part).sort("case")
    codes = analysis._key_codes(per_case["key"], len(part.activities))
    per_case = per_case.select("case", codes.alias("variant"), "duration")
    expected = (
        part.events.group_by("case")
        .agg(
            pl.col("activity").alias("variant"),
            ((pl.col("time").max() - pl.col("time").min()) / 1e6).alias("duration"),
        )
        .sort("case")
    )
    assert per_case.height == expected.height > 10
    assert per_case.equals(expected)


def test_exact_total_recovers_sums_from_their_wrapped_and_float_parts():
    rng = random.Random(7)
    for _ in range(2000):
        n = rng.randint(1, 50)
        values = [rng.randint(-(2**62), 2**62) for _ in range(n)]
        true = sum(values)
        wrapped = (true + 2**63) % 2**64 - 2**63
        approx = float(sum(float(v) for v in values))  # naive float sum, as the bound assumes
        assert graph._exact_total(wrapped, approx) == true


def test_sums_fall_back_to_128_bits_past_the_float_bound():
    d = pl.col("d")
    frame = pl.DataFrame({"e": [1, 1, 2], "d": [2**62, 2**62, -5]})
    cheap = frame.group_by("e").agg(graph._sum_parts(d, 3, 2**62)).sort("e")
    wide = frame.group_by("e").agg(graph._sum_parts(d, 2**40, 2**62)).sort("e")
    assert "sum_exact" in wide.columns and "sum_exact" not in cheap.columns
    assert graph._totals(cheap) == graph._totals(wide) == [2**63, -5]
