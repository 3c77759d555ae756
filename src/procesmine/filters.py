# SPDX-License-Identifier: MPL-2.0
"""Filters that return a new log, so they compose: ``top_variants(activities(log, ...), 5)``.

Case filters keep or drop whole cases; ``activities`` and ``time_range(mode="events")``
drop events, after which directly-follows pairs are formed between the remaining events
(as pm4py does after filtering events).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import polars as pl

from procesmine.analysis import case_variants, variant_table
from procesmine.errors import LogError
from procesmine.store import EventLog
from procesmine.timeparse import DEFAULT_TIMEZONE, parse_timestamps


def _to_us(value: datetime | str, timezone: str) -> int:
    s = pl.Series([value]) if isinstance(value, datetime) else pl.Series([value], dtype=pl.String)
    out = parse_timestamps(s, timezone=timezone, column="filter bound")
    return int(out.dt.epoch("us")[0])


def time_range(
    log: EventLog,
    start: datetime | str | None = None,
    end: datetime | str | None = None,
    *,
    mode: str = "contained",
    timezone: str = DEFAULT_TIMEZONE,
) -> EventLog:
    """Cases ``contained`` in [start, end], cases ``intersecting`` it, or only the
    ``events`` inside it. Naive bounds are local time in ``timezone``."""
    lo = _to_us(start, timezone) if start is not None else -(2**62)
    hi = _to_us(end, timezone) if end is not None else 2**62
    ev = log.events
    if mode == "events":
        return log.replace(ev.filter(pl.col("time").is_between(lo, hi)))
    bounds = ev.group_by("case").agg(
        pl.col("time").min().alias("a"), pl.col("time").max().alias("b")
    )
    if mode == "contained":
        keep = bounds.filter((pl.col("a") >= lo) & (pl.col("b") <= hi))
    elif mode == "intersecting":
        keep = bounds.filter((pl.col("a") <= hi) & (pl.col("b") >= lo))
    else:
        raise LogError(f"unknown time-range mode {mode!r} (contained, intersecting, events)")
    return log.replace(ev.join(keep.select("case"), on="case", how="semi", maintain_order="left"))


def case_attribute(
    log: EventLog, attribute: str, values: Iterable[object], *, keep: bool = True
) -> EventLog:
    """Cases whose case attribute ``attribute`` is (or, with ``keep=False``, is not) one of
    ``values``. ``name`` is the case identifier from the source."""
    if attribute not in log.cases.columns:
        raise LogError(
            f"no case attribute {attribute!r}; there are: "
            f"{', '.join(c for c in log.cases.columns if c != 'case')}"
        )
    col = log.cases[attribute]
    wanted = pl.Series(list(values))
    if wanted.dtype != col.dtype and len(wanted):
        wanted = wanted.cast(col.dtype, strict=False)
    hit = col.is_in(wanted.implode()) if len(wanted) else pl.repeat(False, len(col), eager=True)
    cases = log.cases.filter(hit if keep else ~hit).select("case")
    return log.replace(log.events.join(cases, on="case", how="semi", maintain_order="left"))


def activities(log: EventLog, names: Iterable[str], *, keep: bool = True) -> EventLog:
    """Keep only (or remove) events of the named activities."""
    names = set(names)
    codes = [i for i, a in enumerate(log.activities) if a in names]
    hit = pl.col("activity").is_in(pl.Series(codes, dtype=pl.UInt32).implode())
    return log.replace(log.events.filter(hit if keep else ~hit))


def _keep_variants(log: EventLog, table: pl.DataFrame) -> EventLog:
    per_case = case_variants(log).join(table.select("key"), on="key", how="semi")
    return log.replace(
        log.events.join(per_case.select("case"), on="case", how="semi", maintain_order="left")
    )


def top_variants(log: EventLog, k: int) -> EventLog:
    """Cases of the ``k`` most frequent variants (ties broken as in ``variants``)."""
    if k < 0:
        raise LogError("k must be at least 0")
    return _keep_variants(log, variant_table(log).head(k))


def variants_coverage(log: EventLog, percent: float) -> EventLog:
    """Cases of the most frequent variants that together cover at least ``percent`` % of
    the cases."""
    if not 0 <= percent <= 100:
        raise LogError("percent must be between 0 and 100")
    table = variant_table(log)
    before = table["share"].cum_sum() - table["share"]
    return _keep_variants(log, table.filter(before < percent / 100 - 1e-12))
