# SPDX-License-Identifier: MPL-2.0
"""The directly-follows graph, with optional time statistics per edge.

Neighbouring rows of one case in the store's order are the directly-follows pairs, so the
graph is a group-by over (pair code, time between) rows, never a loop per event.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from procesmine.store import EventLog, require_events

_US = 1_000_000


@dataclass
class Edge:
    source: str
    target: str
    count: int
    mean: float | None = None
    median: float | None = None
    min: float | None = None
    max: float | None = None
    sum: float | None = None
    stdev: float | None = None


@dataclass
class DFG:
    edges: list[Edge]
    start_activities: dict[str, int]
    end_activities: dict[str, int]
    performance: bool = False
    activity_counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        keys = ["source", "target", "count"]
        if self.performance:
            keys += ["mean", "median", "min", "max", "sum", "stdev"]
        return {
            "edges": [{k: getattr(e, k) for k in keys} for e in self.edges],
            "start_activities": dict(self.start_activities),
            "end_activities": dict(self.end_activities),
        }

    def counts(self) -> dict[tuple[str, str], int]:
        return {(e.source, e.target): e.count for e in self.edges}


def dfg(log: EventLog, *, performance: bool = False, min_count: int = 1) -> DFG:
    """Directly-follows graph; with ``performance`` the time between the two events of each
    pair is summarised per edge (seconds; ``stdev`` is the sample standard deviation, None
    for edges seen once). Edges with fewer than ``min_count`` pairs are left out of
    ``edges`` (start and end activities are never filtered)."""
    require_events(log)
    n_act = max(len(log.activities), 1)
    pairs = _pair_rows(log, n_act, performance)
    # Start activities need only the first row of each case (a tenth of the rows); the
    # activity counts and end activities follow from them and the edges.
    first = pl.col("case").ne_missing(pl.col("case").shift(1))
    starts = log.events.lazy().filter(first).group_by("activity").len()
    if performance:
        all_edges, s_df = _time_stats(pairs, log.events, n_act * n_act), starts.collect()
    else:
        all_edges, s_df = pl.collect_all([pairs.group_by("e").agg(pl.len().alias("count")), starts])
    all_edges = all_edges.with_columns(pl.col("e").cast(pl.UInt64))
    c_df, e_df = _counts_and_ends(all_edges, s_df, n_act)
    kept = all_edges.filter(pl.col("count") >= min_count).sort(
        ["count", "e"], descending=[True, False]
    )
    edges = _edges(kept, log.activities, n_act, performance)
    return DFG(
        edges=edges,
        start_activities=_label_counts(log, s_df),
        end_activities=_label_counts(log, e_df),
        performance=performance,
        activity_counts=_label_counts(log, c_df),
    )


def _pair_rows(log: EventLog, n_act: int, performance: bool) -> pl.LazyFrame:
    """One row per directly-follows pair: its code ``e`` (source * n + target) and, with
    ``performance``, ``d``, the microseconds between the two events."""
    act = pl.col("activity").cast(pl.UInt32 if n_act < 65536 else pl.UInt64)
    cols = [(act * n_act + act.shift(-1)).alias("e")]
    if performance:
        # Interval events: from the end of one to the start of the next (negative when
        # they overlap), as pm4py measures it.
        nxt = "start_time" if "start_time" in log.events.columns else "time"
        cols.append((pl.col(nxt).shift(-1) - pl.col("time")).alias("d"))
    # The pair columns are made before filtering: a filter first would shift over the
    # rows it kept.
    same = (pl.col("case").shift(-1) == pl.col("case")).alias("same")
    return log.events.lazy().select(*cols, same).filter(pl.col("same")).drop("same")


def _time_stats(pairs: pl.LazyFrame, events: pl.DataFrame, n_edges: int) -> pl.DataFrame:
    """Per edge: count, the parts of the exact sum (see ``_totals``), median_us, min_us,
    max_us, stdev_us.

    When edge and time fit in one 63-bit integer the pairs are sorted by it: sorting one
    integer column and reading the statistics off the sorted runs (the median is the
    middle of its run) is several times faster than hashing millions of pairs into
    groups and selecting a median in each. Otherwise (many activities and long waits:
    1,000 activities with waits over about 100 days, 100 over about 18 years) the pairs
    are grouped by hashing."""
    d = pl.col("d")
    low, high = _wait_range(events)
    bits = max((high - low).bit_length(), 1)
    if bits >= 63 or n_edges << bits > 2**63:  # the largest key is n_edges * 2**bits - 1
        return (
            pairs.group_by("e")
            .agg(
                pl.len().alias("count"),
                *_sum_parts(d, events.height, max(abs(low), abs(high))),
                d.median().alias("median_us"),
                d.min().alias("min_us"),
                d.max().alias("max_us"),
                d.std(ddof=1).alias("stdev_us"),  # on microseconds: no rounding to seconds first
            )
            .collect()
        )
    key = (pl.col("e").cast(pl.Int64) * (1 << bits) + (d - low)).alias("k")
    return _run_stats(_sorted(pairs.select(key).collect().to_series()), bits, n_edges, low)


def _sorted(keys: pl.Series) -> np.ndarray:
    """The keys sorted, in a writable NumPy copy: NumPy sorts one integer column faster
    than Polars, and in place, since ``np.sort``'s fresh output costs more in page faults
    than the copy (at 10M keys 0.04 s against 0.05 to 0.09 s)."""
    ordered = keys.to_numpy(writable=True)
    ordered.sort()
    return ordered


def _run_stats(ordered: np.ndarray, bits: int, n_edges: int, low: int) -> pl.DataFrame:
    """``_time_stats`` read off sorted keys (edge << bits | wait - low).

    Each wait is its run's smallest (the base) plus a spread; sums and the standard
    deviation are taken on the spreads, small exact integers (a one-pass variance of the
    waits themselves lost digits on runs of nearly equal waits). The passes over the keys
    go a block at a time into two reused buffers: at 10M pairs a full-length temporary
    costs more in fresh memory (page faults) than the arithmetic."""
    heads, ends, edges = _runs(ordered, bits, n_edges)
    bases = ordered[heads]  # a copy: the keys become spreads below
    counts = ends - heads
    high_sum = np.zeros(len(heads), dtype=np.int64)
    low_sum = np.zeros(len(heads), dtype=np.int64)
    square_sum = np.zeros(len(heads), dtype=np.float64)
    whole = np.empty(min(_BLOCK, len(ordered)), dtype=np.int64)
    real = np.empty(len(whole), dtype=np.float64)
    for lo, hi, first, starts, lengths in _blocks(heads, ends, len(ordered)):
        spread = ordered[lo:hi]
        spread -= np.repeat(bases[first : first + len(starts)], lengths)
        # Exact sums in two halves: each half's sum fits 64 bits below 2**32 pairs.
        part = whole[: hi - lo]
        np.right_shift(spread, 31, out=part)
        high_sum[first : first + len(starts)] += np.add.reduceat(part, starts)
        np.bitwise_and(spread, (1 << 31) - 1, out=part)
        low_sum[first : first + len(starts)] += np.add.reduceat(part, starts)
    totals = [h * 2**31 + lo for h, lo in zip(high_sum.tolist(), low_sum.tolist(), strict=True)]
    means = np.array([t / c for t, c in zip(totals, counts.tolist(), strict=True)])
    for lo, hi, first, starts, lengths in _blocks(heads, ends, len(ordered)):
        deviation = real[: hi - lo]
        block_means = np.repeat(means[first : first + len(starts)], lengths)
        np.subtract(ordered[lo:hi], block_means, out=deviation)
        np.multiply(deviation, deviation, out=deviation)
        square_sum[first : first + len(starts)] += np.add.reduceat(deviation, starts)
    middle = (ordered[heads + (counts - 1) // 2] + ordered[heads + counts // 2]) / 2
    base_us = (bases & ((1 << bits) - 1)) + low
    with np.errstate(divide="ignore", invalid="ignore"):
        stdev = np.sqrt(square_sum / (counts - 1))  # NaN for edges seen once
    return pl.DataFrame(
        {
            "e": edges,
            "count": counts,
            "sum_exact": pl.Series(totals, dtype=pl.Int128),  # of the spreads
            "base_us": base_us,
            "median_us": base_us + middle,
            "min_us": base_us,
            "max_us": base_us + ordered[ends - 1],
            "stdev_us": stdev,
        }
    )


_BLOCK = 1 << 20


def _runs(ordered: np.ndarray, bits: int, n_edges: int) -> tuple[np.ndarray, ...]:
    """Start, end and edge of each run of equal edges in the sorted keys. With far fewer
    possible edges than keys each edge's start is found by bisection, no pass over the
    keys; otherwise (thousands of activities) neighbouring keys are compared, as a
    bisection per possible edge would cost more than one pass."""
    if n_edges * 32 <= len(ordered):
        inner = np.searchsorted(ordered, np.arange(1, n_edges, dtype=np.int64) << bits)
        bounds = np.concatenate(([0], inner, [len(ordered)]))
        seen = np.flatnonzero(bounds[1:] > bounds[:-1])
        return bounds[seen], bounds[seen + 1], seen.astype(np.uint64)
    edge = ordered >> bits
    heads = np.flatnonzero(edge[1:] != edge[:-1]) + 1
    heads = np.concatenate(([0], heads)) if len(ordered) else heads
    ends = np.append(heads[1:], len(ordered)).astype(heads.dtype) if len(heads) else heads
    return heads, ends, edge[heads].astype(np.uint64)


def _blocks(
    heads: np.ndarray, ends: np.ndarray, n: int
) -> Iterator[tuple[int, int, int, np.ndarray, np.ndarray]]:
    """(lo, hi, first run, run starts inside the block, run lengths inside the block) for
    each block of ``_BLOCK`` keys."""
    for lo in range(0, n, _BLOCK):  # one step per million pairs
        hi = min(lo + _BLOCK, n)
        first = int(np.searchsorted(ends, lo, side="right"))
        stop = int(np.searchsorted(heads, hi, side="left"))
        starts = np.maximum(heads[first:stop], lo) - lo
        lengths = np.minimum(ends[first:stop], hi) - lo - starts
        yield lo, hi, first, starts, lengths


def _wait_range(events: pl.DataFrame) -> tuple[int, int]:
    """Bounds on the time between the events of any pair, from the columns' ranges (no
    pass over the pairs). Rows follow time inside a case, so waits are never negative,
    except to the next start in interval logs."""
    first, last = events.select(pl.col("time").min(), pl.col("time").max().alias("t")).row(0)
    if "start_time" not in events.columns:
        return 0, last - first
    early, late = events.select(
        pl.col("start_time").min(), pl.col("start_time").max().alias("s")
    ).row(0)
    return early - last, late - first


def _sum_parts(d: pl.Expr, n_pairs: int, bound: int) -> list[pl.Expr]:
    """Two cheap sums that together give the exact one (see ``_exact_total``).

    A 128-bit sum is exact but costs several times more (at 10M pairs its cast alone
    fills 144 MB of fresh memory). A 64-bit sum is exact modulo 2**64, and a float sum
    of n terms of at most ``bound`` is off by less than (n**2 + n) * bound * 2**-53,
    which stays below 2**62 for any log that fits in memory; it only has to pick the
    right multiple of 2**64. Past that bound the sum is done in 128 bits."""
    if (n_pairs**2 + n_pairs) * bound < 2**115:
        return [d.sum().alias("sum_wrapped"), d.cast(pl.Float64).sum().alias("sum_float")]
    return [d.cast(pl.Int128).sum().alias("sum_exact")]


def _exact_total(wrapped: int, approx: float) -> int:
    """The true sum from the wrapped 64-bit sum and the float sum of ``_sum_parts``."""
    return wrapped + ((int(approx) - wrapped + 2**63) // 2**64) * 2**64


def _totals(table: pl.DataFrame) -> list[int]:
    """Exact sums per edge; sums of spreads get count * base added (``_time_stats``)."""
    if "sum_exact" in table.columns:
        sums = table["sum_exact"].to_list()
    else:
        parts = zip(table["sum_wrapped"].to_list(), table["sum_float"].to_list(), strict=True)
        sums = [_exact_total(w, f) for w, f in parts]  # one per edge
    if "base_us" in table.columns:
        counts, bases = table["count"].to_list(), table["base_us"].to_list()
        sums = [s + c * b for s, c, b in zip(sums, counts, bases, strict=True)]
    return sums


def _edges(table: pl.DataFrame, labels: list[str], n_act: int, performance: bool) -> list[Edge]:
    src = (table["e"] // n_act).to_list()
    dst = (table["e"] % n_act).to_list()
    counts = table["count"].to_list()
    if performance:
        totals = _totals(table)
        times = [table[c].to_list() for c in _TIME_COLUMNS]
    edges = []
    for i in range(table.height):  # one iteration per edge, not per event
        edge = Edge(labels[src[i]], labels[dst[i]], int(counts[i]))
        if performance:
            _edge_times(edge, totals[i], *(column[i] for column in times))
        edges.append(edge)
    return edges


def _counts_and_ends(
    edges: pl.DataFrame, starts: pl.DataFrame, n_act: int
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Activity counts and end activity counts from the start counts and the edges: each
    event either starts its case or ends a pair, and either ends its case or starts one."""

    def paired(side: pl.Expr) -> pl.DataFrame:
        return edges.group_by(side.cast(pl.UInt32).alias("activity")).agg(
            pl.col("count").sum().alias("paired")
        )

    def add(frame: pl.DataFrame, other: pl.DataFrame, sign: int) -> pl.DataFrame:
        return (
            frame.join(other, on="activity", how="full", coalesce=True)
            .select(
                "activity",
                (pl.col("len").fill_null(0) + sign * pl.col("paired").fill_null(0)).alias("len"),
            )
            .filter(pl.col("len") > 0)
        )

    counts = add(starts, paired(pl.col("e") % n_act), 1)
    return counts, add(counts, paired(pl.col("e") // n_act), -1)


_TIME_COLUMNS = ("median_us", "min_us", "max_us", "stdev_us")


def _edge_times(
    edge: Edge, total: int, median: float, low: int, high: int, stdev: float | None
) -> None:
    """Fill an edge's time statistics (seconds) from integer microseconds."""
    edge.sum = total / _US
    edge.mean = total / (edge.count * _US)  # one correctly rounded division
    edge.median = median / _US
    edge.min = low / _US
    edge.max = high / _US
    edge.stdev = None if stdev is None or math.isnan(stdev) else stdev / _US


def _label_counts(log: EventLog, frame: pl.DataFrame) -> dict[str, int]:
    frame = frame.sort(["len", "activity"], descending=[True, False])
    return {log.activities[a]: int(n) for a, n in frame.iter_rows()}  # one row per activity
