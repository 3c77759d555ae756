# SPDX-License-Identifier: MPL-2.0
"""The XES reader against a plain lxml reading, on generated documents.

Valid documents (random attributes, escapes, character references, layouts) and broken
ones (bytes cut, doubled or slipped in) must give the same traces and events from both
engine parsers as from the reference below, or be refused by all three. Hypothesis runs
a fixed set of examples (``derandomize``) so that CI stays stable; what it once found is
kept as explicit regression cases in ``FOUND``.
"""

from __future__ import annotations

import contextlib
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from procesmine import _xmltok
from procesmine.errors import LogError
from procesmine.xes import read_records, read_xes

TYPES = ("string", "date", "int", "float", "boolean", "id")
FUZZ = settings(
    max_examples=200,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)

# ------------------------------------------------------------------ the reference

Attrs = list[tuple[str, str, str | None]]  # (type, key, value) in file order
Events = tuple[list[Attrs], list[tuple[int, Attrs]]]  # trace attributes, (trace, event attrs)


def reference(raw: bytes) -> Events | None:
    """Traces and events as lxml reads the document, or None when it is refused.

    The XES rules the engine applies: no DTD; the root is <log>; a trace may not stand in
    a trace or event; an event stands directly in a trace; an attribute element (string,
    date, int, float, boolean, id) directly in a trace or event needs a key and belongs to
    it; anything else is ignored; a log without events is refused. Names are compared
    without their namespace."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError:
        return None
    if root.getroottree().docinfo.internalDTD is not None:
        return None

    def local(el: etree._Element | None) -> str:
        return etree.QName(el).localname if el is not None else ""

    if local(root) != "log":
        return None
    traces: list[Attrs] = []
    events: list[tuple[int, Attrs]] = []
    index: dict[etree._Element, int] = {}
    for el in root.iter(etree.Element):  # elements in file order (no comments, PIs)
        name, parent = local(el), el.getparent()
        if name == "trace":
            if any(local(a) in ("trace", "event") for a in el.iterancestors()):
                return None
            index[el] = len(traces)
            traces.append([])
        elif name == "event":
            if local(parent) != "trace":
                return None
            index[el] = len(events)
            events.append((index[parent], []))
        elif name in TYPES and local(parent) in ("trace", "event"):
            key = el.get("key")
            if key is None:
                return None
            attr = (name, key, el.get("value"))
            if local(parent) == "trace":
                traces[index[parent]].append(attr)
            else:
                events[index[parent]][1].append(attr)
    return (traces, events) if events else None


def engine(path, parser: str) -> Events | None:
    """What ``read_records`` gives, in the reference's shape; None for a LogError."""
    try:
        rec = read_records(path, parser=parser)
    except LogError:
        return None
    traces: list[Attrs] = [[] for _ in range(rec.n_traces)]
    events: list[tuple[int, Attrs]] = [(int(t), []) for t in rec.event_trace]
    for level, owner, key, value, code in rec.frame.select(
        "level", "owner", "key", "value", "type"
    ).iter_rows():
        attr = (TYPES[code - 1], key, value)
        (traces[owner] if level == 0 else events[owner][1]).append(attr)
    return traces, events


def check(raw: bytes, path, chunk: int = _xmltok.CHUNK) -> None:
    """Both parsers read ``raw`` as the reference does; the scanner in chunks of
    ``chunk`` bytes (small ones carry open elements and comments across the cuts)."""
    path.write_bytes(raw)
    expected = reference(raw)
    default, _xmltok.CHUNK = _xmltok.CHUNK, chunk
    try:
        assert engine(path, "auto") == expected, ("auto", chunk, raw)
    finally:
        _xmltok.CHUNK = default
    assert engine(path, "lxml") == expected, ("lxml", raw)
    with contextlib.suppress(LogError):  # typing and pivoting fail in no other way
        read_xes(path)


CHUNKS = st.sampled_from([_xmltok.CHUNK] * 3 + [1, 40, 300])


@pytest.fixture(scope="module")
def doc_path(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz") / "doc.xes"


# ------------------------------------------------------------------ valid documents

TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("abcæøåÆØÅ 0123456789-:._/<>&\"'\t\n\r=;#"),
        st.characters(min_codepoint=0x20, max_codepoint=0x2FF),
        st.sampled_from(["é", "€", "\u2028", "\ufffd", "中", "😀", "\U0010fffd"]),
    ),
    max_size=12,
)


