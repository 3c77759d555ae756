# SPDX-License-Identifier: MPL-2.0
"""XES (IEEE 1849) reader: plain or gzipped, typed attributes, trace attributes as ``case:``.

The result is a flat Polars frame in file order with pm4py's column names
(``case:concept:name``, ``concept:name``, ``time:timestamp``, ...), so that the mapping to
the store is the same for every source.
"""

from __future__ import annotations

import gzip
import os
import re
import zlib
from io import BytesIO
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from lxml import etree

from procesmine import _xmltok
from procesmine.errors import LogError

_igzip: Any
try:  # ISA-L inflates about 1.5x faster than zlib; optional.
    from isal import igzip as _igzip
except ImportError:  # pragma: no cover - depends on the environment
    _igzip = None

_ENC_RE = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ISO_FORMAT = "%Y-%m-%dT%H:%M:%S%.f%:z"


def read_padded(path: str | Path) -> bytearray:
    """The file as UTF-8 (gunzipped when it is gzip) followed by ``_xmltok.PAD`` zero bytes.

    The padding lets the scanner read whole words at any position; plain UTF-8 files are
    read straight into the padded buffer, because every fresh copy of a large file costs
    page faults."""
    source = str(path)
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            buf = bytearray(size + _xmltok.PAD)
            got = fh.readinto(memoryview(buf)[:size])
    except OSError as exc:
        raise LogError(f"cannot read file: {exc.strerror or exc}", source) from exc
    if got != size:
        raise LogError("file changed while reading", source)
    head = bytes(buf[:200])
    data: bytes | None = None
    if head[:2] == b"\x1f\x8b":
        raw = bytes(memoryview(buf)[:size])
        try:
            data = _igzip.decompress(raw) if _igzip is not None else gzip.decompress(raw)
        except (EOFError, OSError, zlib.error) as exc:
            raise LogError(f"truncated or corrupt gzip data ({exc})", source) from exc
        head = data[:200]
    if head.startswith(b"\xef\xbb\xbf"):
        data = (data if data is not None else bytes(memoryview(buf)[:size]))[3:]
    elif head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data if data is not None else bytes(memoryview(buf)[:size])
        data = text.decode("utf-16").encode("utf-8")
    m = _ENC_RE.match(data[:200] if data is not None else head)
    if m and m.group(1).lower() not in (b"utf-8", b"utf8", b"us-ascii", b"ascii"):
        text = data if data is not None else bytes(memoryview(buf)[:size])
        try:
            data = text.decode(m.group(1).decode()).encode("utf-8")
        except (LookupError, UnicodeDecodeError) as exc:
            raise LogError(f"cannot decode declared encoding: {exc}", source) from exc
    if data is None:
        return buf
    out = bytearray(len(data) + _xmltok.PAD)
    out[: len(data)] = data
    return out


def _slow_records(data: bytes, source: str) -> _xmltok.Records:
    """General path with a hardened lxml parser (no entities, no network, no huge trees)."""
    dtd = re.search(rb"<!(?:DOCTYPE|ENTITY)", data)
    if dtd:
        raise LogError(
            "document type declarations (DTD, entities) are refused in XES input",
            source,
            _xmltok.line_of(data, dtd.start()),
        )
    parser_kw = {
        "events": ("start", "end"),
        "resolve_entities": False,
        "no_network": True,
        "huge_tree": False,
        "load_dtd": False,
        "remove_comments": True,
    }
    levels: list[int] = []
    owners: list[int] = []
    keys: list[str] = []
    values: list[str | None] = []
    types: list[int] = []
    lines: list[int] = []
    event_trace: list[int] = []
    n_traces = -1
    stack: list[str] = []
    type_codes = {k.decode(): v for k, v in _xmltok.ATTR_TYPES.items()}
    try:
        for ev, el in etree.iterparse(BytesIO(data), **parser_kw):  # type: ignore[call-overload]
            tag = etree.QName(el).localname
            if ev == "start":
                if not stack and tag != "log":
                    raise LogError(
                        f"not XES: root element is <{tag}>, not <log>", source, el.sourceline
                    )
                parent = stack[-1] if stack else ""
                if tag == "trace":
                    n_traces += 1
                elif tag == "event":
                    if parent != "trace":
                        raise LogError(
                            "malformed XES: <event> outside a <trace>", source, el.sourceline
                        )
                    event_trace.append(n_traces)
                elif tag in type_codes and parent in ("trace", "event"):
                    levels.append(1 if parent == "event" else 0)
                    owners.append(len(event_trace) - 1 if parent == "event" else n_traces)
                    keys.append(el.get("key"))
                    values.append(el.get("value"))
                    types.append(type_codes[tag])
                    lines.append(el.sourceline or 0)
                stack.append(tag)
            else:
                stack.pop()
                if tag != "log" and len(stack) <= 1:
                    el.clear()
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        raise LogError(f"not well-formed XML: {exc.msg}", source, line) from exc
    frame = pl.DataFrame(
        {
            "level": levels,
            "owner": owners,
            "key": keys,
            "value": values,
            "type": types,
            "pos": lines,
        },
        schema={
            "level": pl.Int8,
            "owner": pl.Int64,
            "key": pl.String,
            "value": pl.String,
            "type": pl.Int8,
            "pos": pl.Int64,
        },
    )
    return _xmltok.Records(
        frame, n_traces + 1, len(event_trace), np.array(event_trace, dtype=np.int64)
    )


