# SPDX-License-Identifier: MPL-2.0
"""CSV (as exported from Danish case systems and Excel) and Parquet event tables."""

from __future__ import annotations

import io
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from procesmine import encode, gunzip
from procesmine.errors import LogError
from procesmine.store import CodedColumns, ColumnMapping, EventLog, from_frame
from procesmine.timeparse import DEFAULT_TIMEZONE

# Candidate names per role, compared after lower-casing and dropping spaces, '_' and '-'.
_CANDIDATES: dict[str, tuple[str, ...]] = {
    "case": (
        "case:concept:name",
        "caseid",
        "case",
        "sagsnummer",
        "sagsid",
        "sagsnr",
        "sag",
        "case:id",
        "sagnummer",
        "journalnummer",
    ),
    "activity": (
        "concept:name",
        "activity",
        "activityname",
        "aktivitet",
        "handling",
        "hændelse",
        "haendelse",
        "task",
        "opgave",
        "event",
        "trin",
    ),
    "timestamp": (
        "time:timestamp",
        "timestamp",
        "tidspunkt",
        "tidsstempel",
        "dato",
        "datotid",
        "completetimestamp",
        "endtimestamp",
        "sluttidspunkt",
        "endtime",
        "time",
        "date",
        "datetime",
    ),
    "resource": (
        "org:resource",
        "resource",
        "ressource",
        "medarbejder",
        "sagsbehandler",
        "bruger",
        "user",
        "udfører",
        "udfoerer",
    ),
    "start_timestamp": (
        "start_timestamp",
        "starttimestamp",
        "starttidspunkt",
        "starttime",
        "start",
        "startdato",
    ),
    "lifecycle": ("lifecycle:transition", "lifecycle", "livscyklus"),
}


def _norm(name: str) -> str:
    return re.sub(r"[\s_\-]", "", name.strip().lower())


def guess_mapping(
    columns: list[str], given: dict[str, str | None] | None = None, source: str | None = None
) -> ColumnMapping:
    """A column mapping from explicit choices, the rest guessed from common names."""
    given = {k: v for k, v in (given or {}).items() if v}
    by_norm: dict[str, str] = {}
    for c in columns:
        by_norm.setdefault(_norm(c), c)
    found: dict[str, str | None] = {}
    taken: set[str] = set(given.values())  # type: ignore[arg-type]
    for role, names in _CANDIDATES.items():
        if role in given:
            col = given[role]
            if col not in columns:
                raise LogError(
                    f"no column {col!r} (for {role}); columns are: {', '.join(columns)}", source
                )
            found[role] = col
            continue
        found[role] = None
        for n in names:
            col = by_norm.get(_norm(n))
            if col is not None and col not in taken:
                found[role] = col
                taken.add(col)
                break
    for role in ("case", "activity", "timestamp"):
        if not found[role]:
            flag = {
                "case": "--case-column",
                "activity": "--activity-column",
                "timestamp": "--timestamp-column",
            }[role]
            raise LogError(
                f"no {role} column found (give it with {flag}); columns are: {', '.join(columns)}",
                source,
            )
    return ColumnMapping(
        case=found["case"] or "",
        activity=found["activity"] or "",
        timestamp=found["timestamp"] or "",
        resource=found["resource"],
        start_timestamp=found["start_timestamp"],
        lifecycle=found["lifecycle"],
    )