@st.composite
def attribute_text(draw: st.DrawFn, quote: str = '"') -> str:
    """Text for an attribute value: each character literal, as a named reference or as a
    decimal or hexadecimal character reference (leading zeros, either case)."""
    out = []
    for ch in draw(TEXT):
        forms = []
        if ch not in "<&" + quote and (ch != "\r" or draw(st.booleans())):
            forms.append(ch)
        named = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;"}
        if ch in named:
            forms.append(named[ch])
        zeros = "0" * draw(st.integers(0, 3))
        forms.append(f"&#{zeros}{ord(ch)};")
        hexa = f"{ord(ch):x}"
        forms.append(f"&#x{zeros}{hexa.upper() if draw(st.booleans()) else hexa};")
        out.append(draw(st.sampled_from(forms)))
    return "".join(out)


SPACE = st.sampled_from(["", "", "\n", "\n  ", "\n\t\t", "\r\n\t", " "])
CANONICAL = st.sampled_from([0, 0, 0, 0, 0, 3, 4])  # layouts the scanner reads itself
ANY_LAYOUT = st.integers(0, 6)


@st.composite
def attribute(draw: st.DrawFn, layouts: st.SearchStrategy[int], depth: int = 0) -> str:
    kind = draw(st.sampled_from(TYPES))
    layout = draw(layouts)
    q = "'" if layout == 1 else '"'
    key = draw(attribute_text(q))
    value = draw(attribute_text(q))
    if layout == 2:  # value first
        attrs = f' value="{value}" key="{key}"'
    elif layout == 3:  # spaces around '='
        attrs = f' key = "{key}"\tvalue= "{value}"'
    elif layout == 4:  # another attribute after them
        attrs = f' key="{key}" value="{value}" other="x"'
    elif layout == 5:  # no value
        attrs = f' key="{key}"'
    elif layout == 6:  # no key
        attrs = f' value="{value}"'
    else:
        attrs = f" key={q}{key}{q} value={q}{value}{q}"
    if depth < 1 and draw(st.integers(0, 9)) == 0:  # nested attributes (ignored)
        inner = "".join(draw(st.lists(attribute(layouts, depth + 1), max_size=2)))
        return f"<{kind}{attrs}>{inner}</{kind}>"
    end = draw(st.sampled_from(["/>", " />", "/>", f"></{kind}>", f"></{kind} >"]))
    return f"<{kind}{attrs}{end}"


def element(name: str, body: list[str], space: str, extra: str = "") -> str:
    return f"<{name}{extra}>{space}{space.join(body)}{space}</{name}>"


@st.composite
def xes_document(draw: st.DrawFn) -> bytes:
    """A valid XML document in XES form. Two in three use only what the scanner reads
    itself; the others also CDATA, namespace prefixes, processing instructions, single
    quotes and other layouts, which go to lxml (or are refused by both: no key)."""
    plain = draw(st.integers(0, 2)) > 0
    layouts = CANONICAL if plain else ANY_LAYOUT
    space = draw(SPACE)
    fillers = ["", "", "", "<!-- note -->", "<!-- <event> & -->", "text", "&amp; &#233;"]
    if not plain:
        fillers += ["<?pi x?>", "<![CDATA[ <not a tag> ]]>", "]]&gt;"]
    filler = st.sampled_from(fillers)
    traces = []
    for _ in range(draw(st.integers(1, 3))):
        body = [draw(attribute(layouts)) for _ in range(draw(st.integers(0, 2)))]
        for _ in range(draw(st.integers(1 if plain else 0, 3))):
            ev = [draw(attribute(layouts)) for _ in range(draw(st.integers(0, 3)))]
            ev.append(draw(filler))
            if draw(st.integers(0, 9)) == 0:
                ev.append('<list key="l"><values><string key="x" value="y"/></values></list>')
            extra = draw(st.sampled_from(["", "", ' id="e"', " id='e' n=\"2\""]))
            name = "event"
            if not plain and draw(st.integers(0, 3)) == 0:
                name, extra = "ev:event", extra + ' xmlns:ev="http://www.xes-standard.org/"'
            body.append(element(name, ev, space, extra))
        traces.append(element("trace", body, space))
    header = [
        '<extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/c.xesext"/>',
        '<global scope="event"><string key="concept:name" value="__INVALID__"/></global>',
        '<classifier name="Activity" keys="concept:name"/>',
        draw(attribute(layouts)),
    ]
    log_attrs = draw(
        st.sampled_from(
            ["", ' xes.version="1.0"', ' xmlns="http://www.xes-standard.org/"', " a='1' b=\"2\""]
        )
    )
    body = draw(st.lists(st.sampled_from(header), max_size=3)) + traces
    log = element("log", body, space, log_attrs)
    decl = draw(
        st.sampled_from(
            [
                "",
                '<?xml version="1.0" encoding="UTF-8"?>\n',
                "<?xml version='1.0' encoding='utf-8' ?>",
                '<?xml version="1.0" standalone="yes"?>\n',
            ]
        )
    )
    prolog = draw(st.sampled_from(["", "\n", "<!-- made here -->\n"]))
    epilog = draw(st.sampled_from(["", "\n", "\n<!-- end -->\n"]))
    return (decl + prolog + log + epilog).encode("utf-8")


