# SPDX-License-Identifier: MPL-2.0
"""The store format and the package's isolation from Django and pm4py."""

from __future__ import annotations

import json
import subprocess
import sys

import polars as pl
import pytest
from pmhelpers import REPO, TIES_LOG

from procesmine import ingest, read_store


def test_store_layout_and_order(write, tmp_path):
    store = tmp_path / "st"
    log = ingest(write("t.xes", TIES_LOG), store)
    assert sorted(p.name for p in store.iterdir()) == [
        "activities.parquet",
        "cases.parquet",
        "events.parquet",
        "meta.json",
    ]
    ev = pl.read_parquet(store / "events.parquet")
    assert ev.schema["case"] == pl.UInt32
    assert ev.schema["activity"] == pl.UInt32
    assert ev.schema["time"] == pl.Int64
    assert ev.schema["index"] == pl.UInt32
    assert ev.equals(ev.sort(["case", "time", "index"]))
    labels = pl.read_parquet(store / "activities.parquet")["label"].to_list()
    assert labels == sorted(labels)
    assert json.loads((store / "meta.json").read_text())["version"] == 1
    again = read_store(store)
    assert again.events.equals(log.events)
    assert again.cases.equals(log.cases)
    # The tie in c2 (Høring before Vurdér in the file) survives the round trip.
    c2 = again.events.filter(pl.col("case") == 1)
    assert [again.activities[a] for a in c2["activity"]][1:3] == ["Høring", "Vurdér sag"]


def test_engine_imports_neither_django_nor_pm4py():
    code = (
        "import sys, procesmine, procesmine.cli, procesmine.render, procesmine.filters;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('django', 'pm4py')];"
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": ""},
    )
    assert out.stdout.strip() == ""


def test_readers_and_analyses_leave_pandas_unimported(write, tmp_path):
    # pyarrow imports pandas (a quarter of a second) the first time it converts to or from
    # NumPy, where pandas is installed; the engine converts by way of Polars instead.
    pytest.importorskip("pandas")  # without pandas there is nothing to leave out
    xes = write("t.xes", TIES_LOG)
    csv = write("t.csv", "Sagsnummer;Aktivitet;Tidspunkt\nS1;Modtag;01-02-2024 10:00\n")
    log = ingest(xes, tmp_path / "st")
    log.events.with_columns(
        pl.col("case").cast(pl.String).alias("case_id"),
        pl.col("activity").cast(pl.String).alias("activity_name"),
        pl.col("time").cast(pl.Datetime("us", "UTC")),
    ).write_parquet(tmp_path / "t.parquet")
    code = (
        "import sys, procesmine as pm, procesmine.render as r;"
        "xes, csv, parquet, store = sys.argv[1:];"
        "logs = [pm.read_log(xes), pm.read_log(csv), pm.read_store(store), pm.read_log(parquet,"
        " case_column='case_id', activity_column='activity_name', timestamp_column='time')];"
        "[(pm.dfg(g, performance=True), pm.variants(g), pm.summary(g), pm.activity_stats(g))"
        " for g in logs];"
        "r.to_dot(pm.dfg(logs[0], performance=True)); r.to_json(pm.variants(logs[3]));"
        "print(len(logs), 'pandas' in sys.modules)"
    )
    paths = [str(xes), str(csv), str(tmp_path / "t.parquet"), str(tmp_path / "st")]
    out = subprocess.run(
        [sys.executable, "-c", code, *paths], capture_output=True, text=True, check=False,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": ""},
    )  # fmt: skip
    assert out.stdout.split() == ["4", "False"], out.stderr