def _unescape(col: pl.Expr) -> pl.Expr:
    """Decode the predefined XML entities; numeric references are rare and handled apart."""
    decoded = (
        col.str.replace_all("&lt;", "<", literal=True)
        .str.replace_all("&gt;", ">", literal=True)
        .str.replace_all("&quot;", '"', literal=True)
        .str.replace_all("&apos;", "'", literal=True)
    )
    return pl.when(col.str.contains("&", literal=True)).then(decoded).otherwise(col)


def _numeric_refs(s: pl.Series) -> pl.Series:
    """Decode ``&#..;`` references, looping over the few distinct values that have them."""
    has = s.str.contains("&#", literal=True).fill_null(False)
    if not has.any():
        return _amp(s)

    def fix(v: str) -> str:
        v = re.sub(r"&#x([0-9A-Fa-f]+);", lambda m: chr(int(m.group(1), 16)), v)
        return re.sub(r"&#([0-9]+);", lambda m: chr(int(m.group(1))), v)

    uniq = s.filter(has).unique().to_list()
    mapping = {v: fix(v) for v in uniq}
    return _amp(s.replace(mapping))


def _amp(s: pl.Series) -> pl.Series:
    fixed = s.str.replace_all("&amp;", "&", literal=True)
    return pl.select(
        pl.when(s.str.contains("&", literal=True)).then(fixed).otherwise(s).alias(s.name)
    ).to_series()


def parse_iso(col: pl.Expr) -> pl.Expr:
    """ISO 8601 strings to UTC; naive values are read as UTC (as pm4py does)."""
    s = col.str.strip_chars().str.replace(r"[Zz]$", "+00:00").str.replace(" ", "T")
    s = s.str.replace(r"([+-]\d\d)(\d\d)$", "$1:$2")
    s = s.str.replace(r"T(\d\d:\d\d)$", "T$1:00").str.replace(r"T(\d\d:\d\d)([+-])", "T$1:00$2")
    norm = pl.when(s.str.contains(r"[+-]\d\d:\d\d$")).then(s).otherwise(s + "+00:00")
    return norm.str.to_datetime(_ISO_FORMAT, time_zone="UTC", time_unit="us", strict=False)


def _typed(values: pl.Series, code: int) -> pl.Series:
    if code == 2:
        fast = values.str.to_datetime(_ISO_FORMAT, time_zone="UTC", time_unit="us", strict=False)
        if fast.null_count() == values.null_count():
            return fast
        return values.to_frame().select(parse_iso(pl.col(values.name))).to_series()
    if code == 3:
        return values.str.strip_chars().cast(pl.Int64, strict=False)
    if code == 4:
        return values.str.strip_chars().cast(pl.Float64, strict=False)
    if code == 5:
        low = values.str.strip_chars().str.to_lowercase()
        return (
            pl.select(
                pl.when(low == "true")
                .then(True)
                .when(low == "false")
                .then(False)
                .otherwise(None)
                .alias(values.name)
            ).to_series()
            if len(values)
            else values.cast(pl.Boolean)
        )
    return values


