# SPDX-License-Identifier: MPL-2.0
"""The engine's event store: integer cases, activity codes, UTC microseconds.

On disk a store is a directory::

    events.parquet      case u32, activity u32, time i64, index u32 (i64 from 2**32 events),
                        [resource], [start_time],
                        [lifecycle], other event attributes; sorted by (case, time, index),
                        or (case, start_time, time, index) when start times exist
    cases.parquet       case u32, name str, case attributes
    activities.parquet  activity u32, label str (codes follow the sorted labels)
    meta.json           format version and source

``index`` is the event's position in the source file. Sorting by it after the timestamp
keeps file order among events of a case with equal timestamps, which decides the
directly-follows relation for them.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from procesmine import encode
from procesmine.errors import LogError
from procesmine.timeparse import DEFAULT_TIMEZONE, parse_timestamps

STORE_VERSION = 1
RESERVED = ("case", "activity", "time", "index", "resource", "start_time", "lifecycle")


@dataclass(frozen=True)
class ColumnMapping:
    """Which source columns hold what. ``None`` for optional columns means absent."""

    case: str
    activity: str
    timestamp: str
    resource: str | None = None
    start_timestamp: str | None = None
    lifecycle: str | None = None


XES_MAPPING = ColumnMapping(
    case="case:concept:name",
    activity="concept:name",
    timestamp="time:timestamp",
    resource="org:resource",
    start_timestamp="start_timestamp",
    lifecycle="lifecycle:transition",
)


@dataclass
class EventLog:
    """A log in store form. ``events`` is sorted by ``sort_key`` (case, time, index)."""

    events: pl.DataFrame
    cases: pl.DataFrame
    activities: list[str]
    meta: dict[str, object] = field(default_factory=dict)

    @property
    def activity_dtype(self) -> pl.Enum:
        return pl.Enum(self.activities)

    def labelled(self, codes: pl.Series) -> pl.Series:
        """Activity labels for a series of activity codes."""
        return pl.Series(self.activities, dtype=pl.String).gather(codes)

    def replace(self, events: pl.DataFrame) -> EventLog:
        """The same log restricted to ``events`` (a filtered, still sorted subset)."""
        kept = events.select(pl.col("case").unique())
        cases = self.cases.join(kept, on="case", how="semi", maintain_order="left")
        return EventLog(events, cases, self.activities, dict(self.meta))


def require_events(log: EventLog) -> None:
    """Analyses need at least one event (a filter may have removed them all)."""
    if log.events.height == 0:
        raise LogError("empty log: no events (after filtering)")


@dataclass(frozen=True)
class CodedColumns:
    """Case ids and activity codes made before ``from_frame`` (e.g. from Parquet
    dictionaries): per event ``case`` (u32) and ``activity`` (u32), the (case_name, case)
    table in order of first appearance, and the sorted activity labels."""

    case: pl.Series
    case_names: pl.DataFrame
    activity: pl.Series
    labels: list[str]


def sort_key(columns: list[str]) -> list[str]:
    """Order of events inside a case. Logs with start timestamps are ordered by start first
    (as pm4py does for interval logs); ties keep the source order."""
    return (
        ["case", "start_time", "time", "index"]
        if "start_time" in columns
        else ["case", "time", "index"]
    )


def _index(rows: int) -> pl.Series:
    """0, 1, ... rows - 1: in 32 bits (half the memory) for any log below four billion
    events. Made by Polars: a fresh NumPy array of this size sometimes waits for the
    kernel to assemble huge pages (NumPy asks for them), up to a tenth of a second."""
    dtype = pl.UInt32 if rows < 2**32 else pl.Int64
    return pl.int_range(0, rows, dtype=dtype, eager=True)


def _coded(
    frame: pl.DataFrame, mapping: ColumnMapping, source: str | None, row_offset: int
) -> CodedColumns:
    """Case ids (in order of first appearance) and activity codes (following the sorted
    labels) from the frame's text columns."""
    for role, col in (("case", mapping.case), ("activity", mapping.activity)):
        nulls = frame[col].is_null()
        if nulls.any():
            pos = int(nulls.arg_max() or 0)
            raise LogError(f"missing {role} in column {col!r}", source, row=pos + row_offset)
    case_ids, case_names = encode.case_ids(frame[mapping.case].cast(pl.String))
    codes, labels = encode.activity_codes(frame[mapping.activity].cast(pl.String))
    return CodedColumns(case_ids, case_names, codes, labels)


def _instant_starts(events: pl.DataFrame) -> pl.DataFrame:
    """An event without a start time is taken as instantaneous (it starts when it ends)."""
    if "start_time" not in events.columns or not events["start_time"].null_count():
        return events
    return events.with_columns(pl.col("start_time").fill_null(pl.col("time")))