@FUZZ
@given(doc=xes_document(), chunk=CHUNKS)
@example(
    doc=b'<log><trace><event><string key="a" value="x&#38;amp;y"/></event></trace></log>', chunk=1
)
@example(
    doc=b'<log><trace><event><string key="a" value="&amp;#65;"/></event></trace></log>', chunk=1
)
def test_valid_documents_read_as_lxml_reads_them(doc, chunk, doc_path):
    check(doc, doc_path, chunk)


# ------------------------------------------------------------------ broken documents

PIECES = [
    b"<",
    b">",
    b"&",
    b'"',
    b"'",
    b"/",
    b"=",
    b";",
    b"#",
    b"!",
    b"?",
    b"-",
    b"]",
    b" ",
    b"\t",
    b"\n",
    b"\r",
    b"\x00",
    b"\x01",
    b"\x0b",
    b"\x1f",
    b"\x7f",
    b"\xc3",
    b"\xa5",
    b"\xff",
    b"\xed\xa0\x80",
    b"\xef\xbf\xbe",
    b"x",
    b":",
    b"&#0;",
    b"&#x110000;",
    b"&#99999999;",
    b"&#xD800;",
    b"&#x;",
    b"&amp;",
    b"&lt;",
    b"&bogus;",
    b"<!--",
    b"-->",
    b"]]>",
    b"<![CDATA[",
    b"</event>",
    b"<event>",
    b"</trace>",
    b"<trace>",
    b'<string key="k" value="v"/>',
    b'<?xml version="1.0"?>',
    b"<!DOCTYPE x>",
    b"<x:y/>",
]
CHANGES = ["cut", "slip", "over", "double", "end", "value", "value", "tag"]
IN_VALUES = [
    b"&",
    b"&bogus;",
    b"&#0;",
    b"&#x110000;",
    b"&#99999999;",
    b"&#xD800;",
    b"&#x;",
    b"&#X41;",
    b"&#38;amp;",
    b"&amp;#65;",
    b"\x01",
    b"\x0b",
    b"\x1f",
    b"\x00",
    b"\xff",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\xef\xbf\xbe",
    b"\t",
    b"\n",
    b"\r\n",
    b"\r",
    b"<",
    b'"',
    b"]]>",
    b">",
]


@st.composite
def broken_document(draw: st.DrawFn) -> bytes:
    """A valid document with one to three changes: bytes cut, slipped in (anywhere or in
    an attribute value), written over or doubled, an end tag renamed, the end cut off."""
    doc = bytearray(draw(xes_document()))
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):
        at = draw(st.integers(0, len(doc)))
        how = draw(st.sampled_from(CHANGES))
        if how in ("value", "tag"):  # in a value, or at the name in an end tag
            marks = [m.end() for m in re.finditer(b'="|</' if how == "tag" else b'="[^"]*', doc)]
            at = draw(st.sampled_from(marks)) if marks else at
        if how == "cut":
            del doc[at : at + draw(st.integers(1, 8))]
        elif how == "slip":
            doc[at:at] = draw(st.sampled_from(PIECES))
        elif how == "value":
            doc[at:at] = draw(st.sampled_from(IN_VALUES))
        elif how == "over":
            doc[at : at + 1] = draw(st.sampled_from(PIECES))
        elif how == "double":
            doc[at:at] = doc[at : at + draw(st.integers(1, 40))]
        elif how == "tag":
            doc[at:at] = draw(st.sampled_from([b"x", b"event>", b"trace></", b"log", b"s"]))
        else:
            del doc[at:]
    return bytes(doc)


