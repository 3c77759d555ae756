# SPDX-License-Identifier: MPL-2.0
"""Timestamps as written by case systems and Excel, to UTC microseconds."""

from __future__ import annotations

import polars as pl

from procesmine.errors import LogError

DEFAULT_TIMEZONE = "Europe/Copenhagen"

# Tried in order on the values that are still unparsed; the first that reads a value wins.
_NAIVE_FORMATS = (
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
)
_AWARE_FORMAT = "%Y-%m-%dT%H:%M:%S%.f%:z"


def _normalise_offsets(s: pl.Expr) -> pl.Expr:
    s = s.str.strip_chars().str.replace(r"^(\d{4}-\d\d-\d\d) ", "${1}T")
    s = s.str.replace(r"[Zz]$", "+00:00").str.replace(r"([+-]\d\d)(\d\d)$", "$1:$2")
    return s.str.replace(r"T(\d\d:\d\d)([+-]\d\d:\d\d)$", "T$1:00$2")


def _check_zone(timezone: str) -> None:
    try:
        pl.Series(["2020-01-01"]).str.to_datetime("%Y-%m-%d").dt.replace_time_zone(timezone)
    except Exception as exc:  # polars raises several types for unknown zones
        raise LogError(f"unknown time zone {timezone!r}") from exc


def parse_timestamps(
    values: pl.Series,
    *,
    fmt: str | None = None,
    timezone: str = DEFAULT_TIMEZONE,
    column: str = "timestamp",
    source: str | None = None,
    row_offset: int = 1,
) -> pl.Series:
    """Parse strings (or datetimes) into ``Datetime(us, UTC)``.

    Values with an offset keep it; naive values are local time in ``timezone`` (daylight
    saving applied; the repeated autumn hour is read as the earlier one, the skipped spring
    hour is an error). ``row_offset`` turns a 0-based position into the row number shown in
    error messages.
    """
    _check_zone(timezone)
    if isinstance(values.dtype, pl.Datetime):
        tz = values.dtype.time_zone
        out = values.dt.cast_time_unit("us")
        if tz is None:
            out = out.dt.replace_time_zone(timezone, ambiguous="earliest", non_existent="null")
        return out.dt.convert_time_zone("UTC")
    if isinstance(values.dtype, pl.Date):
        values = values.cast(pl.Datetime("us"))
        return parse_timestamps(values, timezone=timezone, column=column, source=source)
    if values.dtype != pl.String:
        values = values.cast(pl.String)
    frame = values.to_frame("raw")
    if fmt is not None:
        aware = "%z" in fmt or "%:z" in fmt or "%#z" in fmt
        parsed = frame.select(
            pl.col("raw").str.strip_chars().str.to_datetime(fmt, time_unit="us", strict=False)
        ).to_series()
        if not aware and isinstance(parsed.dtype, pl.Datetime) and parsed.dtype.time_zone:
            aware = True
        result = _localise(parsed, timezone, aware)
    else:
        norm = frame.select(_normalise_offsets(pl.col("raw")).alias("s"))["s"]
        has_offset = norm.str.contains(r"[+-]\d\d:\d\d$").fill_null(False)
        with_offset = norm.str.to_datetime(
            _AWARE_FORMAT, time_zone="UTC", time_unit="us", strict=False
        ).dt.convert_time_zone("UTC")
        with_offset = pl.select(pl.when(has_offset).then(with_offset).otherwise(None)).to_series()
        naive = pl.Series("n", [None] * len(norm), dtype=pl.Datetime("us"))
        for f in _NAIVE_FORMATS:
            missing = naive.is_null() & ~has_offset & norm.is_not_null()
            if not missing.any():
                break
            attempt = norm.str.to_datetime(f, time_unit="us", strict=False, exact=True)
            naive = pl.select(pl.when(missing).then(attempt).otherwise(naive)).to_series()
        local = _localise(naive, timezone, False)
        result = pl.select(pl.coalesce(with_offset, local)).to_series()
    bad = result.is_null() & values.is_not_null()
    if bad.any():
        pos = int(bad.arg_max() or 0)
        raise LogError(
            f"cannot read timestamp {values[pos]!r} in column {column!r}"
            + (f" with format {fmt!r}" if fmt else "")
            + " (or it does not exist in that time zone)",
            source,
            row=pos + row_offset,
        )
    return result.alias(values.name)


def _localise(parsed: pl.Series, timezone: str, aware: bool) -> pl.Series:
    if aware:
        return parsed.dt.convert_time_zone("UTC")
    local = parsed.dt.replace_time_zone(timezone, ambiguous="earliest", non_existent="null")
    return local.dt.convert_time_zone("UTC")
