# SPDX-License-Identifier: MPL-2.0
"""Turning a flat event table into store columns fast: case ids, activity codes, order.

Polars runs one column's comparison or cast on a single core. These helpers cut the
column into slices that are evaluated together (one per thread), which on a 10M-event
table roughly halves the ingest time on two cores.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

_MIN_SLICE = 1_000_000


def _slices(n: int) -> list[tuple[int, int]]:
    parts = max(1, min(pl.thread_pool_size(), n // _MIN_SLICE))
    step = -(-n // parts)
    return [(offset, min(step, n - offset)) for offset in range(0, n, step)]


def by_slices(values: pl.Series, expr: Callable[[pl.Expr], pl.Expr]) -> pl.Series:
    """``expr`` applied to ``values`` slice by slice, the slices in parallel, results
    concatenated. Only for expressions that work row by row (``run_starts`` mends the row
    that needs its predecessor) or whose parts are combined again (``unique``)."""
    frame = values.to_frame("v").lazy()
    parts = [frame.slice(o, n).select(expr(pl.col("v"))) for o, n in _slices(len(values))]
    return pl.concat(parts).collect().to_series()


def run_starts(names: pl.Series) -> pl.Series:
    """True where a row's value differs from the row before (and on the first row)."""
    flags = by_slices(names, lambda c: c.ne_missing(c.shift(1)).fill_null(True))
    # Each slice's first row was compared with nothing; compare it with its predecessor.
    same = [o for o, _ in _slices(len(names)) if o > 0 and names[o] == names[o - 1]]
    return flags.scatter(same, False) if same else flags


def case_ids(names: pl.Series) -> tuple[pl.Series, pl.DataFrame]:
    """Integer case ids in order of first appearance, and the (case_name, case) table.

    Exports usually list each case's events together; then the ids are just run numbers,
    which avoids hashing every event's case name (the costly part at 10M events)."""
    heads_at = run_starts(names).arg_true()
    runs = _run_ids(heads_at.to_numpy(), names.gather(heads_at), len(names))
    if runs is not None:
        return runs
    return _hashed_ids(names)


def _hashed_ids(names: pl.Series) -> tuple[pl.Series, pl.DataFrame]:
    """``case_ids`` for interleaved cases (e.g. an export sorted by time): every name is
    hashed once."""
    frame = names.to_frame("case_name")
    table = (
        frame.with_row_index("i")
        .group_by("case_name")
        .agg(pl.col("i").min())
        .sort("i")
        .select("case_name", pl.int_range(0, pl.len(), dtype=pl.UInt32).alias("case"))
    )
    ids = frame.join(table, on="case_name", how="left", maintain_order="left")["case"]
    return ids, table


def _run_ids(
    heads_at: np.ndarray, heads: pl.Series, n: int
) -> tuple[pl.Series, pl.DataFrame] | None:
    """Run numbers as case ids when every run has its own name (each case's events are
    together), else None."""
    # Distinct hashes prove distinct names; the strings are compared only on a collision.
    # (Sorting the hashes is faster than hashing them again to count distinct ones.)
    hashes = heads.hash().to_numpy(writable=True)
    hashes.sort()
    if (hashes[1:] == hashes[:-1]).any() and heads.n_unique() != len(heads):
        return None
    lengths = np.diff(np.append(heads_at, n))
    run = np.repeat(np.arange(len(heads), dtype=np.uint32), lengths)
    table = pl.DataFrame(
        {
            "case_name": heads.cast(pl.String),
            "case": pl.int_range(0, len(heads), dtype=pl.UInt32, eager=True),
        }
    )
    return pl.Series("case", run).set_sorted(), table


def first_null(column: pa.ChunkedArray) -> int | None:
    """Position of the first missing value, or None."""
    offset = 0
    for chunk in column.chunks:
        if chunk.null_count:
            return offset + int(np.argmax(numpy_of(chunk.is_null())))
        offset += len(chunk)
    return None


def _indices(chunk: pa.DictionaryArray) -> np.ndarray:
    """A chunk's indices, after checking its dictionary: pyarrow does not check the text
    of a Parquet dictionary (Polars rejects invalid UTF-8 when it decodes strings)."""
    chunk.dictionary.validate(full=True)  # raises pa.ArrowInvalid on bad text
    return numpy_of(chunk.indices)


def numpy_of(array: pa.Array) -> np.ndarray:
    """An Arrow array as NumPy, by way of Polars (no copy for numbers without nulls):
    pyarrow's own conversions import pandas on first use where it is installed, a
    quarter of a second that no result here needs."""
    return pl.Series(array).to_numpy()


def arrow_of(values: np.ndarray | list[str]) -> pa.Array:
    """NumPy values or a list of text as an Arrow array, by way of Polars (see
    ``numpy_of``)."""
    return pl.Series(values).to_arrow()


