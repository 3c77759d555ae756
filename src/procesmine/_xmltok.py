# SPDX-License-Identifier: MPL-2.0
"""Vectorised scanner for XES documents.

XES keeps all data in attributes of empty elements (``<string key=".." value=".."/>``), so
the document is a flat list of tags. We find every ``<`` and ``>`` with NumPy, classify the
tags by their first bytes, track nesting with cumulative sums and cut keys and values out
of the buffer as Arrow string views (no copy per value).

The scanner accepts only well-formed XML, as lxml would: every tag of the common shapes
(``<event>``, ``</trace>``, ``<string key="k" value="v"/>``) is checked with a few array
operations, the rare others one by one against the XML grammar; closing tags must match
their opening tags; text may hold only the characters XML allows and references such as
``&amp;`` or ``&#233;`` that name a real character. Where it is sure the document is not
well-formed it raises ``LogError`` with the line. Anything outside the shapes it checks
(CDATA, namespace prefixes, processing instructions, unusual attribute layouts) returns
``None`` so that the caller can use the hardened lxml path instead. DTDs are refused
outright: XES has none, and that is where entity-expansion bombs live.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

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
_BLOCK = 1 << 18  # bytes per pass of the character checks (stays in the CPU cache)


@dataclass
class Records:
    """Attributes of traces (level 0) and events (level 1) in document order."""

    frame: pl.DataFrame  # level, owner, key, value, type, pos
    n_traces: int
    n_events: int
    event_trace: np.ndarray  # trace index of every event
    # Some key or value may hold a literal tab, newline or carriage return, which XML
    # reads as a space (attribute-value normalisation); the caller normalises them.
    raw_whitespace: bool = False


def line_of(data: bytes | bytearray, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


_TERM_TABLE = np.zeros(256, bool)
_TERM_TABLE[_TERMINATORS] = True
_LO_MASKS = np.array([(1 << (8 * k)) - 1 for k in range(9)], np.uint64)
_HI_MASKS = np.array([(1 << (8 * k)) - 1 for k in range(5)], np.uint32)
_SPACE_TABLE = np.zeros(256, bool)
_SPACE_TABLE[_TERMINATORS[:4]] = True
# Element names that matter, found by their first two bytes (all differ) in one lookup:
# codes 1..6 are the attribute types, then trace and event.
_TRACE, _EVENT = 7, 8
_NAMES = [*ATTR_TYPES, b"trace", b"event"]
_NAME_LUT = np.zeros(1 << 16, np.int64)
_NAME_WORD = np.ones(len(_NAMES) + 1, np.uint64)  # code 0 never matches (mask 0, word 1)
_NAME_MASK = np.zeros(len(_NAMES) + 1, np.uint64)
_NAME_LEN = np.zeros(len(_NAMES) + 1, np.int64)
for _code, _name in enumerate(_NAMES, 1):
    _NAME_LUT[_name[0] | _name[1] << 8] = _code
    _NAME_WORD[_code] = int.from_bytes(_name, "little")
    _NAME_MASK[_code] = (1 << (8 * len(_name))) - 1
    _NAME_LEN[_code] = len(_name)
_M6 = np.uint64((1 << 48) - 1)
_KEY_WORD = np.uint64(int.from_bytes(b' key="', "little"))
_VALUE_WORD = np.uint64(int.from_bytes(b' value="', "little"))

# The XML grammar for the tags the array checks leave over (ASCII names without a
# namespace prefix; anything else goes to lxml). Attribute values may not hold '<'; '&' is
# checked for the whole document at once.
_S = rb"[ \t\r\n]"
_NAME = rb"[A-Za-z_][A-Za-z0-9._\-]*"


def _grammar(pattern: bytes) -> re.Pattern[bytes]:
    """Compile ``pattern`` with {S} (white space), {NAME} (an element name), {ANAME} (an
    attribute name, perhaps with a prefix), {VALUE} (a quoted value) and {ENC} (an
    encoding name) filled in."""
    parts = {
        b"{S}": _S,
        b"{NAME}": _NAME,
        b"{ANAME}": _NAME + rb"(?::" + _NAME + rb")?",
        b"{VALUE}": rb"(?:\"[^<\"]*\"|'[^<']*')",
        b"{ENC}": rb"[A-Za-z][A-Za-z0-9._\-]*",
    }
    for name, part in parts.items():
        pattern = pattern.replace(name, part)
    return re.compile(pattern)


_START_TAG = _grammar(rb"<({NAME})((?:{S}+{ANAME}{S}*={S}*{VALUE})*){S}*/?>")
_END_TAG = _grammar(rb"</({NAME}){S}*>")
_ATTRIBUTE = _grammar(rb"{S}+({ANAME}){S}*={S}*(?:\"([^<\"]*)\"|'([^<']*)')")
_XML_DECL = _grammar(
    rb"<\?xml{S}+version{S}*={S}*(?:\"1\.[01]\"|'1\.[01]')"
    rb"(?:{S}+encoding{S}*={S}*(?:\"{ENC}\"|'{ENC}'))?"
    rb"(?:{S}+standalone{S}*={S}*(?:\"(?:yes|no)\"|'(?:yes|no)'))?{S}*\?>"
)
# What may stand before and after the root element (the declaration is checked above).
_MISC = re.compile(rb"(?:" + _S + rb"+|<!--.*?-->)*", re.S)
_PROLOG = re.compile(rb"(?:<\?xml[^>]*\?>)?" + _MISC.pattern, re.S)
# Namespace names we are sure lxml takes (absolute URIs of plain characters).
_SIMPLE_URI = re.compile(rb"[A-Za-z][A-Za-z0-9+.\-]*:[A-Za-z0-9._~:/?#@!$()*+,;=%\-]*\Z")
_RESERVED_NS = (b"http://www.w3.org/XML/1998/namespace", b"http://www.w3.org/2000/xmlns/")


def _unaligned(padded: np.ndarray, dtype: str) -> np.ndarray:
    """Read a little-endian word starting at every byte (strided view, no copy)."""
    n = len(padded) - np.dtype(dtype).itemsize + 1
    return np.ndarray((n,), dtype=dtype, buffer=padded, offset=0, strides=(1,))


def _word(text: bytes) -> int:
    return int.from_bytes(text, "little")


def _views(
    bufs: list[pa.Buffer], u8: np.ndarray, starts: np.ndarray, lens: np.ndarray
) -> tuple[pa.Array, bool]:
    """Arrow string views over ``padded`` for the given spans, and whether a span holds
    a byte below 0x20 (a tab or line break: XML reads it as a space)."""
    n = len(starts)
    # Short strings live inline in the view (bytes beyond the length must be zero);
    # longer ones keep a 4-byte prefix, a buffer number and an offset.
    lo = u8[starts]
    hi = (u8[starts + 8] & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    lo_mask = _LO_MASKS[np.minimum(lens, 8)]
    hi_mask = _HI_MASKS[np.clip(lens - 8, 0, 4)]
    short = lens <= 12
    views = np.empty((n, 4), "<u4")
    views[:, 0] = lens
    lo_short = lo & lo_mask
    views[:, 1] = lo_short
    long_ = np.flatnonzero(~short)
    views[:, 2] = lo_short >> np.uint64(32)
    views[:, 3] = hi & hi_mask
    # Control bytes among the first 12 (bytes past the end set to 0xFF), then the rest.
    control = bool(((lo | ~lo_mask).view(np.uint8) < 32).any())
    control = control or bool(((hi | ~hi_mask).view(np.uint8) < 32).any())
    rest_at, rest_len = starts[long_] + 12, lens[long_] - 12
    while not control and len(rest_at):
        word = u8[rest_at] | ~_LO_MASKS[np.minimum(rest_len, 8)]
        control = bool((word.view(np.uint8) < 32).any())
        more = rest_len > 8
        rest_at, rest_len = rest_at[more] + 8, rest_len[more] - 8
    views[long_, 2] = starts[long_] >> _CHUNK_BITS
    views[long_, 3] = starts[long_] & ((1 << _CHUNK_BITS) - 1)
    arr = pa.Array.from_buffers(pa.string_view(), n, [None, pa.py_buffer(views), *bufs])
    return arr, control


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
    root_start: int = -1  # position of '<log' and of the '>' that ends the root element
    root_end: int = -1
    raw_whitespace: bool = False
    # Name (start, length) of every element still open, outermost first.
    open_start: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    open_len: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    # Reused buffers for the byte checks (one scan's own, so scans can run in threads).
    scratch_flags: np.ndarray = field(default_factory=lambda: np.empty(_BLOCK, bool))
    scratch_bytes: np.ndarray = field(default_factory=lambda: np.empty(_BLOCK, np.uint8))


def _err(message: str, data: bytearray, pos: int, source: str) -> LogError:
    return LogError(message, source, line_of(data, pos))


# ------------------------------------------------------------------ characters


def _check_characters(
    data: bytearray, padded: np.ndarray, buf: np.ndarray, lo: int, st: _State, source: str
) -> bool:
    """Raise for bytes XML forbids anywhere (control characters, invalid UTF-8, U+FFFE,
    U+FFFF) in ``buf`` (the chunk at ``lo``). False when the chunk holds ']]>', which is
    an error in text but not in attribute values or comments: lxml decides."""
    # Below 0x20 only tab, LF and CR: count them against all bytes below 0x20 (tab and CR
    # are the bytes that are 9 with bit 2 cleared), a block at a time while it is cached.
    low = allowed = 0
    flags, scratch = st.scratch_flags, st.scratch_bytes
    for at in range(0, len(buf), _BLOCK):
        block = buf[at : at + _BLOCK]
        n = len(block)
        low += int(np.count_nonzero(np.less(block, 32, out=flags[:n])))
        allowed += int(np.count_nonzero(np.equal(block, 10, out=flags[:n])))
        np.bitwise_and(block, 0xFB, out=scratch[:n])
        allowed += int(np.count_nonzero(np.equal(scratch[:n], 9, out=flags[:n])))
    if low != allowed:
        bad = (buf < 32) & (buf != 9) & (buf != 10) & (buf != 13)
        pos = lo + int(np.argmax(bad))
        raise _err(
            f"not well-formed XML: control character U+{data[pos]:04X} is not allowed",
            data,
            pos,
            source,
        )
    hi = lo + len(buf)
    if buf.max(initial=0) >= 0x80:
        # Arrow checks UTF-8 with SIMD; Python says where a bad sequence starts.
        offsets = pa.py_buffer(np.array([0, len(buf)], np.int64))
        raw = pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, pa.py_buffer(buf)])
        try:
            raw.cast(pa.large_string())
        except pa.ArrowInvalid:
            try:
                codecs.utf_8_decode(memoryview(data)[lo:hi], "strict", True)
            except UnicodeDecodeError as exc:
                pos = lo + exc.start
            else:  # pragma: no cover - Arrow and Python agree on UTF-8
                pos = lo
            raise _err(
                "not well-formed XML: invalid UTF-8 byte sequence", data, pos, source
            ) from None
        if data.find(b"\xef", lo, hi) >= 0:  # U+FFFE and U+FFFF are EF BF BE and EF BF BF
            lead = lo + np.flatnonzero(buf == 0xEF)
            tail = padded[lead + 1].astype(np.uint16) << 8 | padded[lead + 2]
            bad_char = (tail == 0xBFBE) | (tail == 0xBFBF)
            if bad_char.any():
                raise _err(
                    "not well-formed XML: character U+FFFE or U+FFFF is not allowed",
                    data,
                    int(lead[np.argmax(bad_char)]),
                    source,
                )
    pos = data.find(b"]", lo, hi)
    return pos < 0 or data.find(b"]]>", pos, hi) < 0


_REF_WORDS = [
    (_word(name), np.uint64((1 << (8 * len(name))) - 1))
    for name in (b"lt;", b"gt;", b"amp;", b"apos;", b"quot;")
]
_REF_WIDTH = 12  # bytes after '&#' read at once; longer references are checked one by one
_DIGIT = np.zeros(256, np.int64) - 1
_DIGIT[48:58] = np.arange(10)
_HEX = _DIGIT.copy()
_HEX[97:103] = _HEX[65:71] = np.arange(10, 16)
_NUMERIC_REF = re.compile(rb"&#(?:x([0-9A-Fa-f]+)|([0-9]+));")


def valid_char(code: int) -> bool:
    """Whether XML 1.0 allows the character (also as a reference such as ``&#233;``)."""
    return (
        code in (9, 10, 13)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def _valid_chars(code: np.ndarray) -> np.ndarray:
    return (
        (code == 9)
        | (code == 10)
        | (code == 13)
        | ((code >= 0x20) & (code <= 0xD7FF))
        | ((code >= 0xE000) & (code <= 0xFFFD))
        | ((code >= 0x10000) & (code <= 0x10FFFF))
    )


def _check_references(
    data: bytearray, padded: np.ndarray, u8: np.ndarray, amp: np.ndarray, source: str
) -> None:
    """Every '&' (outside comments) must start ``&lt;``, ``&gt;``, ``&amp;``, ``&apos;``,
    ``&quot;`` or a reference to a character XML allows, as lxml requires."""
    after = u8[amp + 1]
    named = np.zeros(len(amp), bool)
    for word, mask in _REF_WORDS:
        named |= (after & mask) == np.uint64(word)
    numeric = (after & np.uint64(0xFF)) == np.uint64(ord("#"))
    loose = ~(named | numeric)
    if loose.any():
        pos = int(amp[np.argmax(loose)])
        raise _err(
            "not well-formed XML: '&' must start a reference such as &amp; (write '&' as &amp;)",
            data,
            pos,
            source,
        )
    refs = amp[numeric]
    if not len(refs):
        return
    window = padded[refs[:, None] + np.arange(2, 2 + _REF_WIDTH)]
    hexa = window[:, 0] == ord("x")
    semi = window == ord(";")
    found = semi.any(axis=1)
    end = np.argmax(semi, axis=1)  # index of ';' in the window
    col = np.arange(_REF_WIDTH)
    in_digits = (col >= hexa[:, None]) & (col < end[:, None])
    digit = np.where(hexa[:, None], _HEX[window], _DIGIT[window])
    well_formed = found & (end > hexa) & ~(in_digits & (digit < 0)).any(axis=1)
    base = np.where(hexa, 16, 10)[:, None]
    power = np.where(in_digits, base ** np.clip(end[:, None] - 1 - col, 0, None), 0)
    code = (np.maximum(digit, 0) * power).sum(axis=1)
    ok = well_formed & _valid_chars(code)
    for i in np.flatnonzero(~ok).tolist():  # errors, and references longer than the window
        pos = int(refs[i])
        m = _NUMERIC_REF.match(data, pos)
        if m is None:
            text = re.split(rb"[;<\"'\s]", bytes(data[pos + 1 : pos + 16]))[0]
            text = "&" + text.decode(errors="replace") + ";"
            raise _err(
                f"not well-formed XML: malformed character reference {text!r}", data, pos, source
            )
        value = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        if not valid_char(value):
            raise _err(
                f"not well-formed XML: character reference {m.group().decode()} is not a "
                "character XML allows",
                data,
                pos,
                source,
            )


# ------------------------------------------------------------------ tags


def _unusual_tags(
    data: bytearray,
    lt: np.ndarray,
    end: np.ndarray,
    close: np.ndarray,
    types: np.ndarray,
    which: np.ndarray,
    name_len: np.ndarray,
    key_value: np.ndarray,
) -> dict[int, tuple[int, int, int, int]] | None:
    """Check the tags ``which`` one by one against the XML grammar and set their name
    length. Attribute elements that start with ``key="..." value="..."`` are marked in
    ``key_value`` and returned with the positions of those four quotes. None when a tag
    is not in a form the scanner takes (lxml then decides)."""
    quads: dict[int, tuple[int, int, int, int]] = {}
    for i in which.tolist():
        pos = int(lt[i])
        stop = int(end[i]) + 1
        m = (_END_TAG if close[i] else _START_TAG).match(data, pos, stop)
        if m is None or m.end() != stop:
            return None
        name_len[i] = m.end(1) - m.start(1)  # of a closing tag: written over where matched
        if close[i]:
            continue
        seen: set[bytes] = set()
        layout: list[tuple[bytes, int, int]] = []  # name, opening and closing quote
        for a in _ATTRIBUTE.finditer(data, m.start(2), m.end(2)):
            name = a.group(1)
            if name in seen:
                return None  # lxml: attribute redefined
            seen.add(name)
            double = a.group(2) is not None
            if name == b"xmlns" or name.startswith(b"xmlns:"):
                value = a.group(2) if double else a.group(3)
                if (
                    name in (b"xmlns:xml", b"xmlns:xmlns")
                    or not _SIMPLE_URI.match(value)
                    or value in _RESERVED_NS
                ):
                    return None
            elif b":" in name:
                return None  # namespace prefixes: lxml resolves them
            group = 2 if double else 3
            layout.append((name if double else b"'", a.start(group) - 1, a.end(group)))
        if types[i] and [n for n, _, _ in layout[:2]] == [b"key", b"value"]:
            key_value[i] = True
            (_, q0, q1), (_, q2, q3) = layout[:2]
            quads[i] = (q0, q1, q2, q3)
        else:
            key_value[i] = False
    return quads


def _names_match(
    data: bytearray,
    u8: np.ndarray,
    start_a: np.ndarray,
    len_a: np.ndarray,
    start_b: np.ndarray,
    len_b: np.ndarray,
) -> np.ndarray:
    """Whether the names at ``start_a`` and ``start_b`` (with their lengths) are equal."""
    same = len_a == len_b
    n0 = np.minimum(len_a, 8)
    same &= ((u8[start_a] ^ u8[start_b]) & _LO_MASKS[n0]) == 0
    n1 = np.clip(len_a - 8, 0, 8)
    same &= ((u8[start_a + 8] ^ u8[start_b + 8]) & _LO_MASKS[n1]) == 0
    for i in np.flatnonzero(same & (len_a > 16)).tolist():
        a, b, n = int(start_a[i]), int(start_b[i]), int(len_a[i])
        same[i] = data[a : a + n] == data[b : b + n]
    return same


def _match_close_tags(
    data: bytearray,
    u8: np.ndarray,
    lt: np.ndarray,
    opens: np.ndarray,
    closes: np.ndarray,
    depth: np.ndarray,
    depth_after: np.ndarray,
    end: np.ndarray,
    name_len: np.ndarray,
    unusual_close: dict[int, int],
    st: _State,
    source: str,
) -> None:
    """Each closing tag must name the element it closes. Elements at one depth alternate
    open, close, open, ... in document order, so a stable sort by depth puts every
    closing tag right after its opening tag. Updates the stack of open elements."""
    n_carry = len(st.open_start)
    oc = np.flatnonzero(opens | closes)  # document order
    shut = closes[oc]
    level = np.concatenate([np.arange(n_carry), np.where(shut, depth_after[oc], depth[oc])])
    start = np.concatenate([st.open_start, lt[oc] + 1 + shut])
    # A closing tag's name is all up to '>' (spaces before it make the tag unusual).
    own = np.where(shut, end[oc] - lt[oc] - 2, name_len[oc])
    for i, n in unusual_close.items():
        j = int(np.searchsorted(oc, i))
        if j < len(oc) and oc[j] == i:
            own[j] = n
    length = np.concatenate([st.open_len, own])
    is_close = np.concatenate([np.zeros(n_carry, bool), shut])
    tag = np.concatenate([np.full(n_carry, -1), oc])
    # NumPy sorts 16-bit integers stably by radix, in linear time.
    key = level.astype(np.int16) if len(level) and level.max() < 1 << 15 else level
    order = np.argsort(key, kind="stable")
    level, start, length, is_close, tag = (
        level[order],
        start[order],
        length[order],
        is_close[order],
        tag[order],
    )
    at = np.flatnonzero(is_close)
    partner = at - 1
    paired = (partner >= 0) & ~is_close[np.maximum(partner, 0)]
    paired &= level[np.maximum(partner, 0)] == level[at]
    if not paired.all():  # pragma: no cover - the depth check catches this first
        pos = int(lt[tag[at[np.argmin(paired)]]])
        raise _err("malformed XML: closing tag without opening tag", data, pos, source)
    same = _names_match(data, u8, start[partner], length[partner], start[at], length[at])
    if not same.all():
        wrong = np.flatnonzero(~same)
        k = int(wrong[np.argmin(tag[at[wrong]])])  # the first in the file
        i, j = int(partner[k]), int(at[k])
        opened = bytes(data[start[i] : start[i] + length[i]]).decode(errors="replace")
        closed = bytes(data[start[j] : start[j] + min(length[j], 60)]).decode(errors="replace")
        raise _err(
            f"not well-formed XML: <{opened}> is closed by </{closed}>",
            data,
            int(lt[tag[j]]),
            source,
        )
    # Still open: the last entry at each depth when it is an opening tag.
    last = np.flatnonzero(np.diff(np.append(level, -1)) != 0)
    last = last[~is_close[last]]
    st.open_start = start[last]
    st.open_len = length[last]


@dataclass
class _Longer:
    """The chunk must reach at least to ``stop`` (a comment goes on past it)."""

    stop: int


def _chunk(
    data: bytearray,
    padded: np.ndarray,
    u8: np.ndarray,
    u2: np.ndarray,
    bufs: list[pa.Buffer],
    lo: int,
    hi: int,
    st: _State,
    source: str,
) -> dict[str, object] | _Longer | None:
    buf = padded[lo:hi]
    if not _check_characters(data, padded, buf, lo, st, source):
        return None
    lt = lo + np.flatnonzero(buf == 60)
    if len(lt) == 0:
        return {}
    first = padded[lt + 1]
    # Comments and the XML declaration: their insides are no tags. Everything else that
    # starts with '<!' or '<?' is refused (DTDs) or left to lxml.
    dead: list[tuple[int, int]] = []
    specials = np.flatnonzero((first == 33) | (first == 63))
    for i in specials.tolist():  # comments are rare: loop over them
        pos = int(lt[i])
        if dead and pos < dead[-1][1]:
            continue
        if data.startswith(b"<!--", pos):
            close = data.find(b"-->", pos + 4)
            if close < 0 or close + 3 > len(data) - PAD:
                raise _err("unterminated comment", data, pos, source)
            if close + 3 > hi:
                return _Longer(close + 3)  # the comment goes on past the chunk
            if data.find(b"--", pos + 4, close + 1) >= 0:
                raise _err("not well-formed XML: '--' inside a comment", data, pos, source)
            dead.append((pos, close + 3))
        elif data.startswith(b"<![CDATA[", pos):
            return None
        elif first[i] == 33:
            raise _err(
                "document type declarations (DTD, entities) are refused in XES input",
                data,
                pos,
                source,
            )
        elif pos == 0 and (decl := _XML_DECL.match(data, 0, hi)) is not None:
            dead.append((0, decl.end()))
        else:
            return None  # processing instructions other than the XML declaration
    if dead:
        keep = np.ones(len(lt), bool)
        for a, b in dead:
            keep[np.searchsorted(lt, a, "right") : np.searchsorted(lt, b, "left")] = False
        lt = lt[keep]
        first = first[keep]
    if data.find(b"&", lo, hi) >= 0:
        amp = lo + np.flatnonzero(buf == 38)
        for a, b in dead:
            amp = amp[(amp < a) | (amp >= b)]
        _check_references(data, padded, u8, amp, source)
    gt = lo + np.flatnonzero(buf == 62)
    gi = np.searchsorted(gt, np.append(lt[1:], hi)) - 1
    end = gt[np.maximum(gi, 0)] if len(gt) else np.zeros_like(lt)
    bad = (gi < 0) | (end < lt)
    if bad.any():
        raise _err(
            "malformed XML: tag is not closed with '>'", data, int(lt[np.argmax(bad)]), source
        )
    is_close = first == 47
    is_elem = ~is_close & (first != 63) & (first != 33)
    before_gt = padded[end - 1]
    selfclose = is_elem & (before_gt == 47)
    # The names that matter, by their first two bytes, then checked whole.
    name_at = lt + 1 + is_close
    code = _NAME_LUT[u2[name_at]]
    code *= ((u8[name_at] & _NAME_MASK[code]) == _NAME_WORD[code]) & _TERM_TABLE[
        padded[name_at + _NAME_LEN[code]]
    ]
    types = np.where(is_elem & (code <= 6), code, 0).astype(np.int8)
    is_attr = types > 0
    trace_open = is_elem & (code == _TRACE)
    event_open = is_elem & (code == _EVENT)

    # The tag shapes checked with arrays; the rest one by one.
    name_len = _NAME_LEN[code]  # of elements; closing tags get theirs where they are matched
    # (a closing tag is never this short: </trace> is two bytes longer than its name)
    bare = (code > 0) & (end - lt - name_len == 1 + selfclose)
    attr_idx = np.flatnonzero(is_attr & ~bare)
    key_value = np.zeros(len(lt), bool)
    # Quotes of key="..." value="..." (q0..q3) for the attribute elements, when they
    # have this layout (``key_value``).
    q: list[np.ndarray] = []
    if len(attr_idx):
        quotes = lo + np.flatnonzero(buf == 34)
        q_all = np.append(quotes, np.full(5, hi + 1))  # sentinels beyond every tag
        a_lt, a_end = lt[attr_idx], end[attr_idx]
        q0 = a_lt + name_len[attr_idx] + 6
        ok = (u8[q0 - 5] & _M6) == _KEY_WORD  # <string key="
        qi = np.searchsorted(quotes, a_lt)
        q1, q3, q4 = q_all[qi + 1], q_all[qi + 3], q_all[qi + 4]
        ok &= u8[q1 + 1] == _VALUE_WORD  # " value="
        ok &= q4 > a_end  # no fifth quote in the tag
        # After the value: '">', '"/>' or '" />'.
        tail = a_end - q3
        a_sc = selfclose[attr_idx]
        ok &= (tail - a_sc == 1) | ((tail == 3) & a_sc & (padded[q3 + 1] == 32))
        key_value[attr_idx] = ok
        q = [q0, q1, q1 + 8, q3]
    # A closing tag's end is sure only if no other '>' (legal in text) follows it.
    gt_before = np.empty_like(gi)
    gt_before[0] = np.searchsorted(gt, lt[0]) - 1
    gt_before[1:] = gi[:-1]
    plain_close = is_close & ~_SPACE_TABLE[before_gt] & (gi - gt_before == 1)
    common = bare | key_value | plain_close
    unusual = np.flatnonzero(~common & (is_elem | is_close))
    if len(unusual):
        found = _unusual_tags(data, lt, end, is_close, types, unusual, name_len, key_value)
        if found is None:
            return None
        for i, quads in found.items():  # where key and value are laid out otherwise
            k = int(np.searchsorted(attr_idx, i))
            for j in range(4):
                q[j][k] = quads[j]

    delta = (is_elem & ~selfclose).astype(np.int32) - is_close.astype(np.int32)
    depth_after = st.depth + np.cumsum(delta, dtype=np.int32)
    depth = depth_after - delta
    unusual_close = {i: int(name_len[i]) for i in unusual.tolist() if is_close[i]}
    match_args = (depth, depth_after, end, name_len, unusual_close, st, source)
    if depth_after.min() < 0:
        k = int(np.argmax(depth_after < 0))
        before = np.arange(len(lt)) < k  # a wrong end tag before it says more
        _match_close_tags(
            data, u8, lt, is_elem & ~selfclose & before, is_close & before, *match_args
        )
        raise _err("malformed XML: closing tag without opening tag", data, int(lt[k]), source)
    elems = np.flatnonzero(is_elem)
    if not st.root_seen and len(elems):
        at = int(lt[elems[0]]) + 1
        if not data.startswith(b"log", at) or not _TERM_TABLE[data[at + 3]]:
            root = bytes(data[at : at + 40]).split()[0].split(b">")[0].split(b"/")[0]
            raise LogError(
                f"not XES: root element is <{root.decode(errors='replace')}>, not <log>",
                source,
                line_of(data, at),
            )
        st.root_seen = True
        st.root_start = at - 1
    top = np.flatnonzero(is_elem & (depth == 0))
    st.top_elements += len(top)
    if st.top_elements > 1:
        raise _err("malformed XML: content after the root element", data, int(lt[top[-1]]), source)
    _match_close_tags(data, u8, lt, is_elem & ~selfclose, is_close, *match_args)
    if st.root_end < 0:
        done = np.flatnonzero((is_close | selfclose) & (depth_after == 0))
        if len(done):
            st.root_end = int(end[done[0]])

    trace_step = (trace_open & ~selfclose).astype(np.int8) - (is_close & (code == _TRACE))
    event_step = (event_open & ~selfclose).astype(np.int8) - (is_close & (code == _EVENT))
    in_trace = st.in_trace + np.cumsum(trace_step, dtype=np.int32)
    in_event = st.in_event + np.cumsum(event_step, dtype=np.int32)
    nested = (in_trace > 1) | (in_event > 1)
    if nested.any():
        raise _err(
            "malformed XES: nested <trace> or <event>", data, int(lt[np.argmax(nested)]), source
        )
    # Local numbers: -1 is the trace/event still open from an earlier chunk.
    t_local = np.cumsum(trace_open, dtype=np.int64) - 1
    e_local = np.cumsum(event_open, dtype=np.int64) - 1
    t_depth = np.concatenate([[st.trace_depth], depth[trace_open]]).astype(np.int32)
    e_depth = np.concatenate([[st.event_depth], depth[event_open]]).astype(np.int32)
    # An event belongs to the trace it stands in directly.
    ev_t = t_local[event_open]
    outside = (in_trace[event_open] != 1) | (depth[event_open] != t_depth[ev_t + 1] + 1)
    if outside.any():
        raise _err(
            "malformed XES: <event> outside a <trace>",
            data,
            int(lt[event_open][np.argmax(outside)]),
            source,
        )
    event_trace = st.n_traces + ev_t
    ev_attr = is_attr & (in_event == 1) & (depth == e_depth[e_local + 1] + 1)
    tr_attr = is_attr & (in_trace == 1) & (in_event == 0) & (depth == t_depth[t_local + 1] + 1)
    chosen = ev_attr | tr_attr
    out: dict[str, object] = {"event_trace": event_trace}
    if chosen.any():
        # Every chosen one must be an attribute element with key="..." value="..." first;
        # else lxml reads the document (no key, no value, single quotes, ...).
        if (chosen & ~key_value).any():
            return None
        in_attr = chosen[attr_idx]
        sel = attr_idx[in_attr]
        q0, q1, q2, q3 = (qj[in_attr] for qj in q)
        level = ev_attr[sel].astype(np.int8)
        owner = np.where(level == 1, st.n_events + e_local[sel], st.n_traces + t_local[sel])
        keys, key_control = _views(bufs, u8, q0 + 1, q1 - q0 - 1)
        values, value_control = _views(bufs, u8, q2 + 1, q3 - q2 - 1)
        st.raw_whitespace |= key_control or value_control
        out.update(
            keys=keys,
            values=values,
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


def scan(data: bytearray, source: str) -> Records | None:
    """Scan an XES document (followed by PAD zero bytes), one chunk at a time; None when
    it needs the slow, general parser."""
    size = len(data) - PAD
    padded = np.frombuffer(data, np.uint8)
    u8 = _unaligned(padded, "<u8")
    u2 = _unaligned(padded, "<u2")
    bufs = [
        pa.py_buffer(padded[k << _CHUNK_BITS :]) for k in range((len(padded) >> _CHUNK_BITS) + 1)
    ]
    st = _State()
    parts = []
    lo = 0
    while lo < size:
        # Chunks start at a '<'; one that would cut a comment is made longer.
        hi = data.find(b"<", min(lo + CHUNK, size), size)
        while True:
            hi = size if hi < 0 else hi
            part = _chunk(data, padded, u8, u2, bufs, lo, hi, st, source)
            if not isinstance(part, _Longer):
                break
            hi = data.find(b"<", part.stop, size)
        if part is None:
            return None
        parts.append(part)
        lo = hi
    if not st.root_seen:
        raise LogError("not XML: no tags found", source, 1)
    if st.depth != 0:
        raise LogError("document ends before </log> (truncated file?)", source, line_of(data, size))
    prolog = _PROLOG.match(data, 0, st.root_start)
    if prolog is None or prolog.end() != st.root_start:
        pos = prolog.end() if prolog is not None else 0
        raise _err("not well-formed XML: text before the root element", data, pos, source)
    epilog = _MISC.match(data, st.root_end + 1, size)
    if epilog is None or epilog.end() != size:
        pos = epilog.end() if epilog is not None else st.root_end + 1
        raise _err("malformed XML: content after the root element", data, pos, source)
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
    return Records(frame, st.n_traces, st.n_events, event_trace.astype(np.int64), st.raw_whitespace)
