# SPDX-License-Identifier: MPL-2.0
"""The store format and the package's isolation from Django and pm4py."""

from __future__ import annotations

import json
import subprocess
import sys

import polars as pl
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
