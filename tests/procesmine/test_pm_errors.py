# SPDX-License-Identifier: MPL-2.0
"""Bad input raises LogError with what and where; nothing is half-written."""

from __future__ import annotations

import gzip

import pytest
from pmhelpers import TIES_LOG, xes_doc

from procesmine import LogError, ingest, read_log
from procesmine.xes import read_xes

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<log><trace><string key="concept:name" value="&lol9;"/></trace></log>
"""


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notxml.xes", "this is not xml at all\n", "not XML"),
        ("json.xes", '{"a": 1}', "not XML"),
        ("html.xes", "<html><body>hi</body></html>", "not XES: root element is <html>"),
        ("bomb.xes", BOMB, "document type declarations"),
        ("empty.xes", '<?xml version="1.0"?>\n<log>\n</log>\n', "empty log"),
        (
            "emptytrace.xes",
            "<log><trace><string key='concept:name' value='a'/></trace></log>",
            "empty log",
        ),
    ],
)
def test_bad_xes(write, name, content, message):
    with pytest.raises(LogError, match=message):
        read_log(write(name, content))


def test_bomb_refused_by_the_lxml_path_too(write):
    doc = BOMB.replace(
        "</trace>", "<event><string key='concept:name' value='&lol9;'/></event></trace>"
    )
    with pytest.raises(LogError, match="line 2: document type declarations"):
        read_xes(write("bomb.xes", doc), parser="lxml")


def test_truncated_xml_names_the_line(write):
    doc = TIES_LOG[: TIES_LOG.index("c3") + 20]
    with pytest.raises(LogError, match=r"line \d+: .*truncated"):
        read_log(write("cut.xes", doc))


def test_truncated_gzip(write, tmp_path):
    data = gzip.compress(TIES_LOG.encode())
    path = tmp_path / "cut.xes.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(LogError, match="truncated or corrupt gzip"):
        read_log(path)


def test_bad_xes_date_names_the_line(write):
    doc = xes_doc([("a", [("x", "2024-01-01T00:00:00Z"), ("y", "yesterday")])])
    with pytest.raises(LogError, match=r"line 11: attribute 'time:timestamp'.*'yesterday'"):
        read_log(write("d.xes", doc))


def test_unbalanced_tags(write):
    with pytest.raises(LogError, match="line 1"):
        read_log(write("u.xes", "<log></trace></log>"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("case_id,activity,resource\n1,a,x\n", "no timestamp column"),
        (
            "case_id,activity,timestamp\n1,a,2024-01-01\n1,b,not a date\n",
            r"row 3: cannot read timestamp 'not a date'",
        ),
        ("", "empty log"),
        ("case_id,activity,timestamp\n", "empty log"),
        ("case_id,activity,timestamp\n1,,2024-01-01\n", r"row 2: missing activity"),
        ("case_id,activity,timestamp\n1,a,2024-01-01\n1,b,\n", r"row 3: missing timestamp"),
    ],
)
def test_bad_csv(write, content, message):
    with pytest.raises(LogError, match=message):
        read_log(write("bad.csv", content))


def test_dst_gap_is_an_error(write):
    content = "Sagsnummer;Aktivitet;Tidspunkt\n1;a;31-03-2024 02:30\n"
    with pytest.raises(LogError, match="row 2"):
        read_log(write("gap.csv", content))


def test_unknown_timezone(write):
    with pytest.raises(LogError, match="unknown time zone"):
        read_log(
            write("a.csv", "case,activity,timestamp\n1,a,2024-01-01\n"), timezone="Mars/Olympus"
        )


def test_failed_ingest_writes_nothing(write, tmp_path):
    store = tmp_path / "store"
    with pytest.raises(LogError):
        ingest(write("bad.xes", "<log><trace>"), store)
    assert not store.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "bad.xes"]


def test_ingest_replaces_existing_store_whole(write, tmp_path):
    store = tmp_path / "store"
    ingest(write("a.xes", TIES_LOG), store)
    ingest(write("b.xes", xes_doc([("z", [("q", "2024-01-01T00:00:00Z")])])), store)
    log = read_log(store)
    assert log.activities == ["q"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xes", "b.xes", "store"]


def test_missing_file():
    with pytest.raises(LogError, match="cannot read file"):
        read_log("/nonexistent/log.xes")


def test_xes_event_without_timestamp(write):
    doc = xes_doc([("a", [("x", "2024-01-01T00:00:00Z"), ("y", "2024-01-02T00:00:00Z")])])
    doc = doc.replace('<date key="time:timestamp" value="2024-01-02T00:00:00Z"/>', "")
    with pytest.raises(LogError, match="row 2: missing timestamp"):
        read_log(write("nots.xes", doc))
