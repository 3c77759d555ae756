# SPDX-License-Identifier: MPL-2.0
"""Analyses on a store-form log: summary, directly-follows graph, variants, activities.

Every function relies on the store's order (case, time, index): neighbouring rows of the
same case are directly-follows pairs. Times are integer microseconds; durations are
reported in seconds as floats.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

import numpy as np
import polars as pl
import pyarrow as pa

from procesmine.encode import arrow_of
from procesmine.graph import DFG, Edge, dfg
from procesmine.store import EventLog, require_events

__all__ = [
    "DFG",
    "ActivityStat",
    "ActivityStats",
    "Edge",
    "Summary",
    "Variant",
    "Variants",
    "activity_stats",
    "case_variants",
    "dfg",
    "summary",
    "variant_table",
    "variants",
]

_US = 1_000_000


def _iso(us: int) -> str:
    return datetime.fromtimestamp(us / _US, tz=UTC).isoformat().replace("+00:00", "Z")


def _clean(x: float | None) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


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
    require_events(log)
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
    """One row per case: case, key (its activity codes in order, as bytes: equal keys are
    equal variants) and duration in seconds."""
    ev = log.events
    if ev.height == 0:
        return pl.DataFrame(schema={"case": pl.UInt32, "key": pl.Binary, "duration": pl.Float64})
    # Rows are sorted by case, so each case is one run of rows and its key is a slice of
    # the activity column written as fixed-width integers.
    case = ev["case"].to_numpy()
    heads = np.flatnonzero(case[1:] != case[:-1]) + 1
    bounds = np.concatenate(([0], heads, [len(case)])).astype(np.int64)
    width = _key_width(len(log.activities))
    codes = ev["activity"].to_numpy().astype(_KEY_TYPES[width])  # NumPy casts 10x faster
    keys = pa.LargeBinaryArray.from_buffers(
        pa.large_binary(),
        len(bounds) - 1,
        [None, pa.py_buffer(bounds * width), pa.py_buffer(codes)],
    )
    if "start_time" in ev.columns:  # rows follow start times, so the last may not end last
        span = ev.group_by("case", maintain_order=True).agg(
            (pl.col("time").max() - pl.col("time").min()).alias("us")
        )["us"]
    else:  # rows follow time: a case's first row is its earliest, its last the latest
        time = ev["time"]
        span = time.gather(bounds[1:] - 1) - time.gather(bounds[:-1])
    return pl.DataFrame(
        {
            "case": case[bounds[:-1]],
            "key": pl.Series(keys),
            "duration": span.cast(pl.Float64) / _US,
        }
    )


_KEY_TYPES = {1: np.uint8, 2: np.uint16, 4: np.uint32}


def _key_width(n_activities: int) -> int:
    return 1 if n_activities <= 2**8 else 2 if n_activities <= 2**16 else 4


def _key_codes(keys: pl.Series, n_activities: int) -> pl.Series:
    """The activity codes (a list per row) held in variant keys."""
    width = _key_width(n_activities)
    raw = keys.to_arrow().cast(pa.large_binary())
    offsets, data = raw.buffers()[1], raw.buffers()[2]
    bounds = np.frombuffer(offsets, dtype=np.int64)[raw.offset : raw.offset + len(raw) + 1]
    dtype = _KEY_TYPES[width]
    values = np.frombuffer(data, dtype=np.uint8)[bounds[0] : bounds[-1]].view(dtype)
    lists = pa.LargeListArray.from_arrays(arrow_of((bounds - bounds[0]) // width), arrow_of(values))
    return pl.Series(lists).cast(pl.List(pl.UInt32))


def variant_table(log: EventLog) -> pl.DataFrame:
    """Variants with count, share and mean duration, most frequent first: columns key,
    count, mean_duration, variant (activity codes), labels and share."""
    per_case = case_variants(log)
    n_cases = per_case.height
    table = per_case.group_by("key").agg(
        pl.len().alias("count"), pl.col("duration").mean().alias("mean_duration")
    )
    table = table.with_columns(_key_codes(table["key"], len(log.activities)).alias("variant"))
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
    require_events(log)
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
    require_events(log)
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
