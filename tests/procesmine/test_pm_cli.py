# SPDX-License-Identifier: MPL-2.0
"""The command line and its JSON, CSV, DOT and SVG output."""

from __future__ import annotations

import json
import shutil

import pytest
from pmhelpers import TIES_LOG

from procesmine.cli import main


def run(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def log(write):
    return write("ties.xes", TIES_LOG)


def test_dfg_json_shape(capsys, log):
    code, out, _ = run(capsys, "dfg", log, "--performance")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"edges", "start_activities", "end_activities"}
    assert set(data["edges"][0]) == {
        "source",
        "target",
        "count",
        "mean",
        "median",
        "min",
        "max",
        "sum",
        "stdev",
    }
    assert data["start_activities"] == {"Modtag ansøgning": 4}
    _, plain, _ = run(capsys, "dfg", log)
    assert set(json.loads(plain)["edges"][0]) == {"source", "target", "count"}


def test_variants_and_summary_json(capsys, log):
    _, out, _ = run(capsys, "variants", log)
    v = json.loads(out)["variants"][0]
    assert set(v) == {"activities", "count", "share", "mean_duration"}
    _, out, _ = run(capsys, "summary", log)
    s = json.loads(out)
    assert (s["cases"], s["events"], s["activities"]) == (4, 11, 4)
    assert s["start"].endswith("Z")


def test_activities_csv(capsys, log):
    code, out, _ = run(capsys, "activities", log, "--format", "csv")
    assert code == 0
    assert out.splitlines()[0] == "activity,events,cases,resources,rework"


def test_dot_and_filters(capsys, log):
    _, out, _ = run(
        capsys,
        "dfg",
        log,
        "--format",
        "dot",
        "--remove-activity",
        "Høring",
        "--min-edge-count",
        "2",
    )
    assert out.startswith("digraph dfg {")
    assert "Høring" not in out
    assert '[label="2"' in out


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed")
def test_svg(capsys, log, tmp_path):
    target = tmp_path / "map.svg"
    code, _, _ = run(capsys, "dfg", log, "--format", "svg", "--performance", "-o", target)
    assert code == 0
    assert "<svg" in target.read_text(encoding="utf-8")


def test_csv_options(capsys, write):
    path = write("x.csv", "a;b;c\n1;x;01-02-2024 10:00\n1;y;01-02-2024 11:00\n")
    code, out, _ = run(
        capsys,
        "dfg",
        path,
        "--case-column",
        "a",
        "--activity-column",
        "b",
        "--timestamp-column",
        "c",
        "--timestamp-format",
        "%d-%m-%Y %H:%M",
        "--timezone",
        "UTC",
        "--performance",
    )
    assert code == 0
    assert json.loads(out)["edges"][0]["mean"] == 3600.0


def test_ingest_then_analyse(capsys, log, tmp_path):
    code, out, _ = run(capsys, "ingest", log, tmp_path / "st")
    assert code == 0 and "11 events" in out
    _, out, _ = run(capsys, "summary", tmp_path / "st")
    assert json.loads(out)["events"] == 11


def test_error_exit(capsys, write):
    code, out, err = run(capsys, "dfg", write("x.xes", "garbage"))
    assert code == 2 and out == ""
    assert "procesmine: error:" in err and "not XML" in err
    code, _, err = run(capsys, "summary", write("y.xes", TIES_LOG), "--format", "dot")
    assert code == 2 and "use it with 'dfg'" in err
