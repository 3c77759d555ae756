# SPDX-License-Identifier: MPL-2.0
"""Vectorised scanner for XES documents.

XES keeps all data in attributes of empty elements (``<string key=".." value=".."/>``), so
the document is a flat list of tags. We find every ``<`` and ``>`` with NumPy, classify the
tags by their first bytes, track nesting with cumulative sums and cut keys and values out
of the buffer as Arrow string views (no copy per value). Anything outside that common
shape (CDATA, single-quoted or reordered attributes) returns ``None`` so the caller can
use the hardened lxml path instead. DTDs are refused outright: XES has none, and that is
where entity-expansion bombs live.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl
import pyarrow as pa

from procesmine.errors import LogError

# Scalar attribute types of XES 1849 and the code we give them.
ATTR_TYPES = {b"string": 1, b"date": 2, b"int": 3, b"float": 4, b"boolean": 5, b"id": 6}
TYPE_NAMES = {v: k.decode() for k, v in ATTR_TYPES.items()}
_TERMINATORS = np.frombuffer(b" \t\r\n>/", np.uint8)
PAD = 16  # zero bytes after the document, see xes.read_padded
CHUNK = 4 << 20  # bytes per scanning step: small arrays are reused instead of page-faulted
_CHUNK_BITS = 30  # string-view offsets are int32: address the buffer in 1 GiB windows


@dataclass
class Records:
    """Attributes of traces (level 0) and events (level 1) in document order."""

    frame: pl.DataFrame  # level, owner, key, value, type, pos
    n_traces: int
    n_events: int
    event_trace: np.ndarray  # trace index of every event


def line_of(data: bytes | bytearray, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


_TERM_TABLE = np.zeros(256, bool)
_TERM_TABLE[_TERMINATORS] = True
_LO_MASKS = np.array([(1 << (8 * k)) - 1 for k in range(9)], np.uint64)
_HI_MASKS = np.array([(1 << (8 * k)) - 1 for k in range(5)], np.uint32)
_SPACE_TABLE = np.zeros(256, bool)
_SPACE_TABLE[_TERMINATORS[:4]] = True


def _unaligned(padded: np.ndarray, dtype: str) -> np.ndarray:
    """Read a little-endian word starting at every byte (strided view, no copy)."""
    n = len(padded) - PAD
    return np.ndarray((n,), dtype=dtype, buffer=padded, offset=0, strides=(1,))


def _word(text: bytes) -> int:
    return int.from_bytes(text, "little")


def _name_is(head8: np.ndarray, after: np.ndarray, name: bytes) -> np.ndarray:
    """Tags whose name (first bytes ``head8``) is ``name``; ``after`` is the next byte."""
    mask = np.uint64((1 << (8 * len(name))) - 1)
    return ((head8 & mask) == np.uint64(_word(name))) & _TERM_TABLE[after]


def _views(
    bufs: list[pa.Buffer], u8: np.ndarray, u4: np.ndarray, starts: np.ndarray, lens: np.ndarray
) -> pa.Array:
    """Arrow string views over ``padded`` for the given spans."""
    n = len(starts)
    # Short strings live inline in the view (bytes beyond the length must be zero);
    # longer ones keep a 4-byte prefix, a buffer number and an offset.
    lo = u8[starts]
    hi = u4[starts + 8]
    n_lo = np.minimum(lens, 8).astype(np.uint64) * np.uint64(8)
    lo_mask = _LO_MASKS[n_lo >> np.uint64(3)]
    hi_mask = _HI_MASKS[np.clip(lens - 8, 0, 4)]
    short = lens <= 12
    views = np.empty((n, 4), "<u4")
    views[:, 0] = lens
    lo_short = lo & lo_mask
    views[:, 1] = lo_short
    long_ = np.flatnonzero(~short)
    views[:, 2] = lo_short >> np.uint64(32)
    views[:, 3] = hi & hi_mask
    views[long_, 2] = starts[long_] >> _CHUNK_BITS
    views[long_, 3] = starts[long_] & ((1 << _CHUNK_BITS) - 1)
    return pa.Array.from_buffers(pa.string_view(), n, [None, pa.py_buffer(views), *bufs])


@dataclass
class _State:
    """What one chunk hands to the next."""

    depth: int = 0
    in_trace: int = 0
    in_event: int = 0
    n_traces: int = 0
    n_events: int = 0
    trace_depth: int = -9  # depth of the open trace / event (none: never matches)
    event_depth: int = -9
    root_seen: bool = False
    top_elements: int = 0


def _boundaries(data: bytearray, size: int) -> list[tuple[int, int]]:
    """Chunks that start at a '<' outside comments."""
    out = []
    lo = 0
    while lo < size:
        cut = data.find(b"<", min(lo + CHUNK, size), size)
        if cut < 0:
            out.append((lo, size))
            break
        opened = data.rfind(b"<!--", lo, cut)
        if opened >= 0:
            closed = data.find(b"-->", opened, size)
            if closed < 0 or closed + 3 > cut:
                cut = data.find(b"<", closed + 3, size) if closed >= 0 else -1
                if cut < 0:
                    out.append((lo, size))
                    break
        out.append((lo, cut))
        lo = cut
    return out


def _err(message: str, data: bytearray, pos: int, source: str) -> LogError:
    return LogError(message, source, line_of(data, pos))


def _chunk(
    data: bytearray,
    padded: np.ndarray,
    u8: np.ndarray,
    u4: np.ndarray,
    bufs: list[pa.Buffer],
    lo: int,
    hi: int,
    st: _State,
    source: str,
) -> dict[str, object] | None:
    buf = padded[lo:hi]
    lt = lo + np.flatnonzero(buf == 60)
    if len(lt) == 0:
        return {}
    first = padded[lt + 1]
    bangs = np.flatnonzero(first == 33)
    if len(bangs):  # comments are rare: loop over them
        dead = np.zeros(len(lt), bool)
        for i in bangs:
            pos = int(lt[i])
            if data.startswith(b"<!--", pos):
                close = data.find(b"-->", pos + 4, hi + 3)
                if close < 0:
                    raise _err("unterminated comment", data, pos, source)
                dead |= (lt > pos) & (lt < close + 3)
            elif data.startswith(b"<![CDATA[", pos):
                return None
            else:
                raise _err(
                    "document type declarations (DTD, entities) are refused in XES input",
                    data,
                    pos,
                    source,
                )
        lt = lt[~dead]
        first = first[~dead]
    gt = lo + np.flatnonzero(buf == 62)
    gi = np.searchsorted(gt, np.append(lt[1:], hi)) - 1
    end = gt[np.maximum(gi, 0)] if len(gt) else np.zeros_like(lt)
    bad = (gi < 0) | (end < lt)
    if bad.any():
        raise _err(
            "malformed XML: tag is not closed with '>'", data, int(lt[np.argmax(bad)]), source
        )
    head8 = u8[lt + 1]
    is_close = first == 47
    is_elem = ~is_close & (first != 63) & (first != 33)
    selfclose = padded[end - 1] == 47
    delta = (is_elem & ~selfclose).astype(np.int32) - is_close.astype(np.int32)
    depth_after = st.depth + np.cumsum(delta, dtype=np.int32)
    depth = depth_after - delta
    if depth_after.min() < 0:
        raise _err(
            "malformed XML: closing tag without opening tag",
            data,
            int(lt[np.argmax(depth_after < 0)]),
            source,
        )
    elems = np.flatnonzero(is_elem)
    if not st.root_seen and len(elems):
        at = int(lt[elems[0]]) + 1
        if not data.startswith(b"log", at) or not _TERM_TABLE[data[at + 3]]:
            root = bytes(data[at : at + 40]).split()[0].split(b">")[0]
            raise LogError(
                f"not XES: root element is <{root.decode(errors='replace')}>, not <log>",
                source,
                line_of(data, at),
            )
        st.root_seen = True
    top = np.flatnonzero(is_elem & (depth == 0))
    st.top_elements += len(top)
    if st.top_elements > 1:
        raise _err("malformed XML: content after the root element", data, int(lt[top[-1]]), source)
    close8 = head8 >> np.uint64(8)
    trace_open = is_elem & _name_is(head8, _byte(head8, 5), b"trace")
    event_open = is_elem & _name_is(head8, _byte(head8, 5), b"event")
    trace_close = is_close & _name_is(close8, _byte(head8, 6), b"trace")
    event_close = is_close & _name_is(close8, _byte(head8, 6), b"event")
    in_trace = (
        st.in_trace
        + np.cumsum(trace_open & ~selfclose, dtype=np.int32)
        - np.cumsum(trace_close, dtype=np.int32)
    )
    in_event = (
        st.in_event
        + np.cumsum(event_open & ~selfclose, dtype=np.int32)
        - np.cumsum(event_close, dtype=np.int32)
    )
    nested = (in_trace > 1) | (in_event > 1)
    if nested.any():
        raise _err(
            "malformed XES: nested <trace> or <event>", data, int(lt[np.argmax(nested)]), source
        )
    # Local numbers: -1 is the trace/event still open from an earlier chunk.
    t_local = np.cumsum(trace_open, dtype=np.int64) - 1
    e_local = np.cumsum(event_open, dtype=np.int64) - 1
    event_trace = np.where(in_trace[event_open] == 1, st.n_traces + t_local[event_open], -1)
    if (event_trace < 0).any():
        raise _err(
            "malformed XES: <event> outside a <trace>",
            data,
            int(lt[event_open][np.argmax(event_trace < 0)]),
            source,
        )
    t_depth = np.concatenate([[st.trace_depth], depth[trace_open]]).astype(np.int32)
    e_depth = np.concatenate([[st.event_depth], depth[event_open]]).astype(np.int32)
    types = np.zeros(len(lt), np.int8)
    for name, code in ATTR_TYPES.items():
        types[is_elem & _name_is(head8, _byte(head8, len(name)), name)] = code
    is_attr = types > 0
    ev_attr = is_attr & (in_event == 1) & (depth == e_depth[e_local + 1] + 1)
    tr_attr = is_attr & (in_trace == 1) & (in_event == 0) & (depth == t_depth[t_local + 1] + 1)
    sel = np.flatnonzero(ev_attr | tr_attr)
    out: dict[str, object] = {"event_trace": event_trace}
    if len(sel):
        quotes = lo + np.flatnonzero(buf == 34)
        qi = np.searchsorted(quotes, lt[sel])
        if qi.max() + 3 >= len(quotes):
            return None
        q = [quotes[qi + j] for j in range(4)]
        ok = q[3] < end[sel]
        ok &= u4[q[0] - 4] == np.uint32(_word(b"key="))
        ok &= (u8[q[2] - 6] & np.uint64(0xFFFFFFFFFFFF)) == np.uint64(_word(b"value="))
        ok &= _SPACE_TABLE[padded[q[0] - 5]] & _SPACE_TABLE[padded[q[2] - 7]]
        if not ok.all():
            return None
        level = ev_attr[sel].astype(np.int8)
        owner = np.where(level == 1, st.n_events + e_local[sel], st.n_traces + t_local[sel])
        out.update(
            keys=_views(bufs, u8, u4, q[0] + 1, q[1] - q[0] - 1),
            values=_views(bufs, u8, u4, q[2] + 1, q[3] - q[2] - 1),
            level=level,
            owner=owner,
            type=types[sel],
            pos=lt[sel],
        )
    st.depth = int(depth_after[-1])
    st.in_trace = int(in_trace[-1])
    st.in_event = int(in_event[-1])
    st.n_traces += int(trace_open.sum())
    st.n_events += int(event_open.sum())
    st.trace_depth = int(t_depth[-1])
    st.event_depth = int(e_depth[-1])
    return out


def _byte(head8: np.ndarray, k: int) -> np.ndarray:
    """Byte k of each little-endian word."""
    return (head8 >> np.uint64(8 * k)).astype(np.uint8)


def scan(data: bytearray, source: str) -> Records | None:
    """Scan an XES document (followed by PAD zero bytes), one chunk at a time; None when
    it needs the slow, general parser."""
    size = len(data) - PAD
    padded = np.frombuffer(data, np.uint8)
    u8 = _unaligned(padded, "<u8")
    u4 = _unaligned(padded, "<u4")
    bufs = [
        pa.py_buffer(padded[k << _CHUNK_BITS :]) for k in range((len(padded) >> _CHUNK_BITS) + 1)
    ]
    st = _State()
    parts = []
    for lo, hi in _boundaries(data, size):
        part = _chunk(data, padded, u8, u4, bufs, lo, hi, st, source)
        if part is None:
            return None
        parts.append(part)
    if not st.root_seen:
        raise LogError("not XML: no tags found", source, 1)
    if st.depth != 0:
        raise LogError("document ends before </log> (truncated file?)", source, line_of(data, size))
    with_attrs = [p for p in parts if "keys" in p]
    cols: dict[str, object] = {}
    for name in ("level", "owner", "type", "pos"):
        cols[name] = np.concatenate([p[name] for p in with_attrs]) if with_attrs else []
    for name in ("keys", "values"):
        arr = pa.chunked_array([p[name] for p in with_attrs], type=pa.string_view())
        series = pl.from_arrow(arr)
        assert isinstance(series, pl.Series)
        cols[name.rstrip("s")] = series
    frame = pl.DataFrame(cols).select(
        pl.col("level").cast(pl.Int8),
        pl.col("owner").cast(pl.Int64),
        "key",
        "value",
        pl.col("type").cast(pl.Int8),
        pl.col("pos").cast(pl.Int64),
    )
    event_trace = np.concatenate(
        [p["event_trace"] for p in parts if "event_trace" in p] or [np.zeros(0, np.int64)]
    )
    return Records(frame, st.n_traces, st.n_events, event_trace.astype(np.int64))
