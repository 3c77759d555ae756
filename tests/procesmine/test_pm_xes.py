# SPDX-License-Identifier: MPL-2.0
"""Reading XES: typed attributes, case attributes, lifecycle, gzip, both parsers agree."""

from __future__ import annotations

import polars as pl
import pytest
from pmhelpers import TIES_LOG, XES_PARAMS, xes_doc

from procesmine import read_log
from procesmine.xes import read_xes

TYPED = """<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment with <angle> brackets -->
<log xes.version="1849.2016" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <global scope="event"><string key="concept:name" value="__INVALID__"/></global>
  <string key="source" value="log level, not a case attribute"/>
  <trace>
    <string key="concept:name" value="S-1"/>
    <string key="kommune" value="Århus"/>
    <int key="priority" value="2"/>
    <event>
      <string key="concept:name" value="Opret &amp; registrér"/>
      <string key="lifecycle:transition" value="complete"/>
      <string key="org:resource" value="Søren"/>
      <date key="time:timestamp" value="2024-03-01T08:00:00.123+01:00"/>
      <int key="antal" value="-3"/>
      <float key="beløb" value="12.5"/>
      <boolean key="haster" value="true"/>
      <id key="ref" value="a1b2"/>
      <string key="note" value="&lt;b&gt; &quot;x&quot; &#233;">
        <string key="nested" value="ignored"/>
      </string>
    </event>
    <event>
      <string key="concept:name" value="Luk"/>
      <date key="time:timestamp" value="2024-03-01T09:00:00Z"/>
      <int key="antal" value="7"/>
      <boolean key="haster" value="false"/>
    </event>
  </trace>
</log>
"""


@pytest.mark.parametrize("parser", ["auto", "lxml"])
def test_typed_attributes(write, parser):
    frame = read_xes(write("typed.xes", TYPED), parser=parser)
    assert frame.height == 2
    assert frame["concept:name"].to_list() == ["Opret & registrér", "Luk"]
    assert frame.schema["antal"] == pl.Int64
    assert frame["antal"].to_list() == [-3, 7]
    assert frame.schema["beløb"] == pl.Float64
    assert frame["haster"].to_list() == [True, False]
    assert frame["ref"].to_list() == ["a1b2", None]
    assert frame["note"][0] == '<b> "x" é'
    assert "nested" not in frame.columns
    assert frame["lifecycle:transition"].to_list() == ["complete", None]
    assert frame["case:kommune"].to_list() == ["Århus", "Århus"]
    assert frame["case:priority"].to_list() == [2, 2]
    assert "case:source" not in frame.columns
    ts = frame["time:timestamp"]
    assert ts.dtype == pl.Datetime("us", "UTC")
    assert [t.isoformat() for t in ts.to_list()] == [
        "2024-03-01T07:00:00.123000+00:00",
        "2024-03-01T09:00:00+00:00",
    ]


def test_gzip_and_plain_are_equal(write):
    a = read_xes(write("t.xes", TIES_LOG))
    b = read_xes(write("t.xes.gz", TIES_LOG))
    assert a.equals(b)


def test_cdata_falls_back_to_lxml(write):
    doc = TIES_LOG.replace('value="c3"/>', 'value="c3"/><string key="x" value="y"/>')
    doc = doc.replace('<log xes.version="1.0">', '<log xes.version="1.0"><![CDATA[ <trace> ]]>')
    frame = read_xes(write("cdata.xes", doc))
    assert frame.height == 11


def test_single_quotes_and_reordered_attributes(write):
    doc = xes_doc([("a", [("x", "2024-01-01T00:00:00Z")])])
    doc = doc.replace(
        '<string key="concept:name" value="x"/>', "<string value='x' key='concept:name'/>"
    )
    frame = read_xes(write("q.xes", doc))
    assert frame["concept:name"].to_list() == ["x"]


def test_lifecycle_kept_as_column(write):
    doc = xes_doc(
        [("a", [("x", "2024-01-01T00:00:00Z")])],
        extra_event='\n      <string key="lifecycle:transition" value="start"/>',
    )
    log = read_log(write("l.xes", doc))
    assert log.events["lifecycle"].to_list() == ["start"]


def test_non_utf8_declared_encoding(write):
    doc = TIES_LOG.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    frame = read_xes(write("latin.xes", doc, encoding="iso-8859-1"))
    assert "Høring" in frame["concept:name"].to_list()


@pytest.mark.sharedlogs
@pytest.mark.parametrize("name", XES_PARAMS)
def test_fast_and_lxml_parsers_agree(shared_log, name):
    path = shared_log(name)
    assert read_xes(path).equals(read_xes(path, parser="lxml"))


@pytest.mark.parametrize("chunk", [1, 37, 200])
def test_tiny_chunks_carry_state_across_boundaries(write, monkeypatch, chunk):
    from procesmine import _xmltok

    monkeypatch.setattr(_xmltok, "CHUNK", chunk)
    for doc in (TYPED, TIES_LOG):
        path = write("c.xes", doc)
        assert read_xes(path).equals(read_xes(path, parser="lxml"))


@pytest.mark.sharedlogs
def test_small_chunks_on_a_real_log(shared_log, monkeypatch):
    from procesmine import _xmltok

    path = shared_log("receipt.xes.gz")
    expected = read_xes(path, parser="lxml")
    monkeypatch.setattr(_xmltok, "CHUNK", 4096)
    assert read_xes(path).equals(expected)