def dictionary_case_ids(column: pa.ChunkedArray) -> tuple[pl.Series, pl.DataFrame]:
    """``case_ids`` for a dictionary-encoded column (as Parquet stores text) without
    decoding every event's name: runs are found on the integer indices of each chunk and
    only the first name of each run is looked up."""
    heads_at: list[np.ndarray] = []
    names: list[pa.Array] = []
    offset, last = 0, None
    for chunk in column.chunks:
        if len(chunk) == 0:
            continue
        idx = _indices(chunk)
        local = np.flatnonzero(idx[1:] != idx[:-1]) + 1
        local = np.concatenate(([0], local))
        chunk_names = chunk.dictionary.take(arrow_of(idx[local]))
        if last is not None and chunk_names[0].as_py() == last:
            local, chunk_names = local[1:], chunk_names[1:]  # the run goes on from the last chunk
        last = chunk.dictionary[idx[-1]].as_py()
        heads_at.append(local + offset)
        names.append(chunk_names)
        offset += len(chunk)
    heads = pl.Series(pa.chunked_array(names, type=column.type.value_type))
    ids = _run_ids(np.concatenate(heads_at), heads, offset)
    if ids is not None:
        return ids
    return _hashed_ids(pl.Series(column.cast(column.type.value_type)))


def _occurring(chunk: pa.DictionaryArray, idx: np.ndarray) -> np.ndarray:
    """Which of a chunk's dictionary values occur (a writer may list unused ones)."""
    counts = np.bincount(idx, minlength=len(chunk.dictionary))
    if len(counts) > len(chunk.dictionary):
        raise ValueError("a dictionary index is out of range (corrupt file)")
    return counts > 0


def dictionary_activity_codes(column: pa.ChunkedArray) -> tuple[pl.Series, list[str]]:
    """``activity_codes`` for a dictionary-encoded column: the labels come from the chunks'
    dictionaries (only values that occur) and each chunk's indices are translated through
    a small table, so no event's text is decoded."""
    chunks = [c for c in column.chunks if len(c)]
    indices = [_indices(c) for c in chunks]
    pairs = list(zip(chunks, indices, strict=True))
    used = [c.dictionary.filter(arrow_of(_occurring(c, i))) for c, i in pairs]
    distinct = pl.Series(pa.chunked_array(used, type=column.type.value_type))
    labels = distinct.unique().sort().cast(pl.String).to_list()
    value_set = arrow_of(labels).cast(column.type.value_type)
    codes = np.empty(sum(len(c) for c in chunks), dtype=np.uint32)
    offset = 0
    for chunk, idx in pairs:  # one step per chunk (a Parquet row group), not per event
        # Unused dictionary values are not among the labels (null here); no index names them.
        found = pl.Series(pc.index_in(chunk.dictionary, value_set=value_set))
        table = found.fill_null(0).cast(pl.UInt32).to_numpy()
        part = codes[offset : offset + len(chunk)]
        np.take(table, idx, out=part, mode="clip")  # idx checked
        offset += len(chunk)
    return pl.Series("activity", codes), labels


def activity_codes(labels: pl.Series) -> tuple[pl.Series, list[str]]:
    """Codes that follow the sorted distinct labels, and those labels."""
    distinct = by_slices(labels, lambda c: c.unique()).unique().sort().to_list()
    enum = pl.Enum(distinct)
    codes = by_slices(labels, lambda c: c.cast(enum).to_physical().cast(pl.UInt32))
    return codes.alias("activity"), distinct


_BLOCK = 1 << 20


def in_store_order(events: pl.DataFrame) -> bool:
    """True when rows already follow the store's order (``store.sort_key``), as most
    exports list them.

    ``index`` rises with every row, so checking (case, [start_time,] time) never falls is
    enough, at a fraction of the cost of sorting. The check runs a million rows at a time,
    so its temporaries are a few megabytes rather than the column's size: faulting in
    that much fresh memory costs more than the comparing."""
    keys = [c for c in ("case", "start_time", "time") if c in events.columns]
    for start in range(0, max(events.height - 1, 0), _BLOCK):  # one step per million rows
        # Overlapping slices (one row each side); a slice inside one of the column's
        # chunks is a view, so nothing is copied except at chunk edges.
        block = events.slice(start, _BLOCK + 1)
        if not _rising(*(block[key].to_numpy() for key in keys)):
            return False
    return True


def _rising(case: np.ndarray, *times: np.ndarray) -> bool:
    """True when (case, *times) never falls from one row to the next."""
    step = case[1:] > case[:-1]
    same = case[1:] == case[:-1]
    if len(times) == 1:  # the common case, in as few passes as possible
        return bool((step | (same & (times[0][1:] >= times[0][:-1]))).all())
    for values in times:  # (start_time, time): compared in turn while the earlier tie
        step |= same & (values[1:] > values[:-1])
        same &= values[1:] == values[:-1]
    return bool((step | same).all())
