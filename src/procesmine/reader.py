# SPDX-License-Identifier: MPL-2.0
"""One entry point for every input: XES, CSV, Parquet or an existing store."""

from __future__ import annotations

from pathlib import Path

from procesmine import tabular, xes
from procesmine.errors import LogError
from procesmine.store import (
    XES_MAPPING,
    EventLog,
    from_frame,
    is_store,
    read_store,
    write_store,
)
from procesmine.timeparse import DEFAULT_TIMEZONE


def detect_format(path: str | Path) -> str:
    p = Path(path)
    if is_store(p):
        return "store"
    name = p.name.lower()
    if name.endswith((".xes", ".xes.gz", ".xml", ".xml.gz")):
        return "xes"
    if name.endswith((".csv", ".csv.gz", ".txt", ".tsv")):
        return "csv"
    if name.endswith((".parquet", ".pq")):
        return "parquet"
    try:
        with p.open("rb") as fh:
            head = fh.read(4)
    except OSError as exc:
        raise LogError(f"cannot read file: {exc.strerror or exc}", str(p)) from exc
    if head == b"PAR1":
        return "parquet"
    if head[:2] == b"\x1f\x8b" or head.lstrip()[:1] == b"<":
        return "xes"
    return "csv"


def read_log(
    path: str | Path,
    *,
    format: str | None = None,
    case_column: str | None = None,
    activity_column: str | None = None,
    timestamp_column: str | None = None,
    resource_column: str | None = None,
    start_timestamp_column: str | None = None,
    timestamp_format: str | None = None,
    timezone: str = DEFAULT_TIMEZONE,
    columns: list[str] | None = None,
    max_decompressed_bytes: int | None = None,
) -> EventLog:
    """Read any supported log into store form (in memory).

    Columns not given are guessed from common names (see the package README). Naive
    timestamps in CSV/Parquet are local time in ``timezone``; XES dates carry offsets and
    naive XES dates are read as UTC, as pm4py does. ``columns`` names the source columns
    to keep besides case, activity and timestamps (``[]`` keeps none, which a map or
    variants need; ``None`` keeps all); from Parquet the others are not even read.
    Gzipped XES or CSV is unpacked up to ``max_decompressed_bytes`` (default: the
    environment variable ``PROCESMINE_MAX_DECOMPRESSED_BYTES``, else 4 GiB); a file that
    unpacks to more is refused.
    """
    source = str(path)
    fmt = format or detect_format(path)
    given: dict[str, str | None] = {
        "case": case_column,
        "activity": activity_column,
        "timestamp": timestamp_column,
        "resource": resource_column,
        "start_timestamp": start_timestamp_column,
    }
    if fmt == "store":
        return read_store(path, columns)
    if fmt == "xes":
        frame = xes.read_xes(path, max_decompressed_bytes=max_decompressed_bytes)
        mapping = XES_MAPPING
        if any(given.values()):
            mapping = tabular.mapping_for(
                frame,
                {**_xes_given(frame.columns), **{k: v for k, v in given.items() if v}},
                source,
            )
        return from_frame(
            frame.select(tabular.kept_columns(mapping, frame.columns, columns, source)),
            mapping,
            source=source,
            timestamp_format=timestamp_format,
            timezone=timezone if any(given.values()) else "UTC",
        )
    if fmt == "parquet":
        return tabular.parquet_log(
            path, given, timestamp_format=timestamp_format, timezone=timezone, columns=columns
        )
    if fmt != "csv":
        raise LogError(f"unknown input format {fmt!r}", source)
    frame = tabular.read_csv(path, max_decompressed_bytes)
    mapping = tabular.mapping_for(frame, given, source)
    return from_frame(
        frame.select(tabular.kept_columns(mapping, frame.columns, columns, source)),
        mapping,
        source=source,
        timestamp_format=timestamp_format,
        timezone=timezone,
        row_offset=2,  # row numbers as in a spreadsheet: the header is row 1
    )


def _xes_given(columns: list[str]) -> dict[str, str | None]:
    keys = {
        "case": XES_MAPPING.case,
        "activity": XES_MAPPING.activity,
        "timestamp": XES_MAPPING.timestamp,
        "resource": XES_MAPPING.resource,
        "start_timestamp": XES_MAPPING.start_timestamp,
    }
    return {k: v for k, v in keys.items() if v in columns}


def ingest(path: str | Path, store: str | Path, **options: str | None) -> EventLog:
    """Read a log and write it as a store directory (atomically). Returns the log."""
    log = read_log(path, **options)  # type: ignore[arg-type]
    write_store(log, store)
    return log
