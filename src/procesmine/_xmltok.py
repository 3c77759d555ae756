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
_STRUCT = {b"log": 10, b"trace": 11, b"event": 12, b"global": 13}
_TERMINATORS = np.frombuffer(b" \t\r\n>/", np.uint8)
PAD = 16  # zero bytes after the document, see xes.read_padded
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


def _dead_spans(data: bytearray, source: str) -> list[tuple[int, int]] | None:
    """Byte spans of comments; None when CDATA needs the slow path; raise on a DTD."""
    spans: list[tuple[int, int]] = []
    pos = data.find(b"<!")
    while pos >= 0:
        if data.startswith(b"<!--", pos):
            end = data.find(b"-->", pos + 4)
            if end < 0:
                raise LogError("unterminated comment", source=source, line=line_of(data, pos))
            spans.append((pos, end + 3))
            pos = data.find(b"<!", end + 3)
        elif data.startswith(b"<![CDATA[", pos):
            return None
        else:
            raise LogError(
                "document type declarations (DTD, entities) are refused in XES input",
                source=source,
                line=line_of(data, pos),
            )
    return spans


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
    padded: np.ndarray, u8: np.ndarray, u4: np.ndarray, starts: np.ndarray, lens: np.ndarray
) -> pl.Series:
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
    bufs = [
        pa.py_buffer(padded[k << _CHUNK_BITS :]) for k in range((len(padded) >> _CHUNK_BITS) + 1)
    ]
    arr = pa.Array.from_buffers(pa.string_view(), n, [None, pa.py_buffer(views), *bufs])
    series = pl.from_arrow(arr)
    assert isinstance(series, pl.Series)
    return series


