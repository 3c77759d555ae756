# SPDX-License-Identifier: MPL-2.0
"""Analyses on a store-form log: summary, directly-follows graph, variants, activities.

Every function relies on the store's order (case, time, index): neighbouring rows of the
same case are directly-follows pairs. Times are integer microseconds; durations are
reported in seconds as floats.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

import numpy as np
import polars as pl
import pyarrow as pa

from procesmine.errors import LogError
from procesmine.store import EventLog

_US = 1_000_000


def _iso(us: int) -> str:
    return datetime.fromtimestamp(us / _US, tz=UTC).isoformat().replace("+00:00", "Z")


def _clean(x: float | None) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def _check(log: EventLog) -> None:
    if log.events.height == 0:
        raise LogError("empty log: no events (after filtering)")


def _case_bounds(ev: pl.DataFrame) -> pl.DataFrame:
    """First and last timestamp of each case."""
    return ev.group_by("case").agg(
        pl.col("time").min().alias("first"),
        pl.col("time").max().alias("last"),
        pl.len().alias("events"),
    )


@dataclass
class Summary:
    cases: int
    events: int
    activities: int
    resources: int | None
    start: str
    end: str
    case_duration: dict[str, float | None]
    events_per_case: dict[str, float | None]

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def summary(log: EventLog) -> Summary:
    _check(log)
    ev = log.events
    b = _case_bounds(ev)
    dur = (b["last"] - b["first"]).cast(pl.Float64) / _US
    n = b["events"].cast(pl.Float64)

    def stats(s: pl.Series) -> dict[str, float | None]:
        return {
            "mean": _clean(s.mean()),  # type: ignore[arg-type]
            "median": _clean(s.median()),  # type: ignore[arg-type]
            "min": _clean(s.min()),  # type: ignore[arg-type]
            "max": _clean(s.max()),  # type: ignore[arg-type]
        }

    return Summary(
        cases=b.height,
        events=ev.height,
        activities=int(ev["activity"].n_unique()),
        resources=int(ev["resource"].drop_nulls().n_unique()) if "resource" in ev.columns else None,
        start=_iso(int(ev["time"].min())),  # type: ignore[arg-type]
        end=_iso(int(ev["time"].max())),  # type: ignore[arg-type]
        case_duration=stats(dur),
        events_per_case=stats(n),
    )


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
    _check(log)
    ev = log.events.lazy()
    n_act = max(len(log.activities), 1)
    act = pl.col("activity").cast(pl.UInt32 if n_act < 65536 else pl.UInt64)
    # Neighbouring rows of one case are the directly-follows pairs (rows are sorted).
    cols = [
        (act * n_act + act.shift(-1)).alias("e"),
        (pl.col("case").shift(-1) == pl.col("case")).alias("same"),
    ]
    aggs: list[pl.Expr] = [pl.len().alias("count")]
    if performance:
        # Interval events: from the end of one to the start of the next (negative when
        # they overlap), as pm4py measures it.
        nxt = "start_time" if "start_time" in log.events.columns else "time"
        cols.append((pl.col(nxt).shift(-1) - pl.col("time")).alias("d"))
        d = pl.col("d")
        aggs += [
            d.sum().alias("sum_us"),
            d.median().alias("median_us"),
            d.min().alias("min_us"),
            d.max().alias("max_us"),
            d.std(ddof=1).alias("stdev_us"),  # on microseconds: no rounding to seconds first
        ]
    pair_rows = ev.select(cols).filter(pl.col("same"))
    pairs = pair_rows.group_by("e").agg(aggs)
    pairs = pairs.filter(pl.col("count") >= min_count).sort(
        ["count", "e"], descending=[True, False]
    )
    first = pl.col("case").shift(1).ne_missing(pl.col("case"))
    last = pl.col("case").shift(-1).ne_missing(pl.col("case"))
    starts = ev.filter(first).group_by("activity").len()
    ends = ev.filter(last).group_by("activity").len()
    counts = ev.group_by("activity").len()
    g, s_df, e_df, c_df = pl.collect_all([pairs, starts, ends, counts])
    labels = log.activities
    src = (g["e"] // n_act).to_list()
    dst = (g["e"] % n_act).to_list()
    if performance:
        g = _exact_sums(g, pair_rows)
    stats = {c: g[c].to_list() for c in g.columns if c != "e"}
    edges = []
    for i in range(g.height):  # one iteration per edge, not per event
        edge = Edge(labels[src[i]], labels[dst[i]], int(stats["count"][i]))
        if performance:
            _edge_times(edge, *(stats[c][i] for c in _TIME_COLUMNS))
        edges.append(edge)
    return DFG(
        edges=edges,
        start_activities=_label_counts(log, s_df),
        end_activities=_label_counts(log, e_df),
        performance=performance,
        activity_counts=_label_counts(log, c_df),
    )


_TIME_COLUMNS = ("sum_us", "median_us", "min_us", "max_us", "stdev_us")
_I64_MAX = 2**63 - 1


def _exact_sums(edges: pl.DataFrame, pair_rows: pl.LazyFrame) -> pl.DataFrame:
    """Redo in 128-bit integers the sums that a 64-bit sum may have wrapped (an edge with
    millions of pairs of years-long waits); elsewhere the cheap 64-bit sum is exact."""
    bound = pl.max_horizontal(pl.col("min_us").abs(), pl.col("max_us").abs()).cast(pl.Int128)
    risky = edges.filter(bound * pl.col("count").cast(pl.Int128) > _I64_MAX)["e"]
    if risky.is_empty():
        return edges.with_columns(pl.col("sum_us").cast(pl.Int128))
    wide = (
        pair_rows.filter(pl.col("e").is_in(risky.implode()))
        .group_by("e")
        .agg(pl.col("d").cast(pl.Int128).sum().alias("wide"))
        .collect()
    )
    return (
        edges.with_columns(pl.col("sum_us").cast(pl.Int128))
        .join(wide, on="e", how="left", maintain_order="left")
        .with_columns(pl.coalesce("wide", "sum_us").alias("sum_us"))
        .drop("wide")
    )


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


@dataclass
class Variant:
    activities: list[str]
    count: int
    share: float
    mean_duration: float


@dataclass
class Variants:
    variants: list[Variant]

    def to_dict(self) -> dict[str, object]:
        return {"variants": [asdict(v) for v in self.variants]}


def case_variants(log: EventLog) -> pl.DataFrame:
    """One row per case: case, variant (list of activity codes), duration in seconds."""
    ev = log.events
    if "start_time" in ev.columns:  # rows follow start times, so the last may not end last
        return ev.group_by("case").agg(
            pl.col("activity").alias("variant"),
            ((pl.col("time").max() - pl.col("time").min()).cast(pl.Float64) / _US).alias(
                "duration"
            ),
        )
    # Rows are sorted by (case, time): each case is one run of rows, its first row the
    # earliest and its last the latest, so the lists are views on the activity column.
    case = ev["case"]
    heads = case.ne_missing(case.shift(1)).fill_null(True).arg_true().to_numpy()
    bounds = np.append(heads.astype(np.int64), ev.height)
    lists = pa.LargeListArray.from_arrays(pa.array(bounds), ev["activity"].to_arrow())
    time = ev["time"].to_numpy()
    return pl.DataFrame(
        {
            "case": case.gather(heads),
            "variant": pl.Series(lists),
            "duration": (time[bounds[1:] - 1] - time[bounds[:-1]]) / _US,
        }
    )


def variant_table(log: EventLog) -> pl.DataFrame:
    """Variants with count, share and mean duration, most frequent first."""
    per_case = case_variants(log)
    n_cases = per_case.height
    table = per_case.group_by("variant").agg(
        pl.len().alias("count"), pl.col("duration").mean().alias("mean_duration")
    )
    # Ties in count are ordered by the sequence of labels, so output is deterministic.
    table = table.with_columns(
        pl.col("variant")
        .list.eval(
            pl.element().replace_strict(
                list(range(len(log.activities))), log.activities, return_dtype=pl.String
            )
        )
        .alias("labels"),
        (pl.col("count") / n_cases).alias("share"),
    )
    return table.sort(["count", pl.col("labels").list.join("\x1f")], descending=[True, False])


def variants(log: EventLog, *, top: int | None = None) -> Variants:
    _check(log)
    table = variant_table(log)
    if top is not None:
        table = table.head(top)
    return Variants(
        [
            Variant(list(lab), int(c), float(s), float(d))
            for lab, c, s, d in zip(
                table["labels"].to_list(),
                table["count"].to_list(),
                table["share"].to_list(),
                table["mean_duration"].to_list(),
                strict=True,
            )
        ]
    )


@dataclass
class ActivityStat:
    activity: str
    events: int
    cases: int
    resources: int | None
    rework: int


@dataclass
class ActivityStats:
    activities: list[ActivityStat]

    def to_dict(self) -> dict[str, object]:
        return {"activities": [asdict(a) for a in self.activities]}


def activity_stats(log: EventLog) -> ActivityStats:
    """Per activity: events, cases, distinct resources, and rework (cases in which the
    activity occurs more than once)."""
    _check(log)
    ev = log.events
    per_case = ev.group_by(["activity", "case"]).agg(pl.len().alias("n"))
    by_act = per_case.group_by("activity").agg(
        pl.col("n").sum().alias("events"),
        pl.len().alias("cases"),
        (pl.col("n") > 1).sum().alias("rework"),
    )
    has_res = "resource" in ev.columns
    if has_res:
        res = ev.group_by("activity").agg(
            pl.col("resource").drop_nulls().n_unique().alias("resources")
        )
        by_act = by_act.join(res, on="activity", how="left")
    by_act = by_act.sort(["events", "activity"], descending=[True, False])
    out = []
    for row in by_act.iter_rows(named=True):  # one row per activity
        out.append(
            ActivityStat(
                log.activities[row["activity"]],
                int(row["events"]),
                int(row["cases"]),
                int(row["resources"]) if has_res else None,
                int(row["rework"]),
            )
        )
    return ActivityStats(out)