def _pivot(
    rec: pl.DataFrame, n_owners: int, prefix: str, data: bytearray | None, source: str, slow: bool
) -> pl.DataFrame:
    """Long attribute records to one typed column per key, one row per owner."""
    base = pl.DataFrame({"owner": np.arange(n_owners, dtype=np.int64)})
    if rec.height == 0:
        return base
    parts = rec.select("key", "owner", "value", "type").partition_by(
        "key", as_dict=True, maintain_order=True
    )
    wide_cols: dict[str, pl.Series] = {"owner": base["owner"]}
    kinds: list[tuple[str, list[int]]] = []
    for (key,), part in parts.items():  # one step per attribute key
        kinds.append((str(key), part["type"].unique().to_list()))
        own = part["owner"].to_numpy()
        if len(own) == n_owners and (len(own) < 2 or bool(np.all(np.diff(own) == 1))):
            wide_cols[key] = part["value"].alias(key)  # every owner once, in order
        else:
            part = part.select("owner", pl.col("value").alias(key))
            part = part.unique("owner", keep="last", maintain_order=True)
            joined = base.join(part, on="owner", how="left", maintain_order="left")
            wide_cols[key] = joined[key]
    wide = pl.DataFrame(wide_cols)
    cols = [wide["owner"]]
    for key, codes in kinds:
        raw = wide[key]
        code = codes[0] if len(codes) == 1 else 1  # mixed types stay strings
        typed = _typed(raw, code)
        bad = typed.is_null() & raw.is_not_null()
        if bad.any():
            owner = int(wide["owner"].filter(bad)[0])
            what = raw.filter(bad)[0]
            pos_row = rec.filter((pl.col("owner") == owner) & (pl.col("key") == key))["pos"]
            pos = int(pos_row[0]) if len(pos_row) else 0
            line = pos if slow else (_xmltok.line_of(data, pos) if data is not None else None)
            raise LogError(
                f"attribute {key!r}: cannot read {what!r} as {_xmltok.TYPE_NAMES[code]}",
                source,
                line,
            )
        cols.append(typed.alias(prefix + key))
    return pl.DataFrame(cols)


def read_xes(path: str | Path, *, parser: str = "auto") -> pl.DataFrame:
    """Read an XES file into a flat frame (one row per event, file order).

    ``parser="auto"`` uses the vectorised scanner and falls back to hardened lxml for
    documents outside its shape (CDATA, unusual attribute layout); ``"lxml"`` forces the
    latter (used by the tests to check that both agree)."""
    source = str(path)
    data = read_padded(path)
    if not bytes(data[:4096]).strip(b" \t\r\n\0").startswith(b"<"):
        raise LogError("not XML: the file does not start with '<'", source, 1)
    if parser not in ("auto", "lxml"):
        raise LogError(f"unknown XES parser {parser!r}", source)
    rec = _xmltok.scan(data, source) if parser == "auto" else None
    slow = rec is None
    if rec is None:
        rec = _slow_records(bytes(memoryview(data)[: len(data) - _xmltok.PAD]), source)
    if rec.n_events == 0:
        raise LogError("empty log: no events", source)
    frame = rec.frame
    has_refs = slow or data.find(b"&") >= 0  # most logs have no entity at all
    for col in ("key", "value"):
        if has_refs and frame[col].str.contains("&", literal=True).any():
            frame = frame.with_columns(_unescape(pl.col(col)))
            frame = frame.with_columns(_numeric_refs(frame[col]).alias(col))
    events = _pivot(
        frame.filter(pl.col("level") == 1).drop("level"), rec.n_events, "", data, source, slow
    )
    traces = _pivot(
        frame.filter(pl.col("level") == 0).drop("level"), rec.n_traces, "case:", data, source, slow
    )
    if "case:concept:name" not in traces.columns:
        traces = traces.with_columns(pl.col("owner").cast(pl.String).alias("case:concept:name"))
    else:
        traces = traces.with_columns(
            pl.col("case:concept:name").cast(pl.String).fill_null(pl.col("owner").cast(pl.String))
        )
    case_cols = traces.drop("owner")[rec.event_trace]
    return pl.concat([events.drop("owner"), case_cols], how="horizontal")