@FUZZ
@given(doc=broken_document(), chunk=CHUNKS)
def test_broken_documents_are_refused_or_read_as_lxml_reads_them(doc, chunk, doc_path):
    check(doc, doc_path, chunk)


# ------------------------------------------------------------------ what was found

# Documents on which the engine and lxml disagreed before (found by these tests and while
# writing them), each now read alike or refused alike.


def in_log(body: bytes) -> bytes:
    return b"<log><trace>" + body + b"</trace></log>"


def in_value(value: bytes) -> bytes:
    return in_log(b'<event><string key="a" value="' + value + b'"/></event>')


FOUND = {
    # Invalid UTF-8 (Windows-1252 text): the scanner made Polars panic.
    "windows-1252": in_value("Søg".encode("cp1252")),
    "mismatched end tags": b"<log><trace><event></trace></event></log>",
    "control character": in_value(b"x\x01"),
    "raw line break and tab": in_log(b'<event><string key="a\tb" value="x\ny\r\nz\rw"/></event>'),
    "bare ampersand": in_value(b"R & D"),
    "unknown entity": in_value(b"&nbsp;"),
    "attribute twice": in_log(b'<event><string key="a" value="1" value="2"/></event>'),
    "attribute without value": in_log(b"<event x><string key='a' value='1'/></event>"),
    "junk in end tag": in_log(b"<event></event foo>"),
    "second declaration": b'<?xml version="1.0"?><?xml version="1.0"?>' + in_log(b"<event/>"),
    "text after the root": in_log(b"<event/>") + b"junk",
    "text before the root": b"junk" + in_log(b"<event/>"),
    "double hyphen in comment": in_log(b"<!-- a -- b --><event/>"),
    "no key": in_log(b'<event><string value="a"/></event>'),
    # Was a TypeError in both parsers.
    "event deeper in a trace": in_log(b'<string key="a" value="b"><event/></string>'),
    "trace in a trace": in_log(b"<trace><event/></trace>"),
    "namespace prefix": b'<x:log xmlns:x="http://www.xes-standard.org/"><x:trace><x:event>'
    b'<x:string key="a" value="b"/></x:event></x:trace></x:log>',
    # lxml's iterparse reports the prefix at the end: the lxml path crashed before.
    "undeclared prefix": in_log(b'<event><s:string key="a" value="b"/></event>'),
    "&#38;amp; decoded twice": in_value(b"&#38;amp;"),
    "&amp;#65; decoded twice (lxml path)": in_value(b"&amp;#65;"),
    "DOCTYPE in a comment": b"<!-- <!DOCTYPE x> -->" + in_log(b"<event/>"),
    "U+FFFE": in_value("\ufffe".encode()),
    "surrogate in UTF-8": in_value(b"\xed\xa0\x80"),
    "]]> in text": in_log(b"<event>]]></event>"),
    "]]> in a value": in_value(b"]]>"),
    "> in a value and in text": in_log(b'a>b<event><string key="a" value="x>y"/></event>'),
    "< in a value": in_value(b"x<y"),
    # A '>' in text after an end tag made the scanner take the text for the tag's name.
    "> in text after an end tag": in_log(
        b'<event><string key="" value="0"></string>string key="" value=""/></event>'
    ),
    # An end tag with a space, after one that closes nothing: an IndexError.
    "end tag with a space after the end": in_log(b"<event/>") + b"</x >",
    # A key "owner" clashed with the frame's own owner column (Polars DuplicateError).
    "key named owner": in_log(
        b'<string key="owner" value="t"/><event><string key="owner" value="e"/></event>'
    ),
}
REFS = [b"&#99999999;", b"&#x110000;", b"&#0;", b"&#xD800;", b"&#xDFFF;", b"&#xFFFE;", b"&#x1;"]
REFS += [b"&#x;", b"&#;", b"&#X41;", b"&#x10FFFF;", b"&#0000000000065;", b"&#9;&#10;&#13;"]
for _ref in REFS:
    FOUND[_ref.decode()] = in_value(b"x" + _ref + b"y")
    FOUND[_ref.decode() + " in text"] = in_log(b"<event>" + _ref + b"</event>")


@pytest.mark.parametrize("doc", list(FOUND.values()), ids=list(FOUND))
def test_found_disagreements(doc, doc_path):
    check(doc, doc_path)
