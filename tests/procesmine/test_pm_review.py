# SPDX-License-Identifier: MPL-2.0
"""Inputs found in review of the fast paths: bad Parquet text, precision, old or unordered
stores, columns with two roles."""

from __future__ import annotations

import json
import math
import random
from fractions import Fraction

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from procesmine import ColumnMapping, LogError, dfg, from_frame, read_log, read_store, write_store

MAPPING = ColumnMapping(case="case", activity="act", timestamp="t")


def _utc(values):
    return pl.Series(values).cast(pl.Datetime("us", "UTC"))


def test_parquet_text_that_is_not_utf8_is_refused(tmp_path):
    cp1252 = pa.array([v.encode("cp1252") for v in ["Sag-æ", "Sag-æ", "Sag-2"]], pa.binary())
    table = pa.table(
        {
            "case": cp1252.view(pa.string()),  # claims to be text, holds Windows-1252 bytes
            "activity": ["Modtag", "Afgør", "Modtag"],
            "timestamp": pa.array([1, 2, 3], pa.timestamp("us", tz="UTC")),
        }
    )
    path = tmp_path / "latin.parquet"
    pq.write_table(table, path)
    with pytest.raises(LogError, match="cannot read Parquet: Invalid UTF8"):
        read_log(path)


def test_stdev_of_nearly_equal_waits_is_exact_to_1e12():
    rng = random.Random(24)
    n, day, jitter = 20_000, 86_400_000_000, 10_000  # one day +- 10 ms, in microseconds
    waits = [day + rng.randint(-jitter, jitter) for _ in range(n)]
    starts = [1_700_000_000_000_000 + rng.randint(0, 10**12) for _ in range(n)]
    frame = pl.DataFrame(
        {
            "case": [str(i) for i in range(n) for _ in (0, 1)],
            "act": ["a", "b"] * n,
            "t": _utc([x for i in range(n) for x in (starts[i], starts[i] + waits[i])]),
        }
    )
    edge = dfg(from_frame(frame, MAPPING), performance=True).edges[0]
    mean = Fraction(sum(waits), n)
    exact = math.sqrt(sum((w - mean) ** 2 for w in waits) / (n - 1)) / 1e6
    assert edge.stdev == pytest.approx(exact, rel=1e-12)


def test_one_activity_with_a_huge_span_is_grouped_by_hashing():
    frame = pl.DataFrame({"case": ["c", "c"], "act": ["a", "a"], "t": _utc([-(2**61), 2**61])})
    (edge,) = dfg(from_frame(frame, MAPPING), performance=True).edges
    assert (edge.count, edge.sum, edge.min, edge.max) == (1, 2**62 / 1e6, 2**62 / 1e6, 2**62 / 1e6)


def _rewrite_events(store, change):
    events = pl.read_parquet(store / "events.parquet")
    change(events).write_parquet(store / "events.parquet")


def test_store_rows_out_of_order_are_put_in_order(tmp_path):
    frame = pl.DataFrame({"case": ["k"] * 3, "act": ["A", "B", "C"], "t": _utc([100, 150, 170])})
    store = write_store(from_frame(frame, MAPPING), tmp_path / "s")
    _rewrite_events(store, lambda ev: ev.reverse())  # a hand-made or damaged store
    got = dfg(read_store(store), performance=True)
    assert got.counts() == {("A", "B"): 1, ("B", "C"): 1}
    assert (got.start_activities, got.end_activities) == ({"A": 1}, {"C": 1})


def test_old_store_with_missing_start_times(tmp_path):
    mapping = ColumnMapping(case="case", activity="act", timestamp="t", start_timestamp="s")
    minute = 60_000_000
    frame = pl.DataFrame(
        {
            "case": ["k"] * 3,
            "act": ["A", "B", "C"],
            "t": _utc([5 * minute, 60 * minute, 120 * minute]),
            "s": _utc([0, 60 * minute, 90 * minute]),
        }
    )
    store = write_store(from_frame(frame, mapping), tmp_path / "s")
    # As the earlier code wrote it: B's start missing, and sorted first among its case.
    _rewrite_events(
        store,
        lambda ev: ev.with_columns(
            pl.when(pl.col("activity") == 1)
            .then(None)
            .otherwise(pl.col("start_time"))
            .alias("start_time")
        ).sort(["case", "start_time", "time", "index"], nulls_last=False),
    )
    meta = json.loads((store / "meta.json").read_text())
    assert meta["version"] == 1
    got = {(e.source, e.target): e.mean for e in dfg(read_store(store), performance=True).edges}
    assert got == {("A", "B"): 55 * 60.0, ("B", "C"): 30 * 60.0}


def test_parquet_column_with_two_roles(tmp_path):
    path = tmp_path / "two.parquet"
    pl.DataFrame(
        {"x": ["a", "a", "b"], "res": ["p", "q", "p"], "t": _utc([1, 2, 3])}
    ).write_parquet(path)
    same = read_log(path, case_column="x", activity_column="x", timestamp_column="t")
    assert same.activities == ["a", "b"] and same.cases["name"].to_list() == ["a", "b"]
    shared = read_log(
        path, case_column="x", activity_column="res", resource_column="res", timestamp_column="t"
    )
    assert shared.events["resource"].to_list() == ["p", "q", "p"]


def test_read_log_of_a_store_honours_columns(tmp_path):
    frame = pl.DataFrame(
        {"case": ["k", "k"], "act": ["A", "B"], "t": _utc([1, 2]), "org:resource": ["u", "v"]}
    )
    mapping = ColumnMapping(case="case", activity="act", timestamp="t", resource="org:resource")
    store = write_store(from_frame(frame, mapping), tmp_path / "s")
    assert "resource" in read_log(store).events.columns
    assert "resource" not in read_log(store, columns=[]).events.columns
