# SPDX-License-Identifier: MPL-2.0
"""XES (IEEE 1849) reader: plain or gzipped, typed attributes, trace attributes as ``case:``.

The result is a flat Polars frame in file order with pm4py's column names
(``case:concept:name``, ``concept:name``, ``time:timestamp``, ...), so that the mapping to
the store is the same for every source.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import numpy as np
import polars as pl
from lxml import etree

from procesmine import _xmltok, gunzip
from procesmine.errors import LogError

_ENC_RE = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ISO_FORMAT = "%Y-%m-%dT%H:%M:%S%.f%:z"


def read_padded(path: str | Path, max_decompressed_bytes: int | None = None) -> bytearray:
    """The file as UTF-8 (gunzipped when it is gzip) followed by ``_xmltok.PAD`` zero bytes.

    The padding lets the scanner read whole words at any position; plain UTF-8 files are
    read straight into the padded buffer, because every fresh copy of a large file costs
    page faults. Gzip is unpacked up to ``max_decompressed_bytes`` (see ``gunzip``)."""
    source = str(path)
    try:
        with open(path, "rb") as fh:
            packed = fh.read(2) == gunzip.MAGIC
            if not packed:
                fh.seek(0)
                size = os.fstat(fh.fileno()).st_size
                buf = bytearray(size + _xmltok.PAD)
                got = fh.readinto(memoryview(buf)[:size])
    except OSError as exc:
        raise LogError(f"cannot read file: {exc.strerror or exc}", source) from exc
    if packed:
        buf = gunzip.gunzip(path, max_decompressed_bytes, pad=_xmltok.PAD)
        size = len(buf) - _xmltok.PAD
    elif got != size:
        raise LogError("file changed while reading", source)
    head = bytes(buf[:200])
    data: bytes | None = None
    if head.startswith(b"\xef\xbb\xbf"):
        del buf[:3]  # O(1) for a bytearray
        size -= 3
        head = head[3:]
    elif head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            data = bytes(memoryview(buf)[:size]).decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            raise LogError(f"cannot decode UTF-16 text: {exc}", source) from exc
        head = data[:200]
    m = _ENC_RE.match(head)
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


_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)")


def _first_dtd(data: bytes) -> int:
    """Position of the first DOCTYPE or ENTITY declaration outside comments, or -1."""
    for m in _DTD.finditer(data):
        opened = data.rfind(b"<!--", 0, m.start())
        if opened < 0 or data.find(b"-->", opened + 4) < m.start():
            return m.start()
    return -1


def _slow_records(data: bytes, source: str) -> _xmltok.Records:
    """General path with a hardened lxml parser (no entities, no network, no huge trees).

    ``data`` is UTF-8 whatever the declaration says (``read_padded`` converted it)."""
    dtd = _first_dtd(data)
    if dtd >= 0:
        raise LogError(
            "document type declarations (DTD, entities) are refused in XES input",
            source,
            _xmltok.line_of(data, dtd),
        )
    parser_kw = {
        "events": ("start", "end"),
        "resolve_entities": False,
        "no_network": True,
        "huge_tree": False,
        "load_dtd": False,
        "remove_comments": True,
        "encoding": "utf-8",
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
            tag = el.tag
            if tag[0] == "{":
                tag = tag.partition("}")[2]
            elif ":" in tag:  # lxml reports the undeclared prefix only at the end
                raise LogError(
                    f"not well-formed XML: namespace prefix of <{tag}> is not declared",
                    source,
                    el.sourceline,
                )
            if ev == "start":
                if not stack and tag != "log":
                    raise LogError(
                        f"not XES: root element is <{tag}>, not <log>", source, el.sourceline
                    )
                parent = stack[-1] if stack else ""
                if tag == "trace":
                    if "trace" in stack or "event" in stack:
                        raise LogError(
                            "malformed XES: nested <trace> or <event>", source, el.sourceline
                        )
                    n_traces += 1
                elif tag == "event":
                    if parent != "trace":
                        raise LogError(
                            "malformed XES: <event> outside a <trace>", source, el.sourceline
                        )
                    event_trace.append(n_traces)
                elif tag in type_codes and parent in ("trace", "event"):
                    key = el.get("key")
                    if key is None:
                        raise LogError(
                            f"malformed XES: <{tag}> without a key", source, el.sourceline
                        )
                    levels.append(1 if parent == "event" else 0)
                    owners.append(len(event_trace) - 1 if parent == "event" else n_traces)
                    keys.append(key)
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


_REFERENCE = re.compile(r"&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|(lt|gt|amp|quot|apos));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


class _BadReference(ValueError):
    pass


def _reference(m: re.Match[str]) -> str:
    if m.group(3):
        return _NAMED[m.group(3)]
    code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
    if not _xmltok.valid_char(code):
        raise _BadReference(m.group())
    return chr(code)


def _decode(s: pl.Series, pos: pl.Series, data: bytearray, source: str) -> pl.Series:
    """Decode XML references in keys or values of the fast path (one pass, so that
    ``&amp;lt;`` stays ``&lt;`` and ``&#38;amp;`` stays ``&amp;``).

    Only the strings with a '&' are touched. Named references alone are replaced
    column-wise; strings with ``&#`` (rare) are decoded once per distinct string, where a
    reference to a character XML does not allow (``&#0;``, ``&#xD800;``, ``&#99999999;``)
    is refused with its line (the scanner refuses them first)."""
    where = s.str.contains("&", literal=True).fill_null(False).arg_true()
    if not len(where):
        return s
    part = s.gather(where)
    numeric = part.str.contains("&#", literal=True)
    named = (
        part.str.replace_all("&lt;", "<", literal=True)
        .str.replace_all("&gt;", ">", literal=True)
        .str.replace_all("&quot;", '"', literal=True)
        .str.replace_all("&apos;", "'", literal=True)
        .str.replace_all("&amp;", "&", literal=True)
    )
    if numeric.any():
        mapping: dict[str, str] = {}
        for v in part.filter(numeric).unique().to_list():
            try:
                mapping[v] = _REFERENCE.sub(_reference, v)
            except _BadReference as exc:
                at = int(pos.gather(where).filter(part == v)[0])
                raise LogError(
                    f"character reference {exc} is not a character XML allows",
                    source,
                    _xmltok.line_of(data, at),
                ) from None
        named = pl.select(
            pl.when(numeric).then(part.replace(mapping)).otherwise(named).alias(s.name)
        ).to_series()
    return s.clone().scatter(where, named)


def _normalise_whitespace(s: pl.Series) -> pl.Series:
    """XML reads a literal tab, line break or carriage return in an attribute value as a
    space (a CR LF pair as one), as lxml does."""
    raw = s.str.contains(r"[\t\n\r]").fill_null(False)
    if not raw.any():
        return s
    fixed = s.str.replace_all("\r\n", " ", literal=True).str.replace_all(r"[\t\n\r]", " ")
    return pl.select(pl.when(raw).then(fixed).otherwise(s).alias(s.name)).to_series()


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


# The owner column of the wide frames: a name no attribute key can have (XML text holds
# no NUL, not even as a character reference), so a key "owner" is just another column.
_OWNER = "\x00owner"


def _pivot(
    rec: pl.DataFrame, n_owners: int, prefix: str, data: bytearray | None, source: str, slow: bool
) -> pl.DataFrame:
    """Long attribute records to one typed column per key, one row per owner."""
    base = pl.DataFrame({_OWNER: np.arange(n_owners, dtype=np.int64)})
    if rec.height == 0:
        return base
    parts = rec.select("key", "owner", "value", "type").partition_by(
        "key", as_dict=True, maintain_order=True
    )
    wide_cols: dict[str, pl.Series] = {_OWNER: base[_OWNER]}
    kinds: list[tuple[str, list[int]]] = []
    for (key,), part in parts.items():  # one step per attribute key
        kinds.append((str(key), part["type"].unique().to_list()))
        own = part["owner"].to_numpy()
        if len(own) == n_owners and (len(own) < 2 or bool(np.all(np.diff(own) == 1))):
            wide_cols[key] = part["value"].alias(key)  # every owner once, in order
        else:
            part = part.select(pl.col("owner").alias(_OWNER), pl.col("value").alias(key))
            part = part.unique(_OWNER, keep="last", maintain_order=True)
            joined = base.join(part, on=_OWNER, how="left", maintain_order="left")
            wide_cols[key] = joined[key]
    wide = pl.DataFrame(wide_cols)
    cols = [wide[_OWNER]]
    for key, codes in kinds:
        raw = wide[key]
        code = codes[0] if len(codes) == 1 else 1  # mixed types stay strings
        typed = _typed(raw, code)
        bad = typed.is_null() & raw.is_not_null()
        if bad.any():
            owner = int(wide[_OWNER].filter(bad)[0])
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


@dataclass
class _Parsed:
    rec: _xmltok.Records  # keys and values decoded
    data: bytearray
    slow: bool  # read by lxml: ``pos`` is a line number, not a byte offset


def _parse(path: str | Path, parser: str, max_decompressed_bytes: int | None) -> _Parsed:
    source = str(path)
    data = read_padded(path, max_decompressed_bytes)
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
    if not slow:  # lxml has decoded references and normalised whitespace already
        frame = rec.frame
        has_refs = data.find(b"&") >= 0  # most logs have no reference at all
        for col in ("key", "value"):
            s = frame[col]
            if rec.raw_whitespace:
                s = _normalise_whitespace(s)
            if has_refs:
                s = _decode(s, frame["pos"], data, source)
            frame = frame.with_columns(s)
        rec.frame = frame
    return _Parsed(rec, data, slow)


def read_records(
    path: str | Path, *, parser: str = "auto", max_decompressed_bytes: int | None = None
) -> _xmltok.Records:
    """The attributes of an XES file's traces and events, decoded, in file order, before
    they are typed and pivoted (what ``read_xes`` builds its frame from)."""
    return _parse(path, parser, max_decompressed_bytes).rec


def read_xes(
    path: str | Path, *, parser: str = "auto", max_decompressed_bytes: int | None = None
) -> pl.DataFrame:
    """Read an XES file into a flat frame (one row per event, file order).

    ``parser="auto"`` uses the vectorised scanner and falls back to hardened lxml for
    documents outside its shape (CDATA, namespace prefixes, unusual attribute layout);
    ``"lxml"`` forces the latter (used by the tests to check that both agree). Gzip is
    unpacked up to ``max_decompressed_bytes`` (default: ``PROCESMINE_MAX_DECOMPRESSED_BYTES``
    or 4 GiB)."""
    source = str(path)
    parsed = _parse(path, parser, max_decompressed_bytes)
    rec, data, slow = parsed.rec, parsed.data, parsed.slow
    frame = rec.frame
    events = _pivot(
        frame.filter(pl.col("level") == 1).drop("level"), rec.n_events, "", data, source, slow
    )
    traces = _pivot(
        frame.filter(pl.col("level") == 0).drop("level"), rec.n_traces, "case:", data, source, slow
    )
    if "case:concept:name" not in traces.columns:
        traces = traces.with_columns(pl.col(_OWNER).cast(pl.String).alias("case:concept:name"))
    else:
        traces = traces.with_columns(
            pl.col("case:concept:name").cast(pl.String).fill_null(pl.col(_OWNER).cast(pl.String))
        )
    case_cols = traces.drop(_OWNER)[rec.event_trace]
    events = events.drop(_OWNER)
    clash = [c for c in case_cols.columns if c in events.columns]
    if clash:
        raise LogError(
            f"event attribute {clash[0]!r} has the name the trace attribute "
            f"{clash[0].removeprefix('case:')!r} gets as a case attribute",
            source,
        )
    return pl.concat([events, case_cols], how="horizontal")
