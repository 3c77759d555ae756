# SPDX-License-Identifier: MPL-2.0
"""Hostile input: character references to no character, decompression bombs, and XML
that is not well-formed, refused with a LogError that says where."""

from __future__ import annotations

import gzip
import json

import polars as pl
import pytest
from pmhelpers import TIES_LOG, xes_doc

from procesmine import LogError, gunzip, ingest, read_log
from procesmine.cli import main
from procesmine.xes import read_records, read_xes

CSV = "case,activity,timestamp\n1,a,2024-01-01T00:00:00Z\n1,b,2024-01-02T00:00:00Z\n"


def one_event(value: str, extra: str = "") -> str:
    """Five lines, the value on line 4."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<log>\n<trace><string key="concept:name" '
        f'value="c"/><event>\n<string key="concept:name" value="{value}"/>{extra}\n'
        '<date key="time:timestamp" value="2024-01-01T00:00:00Z"/></event></trace></log>\n'
    )


# ------------------------------------------------------------------ character references


@pytest.mark.parametrize(
    "ref",
    [
        "&#99999999;",  # beyond Unicode
        "&#x110000;",
        "&#1114112;",
        "&#0;",  # NUL: no XML document can hold it
        "&#x1;",
        "&#x1F;",
        "&#xD800;",  # surrogates are no characters
        "&#xDFFF;",
        "&#55296;",
        "&#xFFFE;",
        "&#xFFFF;",
        "&#00000000000000000000000000000000000000000000000000000000000000000000000001;",
    ],
)
@pytest.mark.parametrize("parser", ["auto", "lxml"])
def test_reference_to_no_character_names_the_line(write, ref, parser):
    path = write("ref.xes", one_event(f"a{ref}b"))
    with pytest.raises(LogError, match=r"ref\.xes, line 4: .*(character|xmlChar|CharRef)"):
        read_xes(path, parser=parser)


@pytest.mark.parametrize("ref", ["&#x;", "&#;", "&#X41;", "&#x 41;", "&#-1;", "&#1a;", "&#65"])
def test_malformed_reference_names_the_line(write, ref):
    with pytest.raises(LogError, match=r"line 4: not well-formed XML"):
        read_xes(write("ref.xes", one_event(f"a{ref}b")))


def test_reference_in_text_and_header_checked_too(write):
    doc = one_event("a").replace("<trace>", "<trace>&#0;")
    with pytest.raises(LogError, match=r"line 3: .*&#0; is not a character XML allows"):
        read_xes(write("t.xes", doc))
    doc = one_event("a").replace("<log>", '<log note="&#xD800;">')
    with pytest.raises(LogError, match=r"line 2: .*&#xD800;"):
        read_xes(write("h.xes", doc))


def test_reference_in_a_comment_is_no_reference(write):
    doc = one_event("a").replace("<trace>", "<!-- &#0; & -->\n<trace>")
    assert read_xes(write("c.xes", doc))["concept:name"].to_list() == ["a"]


@pytest.mark.parametrize(
    ("ref", "text"),
    [
        ("&#65;&#x42;&#x000043;&#0068;", "ABCD"),
        ("&#x10FFFF;&#1114111;", "\U0010ffff\U0010ffff"),
        ("&#xD7FF;&#xE000;&#xFFFD;&#x10000;", "\ud7ff\ue000\ufffd\U00010000"),
        ("&#9;&#10;&#13;", "\t\n\r"),  # kept: only literal ones become spaces
        ("&#38;amp;", "&amp;"),  # decoded once
        ("&amp;#65;", "&#65;"),
        ("&amp;lt;&lt;", "&lt;<"),
        ("&#60;&#x3C;&lt;", "<<<"),
    ],
)
@pytest.mark.parametrize("parser", ["auto", "lxml"])
def test_references_decode_once(write, ref, text, parser):
    frame = read_xes(write("ok.xes", one_event(ref)), parser=parser)
    assert frame["concept:name"].to_list() == [text]


def test_reference_check_where_values_are_decoded(write, monkeypatch):
    """The decoder refuses a reference to no character itself (with the line), should
    one ever get past the scanner."""
    from procesmine import _xmltok

    monkeypatch.setattr(_xmltok, "_check_references", lambda *a: None)
    with pytest.raises(LogError, match=r"line 4: character reference &#xD800; is not"):
        read_xes(write("r.xes", one_event("x&#xD800;")))


def test_many_references_stay_fast(write):
    """References are checked with arrays, not one by one."""
    refs = "".join(f"&#{0x41 + i % 26};&#x{0xE5:X};" for i in range(50))
    doc = xes_doc([(f"c{i}", [(refs, "2024-01-01T00:00:00Z")]) for i in range(2000)])
    frame = read_xes(write("many.xes", doc))
    assert frame.height == 2000
    assert frame["concept:name"][0].startswith("AåBåCå")


# ------------------------------------------------------------------ decompression bombs


def bomb(tmp_path, name: str, size: int = 1 << 20, head: str = "<log>") -> str:
    """A small gzip file that unpacks to ``size`` bytes of whitespace after ``head``."""
    path = tmp_path / name
    with gzip.open(path, "wb", compresslevel=9) as fh:
        fh.write(head.encode())
        fh.write(b" " * size)
    assert path.stat().st_size < 5000
    return str(path)


@pytest.mark.parametrize("name", ["bomb.xes.gz", "bomb.gz", "bomb.csv.gz"])
def test_gzip_beyond_the_limit_is_refused(tmp_path, name):
    path = bomb(tmp_path, name, head="case,activity,timestamp\n" if "csv" in name else "<log>")
    with pytest.raises(LogError, match=r"unpacks to more than 65,536 bytes.*decompression bomb"):
        read_log(path, max_decompressed_bytes=65536)


def test_limit_from_the_environment(tmp_path, monkeypatch):
    path = bomb(tmp_path, "bomb.xes.gz")
    monkeypatch.setenv(gunzip.ENV_VAR, "100_000")
    with pytest.raises(LogError, match="more than 100,000 bytes"):
        read_xes(path)
    with pytest.raises(LogError, match="more than 100,000 bytes"):
        ingest(path, tmp_path / "store")
    assert not (tmp_path / "store").exists()
    # The argument wins over the environment.
    with pytest.raises(LogError, match="more than 50,000 bytes"):
        read_xes(path, max_decompressed_bytes=50_000)


@pytest.mark.parametrize("value", ["lots", "-5", "0", "1.5"])
def test_bad_limit_in_the_environment(tmp_path, monkeypatch, value):
    monkeypatch.setenv(gunzip.ENV_VAR, value)
    with pytest.raises(LogError, match=gunzip.ENV_VAR):
        read_xes(bomb(tmp_path, "b.xes.gz", size=10))


def test_default_limit_is_four_gib(monkeypatch):
    monkeypatch.delenv(gunzip.ENV_VAR, raising=False)
    assert gunzip.max_decompressed_bytes() == 4 * 1024**3


def test_within_the_limit_reads_as_before(write, tmp_path):
    plain = read_xes(write("t.xes", TIES_LOG))
    packed = write("t.xes.gz", TIES_LOG)
    size = len(TIES_LOG.encode())
    assert read_xes(packed, max_decompressed_bytes=size).equals(plain)
    with pytest.raises(LogError, match=f"more than {size - 1:,} bytes"):
        read_xes(packed, max_decompressed_bytes=size - 1)
    csv = write("t.csv.gz", CSV)
    assert read_log(csv).events.equals(read_log(write("t.csv", CSV)).events)


def test_multi_member_gzip_counts_every_member(tmp_path):
    path = tmp_path / "two.xes.gz"
    half = TIES_LOG.encode()
    cut = len(half) // 2
    path.write_bytes(gzip.compress(half[:cut]) + gzip.compress(half[cut:]))
    assert read_xes(path).height == 11
    with pytest.raises(LogError, match="more than"):
        read_xes(path, max_decompressed_bytes=cut + 10)


def test_corrupt_gzip_member(tmp_path):
    data = bytearray(gzip.compress(TIES_LOG.encode()))
    data[30:40] = b"\xff" * 10
    path = tmp_path / "bad.xes.gz"
    path.write_bytes(bytes(data))
    with pytest.raises(LogError, match="truncated or corrupt gzip"):
        read_xes(path)


def test_cli_limit(capsys, tmp_path, write):
    path = bomb(tmp_path, "bomb.xes.gz")
    assert main(["summary", path, "--max-decompressed-bytes", "4096"]) == 2
    assert "more than 4,096 bytes" in capsys.readouterr().err
    ok = write("t.xes.gz", TIES_LOG)
    assert main(["summary", str(ok), "--max-decompressed-bytes", "1_000_000"]) == 0
    assert json.loads(capsys.readouterr().out)["events"] == 11
    with pytest.raises(SystemExit):
        main(["summary", str(ok), "--max-decompressed-bytes", "0"])
    assert "positive whole number" in capsys.readouterr().err


def test_cli_limit_from_the_environment(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv(gunzip.ENV_VAR, "4096")
    assert main(["ingest", bomb(tmp_path, "bomb.xes.gz"), str(tmp_path / "s")]) == 2
    assert "decompression bomb" in capsys.readouterr().err
    assert not (tmp_path / "s").exists()


# ------------------------------------------------------------------ XML lxml refuses


@pytest.mark.parametrize(
    ("value", "extra", "message"),
    [
        ("a\x01b", "", r"line 4: .*control character U\+0001"),
        ("a & b", "", r"line 4: .*'&' must start a reference"),
        ("a", '<string key="x" value="1" value="2"/>', "line 4: .*redefined"),
        ("a", "</string>", r"line 4: .*<event> is closed by </string>"),
        ("a", "<!-- x -- y -->", "line 4: .*'--' inside a comment"),
        ("a\ufffe", "", r"line 4: .*U\+FFFE"),
    ],
)
@pytest.mark.parametrize("parser", ["auto", "lxml"])
def test_not_well_formed_names_the_line(write, value, extra, message, parser):
    if parser == "lxml":  # lxml words it its own way; the line is what counts
        message = message.split(":")[0] + ":"
    with pytest.raises(LogError, match=message):
        read_xes(write("bad.xes", one_event(value, extra)), parser=parser)


def test_windows_1252_bytes_in_a_utf8_file(write):
    doc = one_event("Søg").encode("cp1252")
    with pytest.raises(LogError, match=r"line 4: not well-formed XML: invalid UTF-8"):
        read_xes(write("cp.xes", doc))


def test_literal_whitespace_in_values_reads_as_spaces(write):
    """XML reads a literal tab or line break in an attribute value as a space."""
    frame = read_xes(write("ws.xes", one_event("a\tb\nc\r\nd")))
    assert frame["concept:name"].to_list() == ["a b c d"]
    assert frame.equals(read_xes(write("ws2.xes", one_event("a\tb\nc\r\nd")), parser="lxml"))


def test_attribute_named_owner(write):
    doc = one_event("a", '<string key="owner" value="Søren"/>').replace(
        "<trace>", '<trace><string key="owner" value="team"/>'
    )
    frame = read_xes(write("o.xes", doc))
    assert frame["owner"].to_list() == ["Søren"]
    assert frame["case:owner"].to_list() == ["team"]


def test_event_attribute_with_a_case_name(write):
    doc = one_event("a", '<string key="case:concept:name" value="x"/>')
    with pytest.raises(LogError, match="event attribute 'case:concept:name'"):
        read_xes(write("c.xes", doc))


def test_records_match_lxml_on_a_real_log(shared_log):
    path = shared_log("running-example.xes")
    fast, slow = read_records(path), read_records(path, parser="lxml")
    assert fast.n_events == slow.n_events
    cols = ["level", "owner", "key", "value", "type"]
    assert fast.frame.select(cols).equals(
        slow.frame.select(cols).cast(fast.frame.select(cols).schema)
    )
    assert pl.Series(fast.event_trace).equals(pl.Series(slow.event_trace))