def from_frame(
    frame: pl.DataFrame,
    mapping: ColumnMapping,
    *,
    source: str | None = None,
    timestamp_format: str | None = None,
    timezone: str = DEFAULT_TIMEZONE,
    row_offset: int = 1,
    coded: CodedColumns | None = None,
) -> EventLog:
    """Build a log from a flat frame in source order (one row per event). ``coded`` gives
    the case ids and activity codes when the caller has already made them (then ``frame``
    need not hold the case and activity columns)."""
    if frame.height == 0:
        raise LogError("empty log: no events", source)
    required = {"timestamp": mapping.timestamp}
    if coded is None:
        required = {"case": mapping.case, "activity": mapping.activity, **required}
    for role, col in required.items():
        if col not in frame.columns:
            raise LogError(
                f"no {role} column {col!r}; columns are: {', '.join(frame.columns)}", source
            )
    if coded is None:
        coded = _coded(frame, mapping, source, row_offset)

    def ts(col: str) -> pl.Series:
        return parse_timestamps(
            frame[col],
            fmt=timestamp_format,
            timezone=timezone,
            column=col,
            source=source,
            row_offset=row_offset,
        )

    time = ts(mapping.timestamp)
    if time.null_count():
        pos = int(time.is_null().arg_max() or 0)
        raise LogError(
            f"missing timestamp in column {mapping.timestamp!r}", source, row=pos + row_offset
        )
    case_ids, first, codes, labels = coded.case, coded.case_names, coded.activity, coded.labels
    cols: dict[str, pl.Series] = {
        "case": case_ids,
        "activity": codes,
        "time": time.dt.epoch("us"),
        "index": _index(frame.height),
    }
    used = {mapping.case, mapping.activity, mapping.timestamp}
    if mapping.resource and mapping.resource in frame.columns:
        cols["resource"] = frame[mapping.resource].cast(pl.String)
        used.add(mapping.resource)
    if mapping.start_timestamp and mapping.start_timestamp in frame.columns:
        cols["start_time"] = ts(mapping.start_timestamp).dt.epoch("us")
        used.add(mapping.start_timestamp)
    if mapping.lifecycle and mapping.lifecycle in frame.columns:
        cols["lifecycle"] = frame[mapping.lifecycle].cast(pl.String)
        used.add(mapping.lifecycle)
    case_attrs = [c for c in frame.columns if c.startswith("case:") and c not in used]
    for c in frame.columns:
        if c not in used and c not in case_attrs:
            cols[c if c not in RESERVED and c not in cols else f"attr:{c}"] = frame[c]
    events = _instant_starts(pl.DataFrame(cols))
    if encode.in_store_order(events):
        events = events.with_columns(pl.col("case").set_sorted())
    else:
        events = events.sort(sort_key(events.columns))
    lead = ["case", "activity", "time", "index"]
    events = events.select(lead + [c for c in events.columns if c not in lead])
    cases = first.select("case", "case_name")
    if case_attrs:
        attrs = frame.select(case_ids.alias("case"), *case_attrs).unique(
            "case", keep="first", maintain_order=True
        )
        cases = cases.join(attrs, on="case", how="left")
    cases = cases.sort("case").rename({"case_name": "name"})
    cases = cases.rename(
        {
            c: c.removeprefix("case:")
            for c in case_attrs
            if c.removeprefix("case:") not in cases.columns
        }
    )
    meta: dict[str, object] = {"version": STORE_VERSION, "source": source}
    return EventLog(events, cases, labels, meta)


def write_store(log: EventLog, path: str | Path) -> Path:
    """Write ``log`` as a store directory; it appears complete or not at all."""
    dest = Path(path)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    try:
        log.events.write_parquet(tmp / "events.parquet", statistics=True, row_group_size=1_000_000)
        log.cases.write_parquet(tmp / "cases.parquet")
        pl.DataFrame(
            {
                "activity": pl.Series(range(len(log.activities)), dtype=pl.UInt32),
                "label": pl.Series(log.activities, dtype=pl.String),
            }
        ).write_parquet(tmp / "activities.parquet")
        (tmp / "meta.json").write_text(json.dumps(log.meta, default=str), encoding="utf-8")
        if dest.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old.", dir=dest.parent))
            os.replace(dest, old / "store")
            os.replace(tmp, dest)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return dest


def is_store(path: str | Path) -> bool:
    p = Path(path)
    return p.is_dir() and (p / "events.parquet").exists() and (p / "meta.json").exists()


def read_store(path: str | Path, columns: list[str] | None = None) -> EventLog:
    """Load a store. ``columns`` limits the event columns read: case, activity and time
    (and start_time, which changes the order's meaning) are always read, the rest only
    when named; ``None`` reads everything."""
    p = Path(path)
    if not is_store(p):
        raise LogError("not a procesmine store (missing events.parquet or meta.json)", str(p))
    meta = json.loads((p / "meta.json").read_text(encoding="utf-8"))
    if meta.get("version") != STORE_VERSION:
        raise LogError(f"unsupported store version {meta.get('version')!r}", str(p))
    cols = None
    if columns is not None:
        base = ["case", "activity", "time"]
        if "start_time" in pl.read_parquet_schema(p / "events.parquet"):
            base.append("start_time")
        cols = base + [c for c in columns if c not in base]
    # Stores written before missing start times were filled get them filled here (the
    # fill can change the order, which is checked next).
    events = _instant_starts(pl.read_parquet(p / "events.parquet", columns=cols))
    if not encode.in_store_order(events):  # every analysis relies on the order
        keys = [c for c in sort_key(events.columns) if c in events.columns]
        events = events.sort(keys, maintain_order=True)  # ties keep the stored order
    # The store is sorted by case; telling Polars lets its group-bys take the fast path.
    events = events.with_columns(pl.col("case").set_sorted())
    cases = pl.read_parquet(p / "cases.parquet")
    labels = pl.read_parquet(p / "activities.parquet").sort("activity")["label"].to_list()
    return EventLog(events, cases, labels, meta)
