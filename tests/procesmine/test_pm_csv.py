# SPDX-License-Identifier: MPL-2.0
"""CSV from Danish case systems and Excel; Parquet with a column mapping."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl
import pytest

from procesmine import dfg, read_log


def _utc(log):
    return [
        datetime.fromtimestamp(t / 1e6, tz=UTC).isoformat()
        for t in log.events.sort("index")["time"].to_list()
    ]


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_delimiters_and_danish_names(write, sep):
    rows = [
        ["Sags-ID", "Aktivitet", "Tidspunkt", "Sagsbehandler", "Afdeling"],
        ["S1", "Modtag", "02-01-2024 09:00", "Åse", "Børn"],
        ["S1", "Afgør", "03-01-2024 10:15:30", "Øjvind", "Børn"],
    ]
    text = "\n".join(sep.join(r) for r in rows) + "\n"
    log = read_log(write("s.csv", text))
    assert log.activities == ["Afgør", "Modtag"]
    assert log.events["resource"].to_list() == ["Åse", "Øjvind"]
    assert "Afdeling" in log.events.columns
    assert _utc(log) == ["2024-01-02T08:00:00+00:00", "2024-01-03T09:15:30+00:00"]


def test_bom_and_windows_1252(write):
    text = "Sagsnummer;Aktivitet;Dato\n1;Høring;01.06.2024\n1;Afgørelse;02.06.2024\n"
    a = read_log(write("bom.csv", "\ufeff" + text))
    b = read_log(write("cp.csv", text, encoding="cp1252"))
    assert a.activities == b.activities == ["Afgørelse", "Høring"]
    # Summer time: local midnight is 22:00 UTC the day before.
    assert _utc(a) == _utc(b) == ["2024-05-31T22:00:00+00:00", "2024-06-01T22:00:00+00:00"]


def test_iso_with_and_without_offsets_and_dst(write):
    text = (
        "case_id,activity,timestamp\n"
        "1,a,2024-10-27 01:30:00\n"  # CEST (+02:00)
        "1,b,2024-10-27T02:30:00+01:00\n"  # explicit offset wins
        "1,c,2024-10-27 03:30\n"  # CET (+01:00)
        "2,a,2024-03-31T01:59:59Z\n"
    )
    log = read_log(write("dst.csv", text))
    assert _utc(log) == [
        "2024-10-26T23:30:00+00:00",
        "2024-10-27T01:30:00+00:00",
        "2024-10-27T02:30:00+00:00",
        "2024-03-31T01:59:59+00:00",
    ]


def test_explicit_mapping_format_and_timezone(write):
    text = "id|what|when|who\n7|x|2024/02/01 10h00|me\n7|y|2024/02/01 11h00|you\n"
    text = text.replace("|", ";")
    log = read_log(
        write("m.csv", text),
        case_column="id",
        activity_column="what",
        timestamp_column="when",
        resource_column="who",
        timestamp_format="%Y/%m/%d %Hh%M",
        timezone="UTC",
    )
    assert _utc(log) == ["2024-02-01T10:00:00+00:00", "2024-02-01T11:00:00+00:00"]
    assert log.cases["name"].to_list() == ["7"]


def test_ties_keep_file_order(write):
    text = (
        "case,activity,timestamp\n1,a,2024-01-01 10:00\n1,c,2024-01-01 11:00\n"
        "1,b,2024-01-01 11:00\n2,a,2024-01-01 10:00\n2,b,2024-01-01 11:00\n"
        "2,c,2024-01-01 11:00\n"
    )
    counts = dfg(read_log(write("t.csv", text))).counts()
    assert counts == {("a", "c"): 1, ("c", "b"): 1, ("a", "b"): 1, ("b", "c"): 1}


def test_start_timestamp_column(write):
    text = (
        "case,activity,start,end\n1,a,2024-01-01 10:00,2024-01-01 10:30\n"
        "1,b,2024-01-01 11:00,2024-01-01 12:00\n"
    )
    log = read_log(write("i.csv", text), timestamp_column="end")
    assert "start_time" in log.events.columns
    edge = dfg(log, performance=True).edges[0]
    assert edge.mean == 1800.0  # end of a to start of b


def test_parquet_with_mapping(tmp_path):
    frame = pl.DataFrame(
        {
            "sag": ["k1", "k1", "k2"],
            "trin": ["a", "b", "a"],
            "tid": [datetime(2024, 1, 1, 10), datetime(2024, 1, 1, 11), datetime(2024, 1, 2, 9)],
        }
    )
    path = tmp_path / "log.parquet"
    frame.write_parquet(path)
    log = read_log(
        path, case_column="sag", activity_column="trin", timestamp_column="tid", timezone="UTC"
    )
    assert dfg(log).counts() == {("a", "b"): 1}
    assert log.cases["name"].to_list() == ["k1", "k2"]


def test_missing_start_time_means_an_instantaneous_event(write):
    text = (
        "case,activity,start,timestamp\n"
        "1,A,2024-01-01 10:00,2024-01-01 10:05\n"
        "1,B,,2024-01-01 11:00\n"
        "1,C,2024-01-01 11:30,2024-01-01 12:00\n"
    )
    log = read_log(write("s.csv", text))
    got = {(e.source, e.target): e.mean for e in dfg(log, performance=True).edges}
    # B starts when it ends (11:00): A ends 10:05 -> 55 min, B ends 11:00 -> C at 11:30.
    assert got == {("A", "B"): 55 * 60.0, ("B", "C"): 30 * 60.0}