def scan(data: bytearray, source: str) -> Records | None:
    """Scan an XES document (followed by PAD zero bytes); None when it needs the slow,
    general parser."""
    spans = _dead_spans(data, source)
    if spans is None:
        return None
    size = len(data) - PAD
    padded = np.frombuffer(data, np.uint8)
    buf = padded[:size]
    u8 = _unaligned(padded, "<u8")
    u4 = _unaligned(padded, "<u4")
    scratch = np.empty(size, bool)  # one mask for all three byte searches
    lt = np.flatnonzero(np.equal(buf, 60, out=scratch))
    if len(lt) == 0:
        raise LogError("not XML: no tags found", source=source, line=1)
    if spans:
        starts = np.array([s for s, _ in spans])
        ends = np.array([e for _, e in spans])
        k = np.searchsorted(starts, lt, side="right") - 1
        inside = (k >= 0) & (lt > starts[np.maximum(k, 0)]) & (lt < ends[np.maximum(k, 0)])
        lt = lt[~inside]
    gt = np.flatnonzero(np.equal(buf, 62, out=scratch))
    nxt = np.append(lt[1:], size)
    gi = np.searchsorted(gt, nxt) - 1
    end = gt[np.maximum(gi, 0)] if len(gt) else np.zeros_like(lt)
    bad = (gi < 0) | (end < lt)
    if bad.any():
        pos = int(lt[np.argmax(bad)])
        raise LogError("malformed XML: tag is not closed with '>'", source, line_of(data, pos))

    head8 = u8[lt + 1]
    first = padded[lt + 1]
    is_close = first == 47  # '/'
    is_elem = ~is_close & (first != 63) & (first != 33)  # not '?', not '!'
    selfclose = padded[end - 1] == 47
    opening = is_elem & ~selfclose
    delta = opening.astype(np.int32) - is_close.astype(np.int32)
    depth_after = np.cumsum(delta, dtype=np.int32)
    depth = depth_after - delta
    if depth_after.min() < 0:
        pos = int(lt[np.argmax(depth_after < 0)])
        raise LogError("malformed XML: closing tag without opening tag", source, line_of(data, pos))
    elem_idx = np.flatnonzero(is_elem)
    if len(elem_idx) == 0 or not data.startswith(b"log", int(lt[elem_idx[0]]) + 1):
        at = int(lt[elem_idx[0]]) + 1 if len(elem_idx) else 0
        root = data[at : at + 40].split()[0].split(b">")[0] if len(elem_idx) else b"?"
        raise LogError(
            f"not XES: root element is <{root.decode(errors='replace')}>, not <log>",
            source=source,
            line=line_of(data, int(lt[elem_idx[0]])) if len(elem_idx) else 1,
        )
    if depth_after[-1] != 0:
        raise LogError(
            "document ends before </log> (truncated file?)", source, line=line_of(data, size)
        )
    if (is_elem & (depth == 0)).sum() != 1:
        pos = int(lt[is_elem & (depth == 0)][1])
        raise LogError("malformed XML: content after the root element", source, line_of(data, pos))

    # Byte k after the tag name start, taken from the word we already gathered.
    after = [(head8 >> np.uint64(8 * k)).astype(np.uint8) for k in range(8)]
    close8 = head8 >> np.uint64(8)
    trace_open = is_elem & _name_is(head8, after[5], b"trace")
    event_open = is_elem & _name_is(head8, after[5], b"event")
    trace_close = is_close & _name_is(close8, after[6], b"trace")
    event_close = is_close & _name_is(close8, after[6], b"event")
    in_trace = np.cumsum(trace_open & ~selfclose, dtype=np.int32) - np.cumsum(
        trace_close, dtype=np.int32
    )
    in_event = np.cumsum(event_open & ~selfclose, dtype=np.int32) - np.cumsum(
        event_close, dtype=np.int32
    )
    if in_trace.max(initial=0) > 1 or in_event.max(initial=0) > 1:
        pos = int(lt[np.argmax((in_trace > 1) | (in_event > 1))])
        raise LogError("malformed XES: nested <trace> or <event>", source, line_of(data, pos))
    trace_no = np.cumsum(trace_open, dtype=np.int64) - 1
    event_no = np.cumsum(event_open, dtype=np.int64) - 1
    n_traces = int(trace_open.sum())
    n_events = int(event_open.sum())
    event_trace = np.where(in_trace[event_open] == 1, trace_no[event_open], -1)
    if (event_trace < 0).any():
        pos = int(lt[event_open][np.argmax(event_trace < 0)])
        raise LogError("malformed XES: <event> outside a <trace>", source, line_of(data, pos))

    # Owner depth: the trace or event that directly holds an attribute sits one level up.
    trace_depth = np.zeros(max(n_traces, 1), np.int32)
    trace_depth[:n_traces] = depth[trace_open]
    event_depth = np.zeros(max(n_events, 1), np.int32)
    event_depth[:n_events] = depth[event_open]
    types = np.zeros(len(lt), np.int8)
    for name, code in ATTR_TYPES.items():
        types[is_elem & _name_is(head8, after[len(name)], name)] = code
    is_attr = types > 0
    ev_attr = is_attr & (in_event == 1) & (depth == event_depth[np.maximum(event_no, 0)] + 1)
    tr_attr = (
        is_attr
        & (in_trace == 1)
        & (in_event == 0)
        & (depth == trace_depth[np.maximum(trace_no, 0)] + 1)
    )
    sel = np.flatnonzero(ev_attr | tr_attr)
    quotes = np.flatnonzero(np.equal(buf, 34, out=scratch))
    del scratch
    qi = np.searchsorted(quotes, lt[sel])
    if len(sel) and (qi.max() + 3 >= len(quotes)):
        return None
    q = np.stack([quotes[qi + j] for j in range(4)]) if len(sel) else np.zeros((4, 0), np.int64)
    ok = (q[3] < end[sel]) if len(sel) else np.ones(0, bool)
    ok &= u4[q[0] - 4] == np.uint32(_word(b"key="))
    ok &= (u8[q[2] - 6] & np.uint64(0xFFFFFFFFFFFF)) == np.uint64(_word(b"value="))
    ok &= _SPACE_TABLE[padded[q[0] - 5]] & _SPACE_TABLE[padded[q[2] - 7]]
    if not ok.all():
        return None
    keys = _views(padded, u8, u4, q[0] + 1, q[1] - q[0] - 1)
    values = _views(padded, u8, u4, q[2] + 1, q[3] - q[2] - 1)
    level = ev_attr[sel].astype(np.int8)
    owner = np.where(level == 1, event_no[sel], trace_no[sel])
    frame = pl.DataFrame(
        {
            "level": level,
            "owner": owner,
            "key": keys,
            "value": values,
            "type": types[sel],
            "pos": lt[sel],
        }
    )
    return Records(frame, n_traces, n_events, event_trace)