def decode_text(data: bytes, source: str) -> bytes:
    """UTF-8 bytes from UTF-8 (with or without BOM) or Windows-1252 input."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252").encode("utf-8")
    except UnicodeDecodeError as exc:
        raise LogError(
            f"text is neither UTF-8 nor Windows-1252 (byte {exc.start})", source
        ) from exc


def sniff_delimiter(data: bytes) -> str:
    """The most frequent of ``,`` ``;`` and tab in the header line, outside quotes."""
    header = data.split(b"\n", 1)[0]
    header = re.sub(rb'"[^"]*"', b"", header)
    counts = {d: header.count(d.encode()) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(path: str | Path, max_decompressed_bytes: int | None = None) -> pl.DataFrame:
    """Every column as text, in file order. Gzip is unpacked up to
    ``max_decompressed_bytes`` (see ``procesmine.gunzip``)."""
    source = str(path)
    if gunzip.is_gzip(path):
        raw: bytes | bytearray = gunzip.gunzip(path, max_decompressed_bytes)
    else:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise LogError(f"cannot read file: {exc.strerror or exc}", source) from exc
    data = decode_text(bytes(raw), source)
    if not data.strip():
        raise LogError("empty log: the file is empty", source)
    sep = sniff_delimiter(data)
    try:
        frame = pl.read_csv(
            io.BytesIO(data),
            separator=sep,
            infer_schema=False,
            quote_char='"',
            truncate_ragged_lines=False,
        )
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError, OSError) as exc:
        raise LogError(f"cannot read CSV: {str(exc).splitlines()[0]}", source) from exc
    frame = frame.rename({c: c.strip() for c in frame.columns})
    # Empty cells are missing values, not empty strings.
    return frame.with_columns(pl.all().str.strip_chars().replace("", None))


def read_parquet(path: str | Path, columns: list[str] | None = None) -> pl.DataFrame:
    source = str(path)
    try:
        return pl.read_parquet(path, columns=columns)
    except (OSError, pl.exceptions.ComputeError) as exc:
        raise LogError(f"cannot read Parquet: {str(exc).splitlines()[0]}", source) from exc


def _is_text(kind: pa.DataType) -> bool:
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    return pa.types.is_string(kind) or pa.types.is_large_string(kind)


def parquet_log(
    path: str | Path,
    given: dict[str, str | None] | None = None,
    *,
    timestamp_format: str | None = None,
    timezone: str = DEFAULT_TIMEZONE,
    columns: list[str] | None = None,
) -> EventLog:
    """A Parquet event table in store form, with the columns ``kept_columns`` keeps.

    Parquet keeps text columns as dictionaries (distinct values plus integer indices per
    row group). Text case and activity columns are read that way and coded from the
    indices, which at 10M events is several times faster than decoding every name."""
    source = str(path)
    try:
        schema = pq.read_schema(path)
    except (OSError, pa.ArrowException) as exc:
        raise LogError(f"cannot read Parquet: {str(exc).splitlines()[0]}", source) from exc
    mapping = _with_lifecycle(guess_mapping(schema.names, given, source), schema.names)
    kept = kept_columns(mapping, schema.names, columns, source)
    pair = [mapping.case, mapping.activity]
    others = {mapping.timestamp, mapping.start_timestamp, mapping.resource, mapping.lifecycle}
    # Integer ids, or a column serving two roles, take the general path.
    if (
        not all(_is_text(schema.field(c).type) for c in pair)
        or len(set(pair)) < 2
        or others & set(pair)
    ):
        frame = read_parquet(path, kept)
        return from_frame(
            frame, mapping, source=source, timestamp_format=timestamp_format, timezone=timezone
        )
    # The other columns are read by Polars in a second thread while this one codes the
    # case and activity columns (mostly single-threaded NumPy work).
    with ThreadPoolExecutor(max_workers=1) as pool:
        rest_read = pool.submit(_read_contiguous, path, [c for c in kept if c not in pair])
        coded = _coded_pair(path, mapping, source)
        rest = rest_read.result()
    if coded is not None and rest.height != len(coded.case):
        raise LogError("cannot read Parquet: the file changed while it was read", source)
    return from_frame(
        rest,
        mapping,
        source=source,
        timestamp_format=timestamp_format,
        timezone=timezone,
        coded=coded,
    )


def _read_contiguous(path: str | Path, columns: list[str]) -> pl.DataFrame:
    """The columns in one piece each: later gathers and shifts are faster than across the
    row groups' pieces, and this thread has the time while the other codes."""
    return read_parquet(path, columns).rechunk()


def _coded_pair(path: str | Path, mapping: ColumnMapping, source: str) -> CodedColumns | None:
    """Case ids and activity codes from the Parquet dictionaries; None for no rows."""
    pair = [mapping.case, mapping.activity]
    try:
        with pq.ParquetFile(path) as parquet:
            groups = list(range(parquet.num_row_groups))
        # Each half of the row groups in a thread of its own, as pyarrow's read_table
        # does; read_table itself goes through pyarrow.dataset, whose first use imports
        # pandas (about 0.2 s of a first read).
        with ThreadPoolExecutor(max_workers=2) as pool:
            halves = [groups[: len(groups) // 2], groups[len(groups) // 2 :]]
            parts = pool.map(lambda part: _read_dictionaries(path, pair, part), halves)
            table = pa.concat_tables(parts)
    except (OSError, pa.ArrowException) as exc:
        raise LogError(f"cannot read Parquet: {str(exc).splitlines()[0]}", source) from exc
    if not table.num_rows:
        return None
    for role, col in (("case", mapping.case), ("activity", mapping.activity)):
        pos = encode.first_null(table.column(col))
        if pos is not None:
            raise LogError(f"missing {role} in column {col!r}", source, row=pos + 1)
    try:
        case, case_names = encode.dictionary_case_ids(table.column(mapping.case))
        activity, labels = encode.dictionary_activity_codes(table.column(mapping.activity))
    except (pa.ArrowException, ValueError) as exc:  # bad text or corrupt pages
        raise LogError(f"cannot read Parquet: {str(exc).splitlines()[0]}", source) from exc
    return CodedColumns(case, case_names, activity, labels)


def _read_dictionaries(path: str | Path, columns: list[str], groups: list[int]) -> pa.Table:
    """Text columns of some row groups, as the dictionaries Parquet stores them in."""
    with pq.ParquetFile(path, read_dictionary=columns) as parquet:
        return parquet.read_row_groups(groups, columns=columns, use_threads=False)


def kept_columns(
    mapping: ColumnMapping, available: list[str], columns: list[str] | None, source: str
) -> list[str]:
    """The source columns to read: all when ``columns`` is None, else the mapped case,
    activity and timestamps plus ``columns``, in source order."""
    if columns is None:
        return list(available)
    unknown = [c for c in columns if c not in available]
    if unknown:
        raise LogError(f"no column {unknown[0]!r}; columns are: {', '.join(available)}", source)
    roles = [mapping.case, mapping.activity, mapping.timestamp, mapping.start_timestamp]
    wanted = {c for c in roles if c} | set(columns)
    return [c for c in available if c in wanted]


def mapping_for(
    frame: pl.DataFrame, given: dict[str, str | None] | None, source: str | None
) -> ColumnMapping:
    return _with_lifecycle(guess_mapping(frame.columns, given, source), frame.columns)


def _with_lifecycle(mapping: ColumnMapping, columns: list[str]) -> ColumnMapping:
    if mapping.lifecycle is None and "lifecycle:transition" in columns:
        mapping = replace(mapping, lifecycle="lifecycle:transition")
    return mapping
