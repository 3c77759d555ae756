# SPDX-License-Identifier: MPL-2.0
"""Exactness against pm4py, the field's reference (test-only dependency, AGPL)."""

from __future__ import annotations

import math
import warnings

import pytest
from pmhelpers import CSV_PARAMS, TIES_LOG, XES_PARAMS

from procesmine import dfg, read_log, summary, variants

pytestmark = pytest.mark.oracle
REL = 1e-9


@pytest.fixture(scope="module")
def pm4py():
    warnings.filterwarnings("ignore")
    return pytest.importorskip("pm4py", reason="pm4py (the 'oracle' extra) is not installed")


def _close(a, b):
    if b is None or (isinstance(b, float) and math.isnan(b)):
        return a is None
    return a is not None and abs(a - b) <= REL * max(abs(b), 1e-12) + 1e-12


def compare(pm4py, log, df):
    ours = dfg(log, performance=True)
    counts, starts, ends = pm4py.discover_dfg(df)
    assert ours.counts() == dict(counts)
    assert ours.start_activities == dict(starts)
    assert ours.end_activities == dict(ends)
    perf, _, _ = pm4py.discover_performance_dfg(df)
    assert len(perf) == len(ours.edges)
    for e in ours.edges:
        ref = perf[(e.source, e.target)]
        for key in ("mean", "median", "min", "max", "sum", "stdev"):
            if key == "stdev" and e.count == 1:
                continue  # one pair: undefined sample deviation (we report None)
            assert _close(getattr(e, key), ref[key]), (e.source, e.target, key)
    ref_variants = {
        tuple(k): (v if isinstance(v, int) else len(v)) for k, v in pm4py.get_variants(df).items()
    }
    assert {tuple(v.activities): v.count for v in variants(log).variants} == ref_variants
    ref_durations = sorted(pm4py.get_all_case_durations(df))
    assert summary(log).cases == len(ref_durations)
    assert summary(log).case_duration["max"] == pytest.approx(ref_durations[-1], rel=REL)


@pytest.mark.sharedlogs
@pytest.mark.parametrize("name", XES_PARAMS)
def test_xes_logs_match_pm4py(pm4py, shared_log, name):
    path = shared_log(name)
    compare(pm4py, read_log(path), pm4py.read_xes(str(path)))


@pytest.mark.sharedlogs
@pytest.mark.parametrize("name", CSV_PARAMS)
def test_csv_logs_match_pm4py(pm4py, shared_log, name):
    import pandas as pd

    path = shared_log(name)
    df = pd.read_csv(path)
    df = pm4py.format_dataframe(
        df, case_id="case:concept:name", activity_key="concept:name", timestamp_key="time:timestamp"
    )
    compare(pm4py, read_log(path), df)


def test_small_log_with_ties_matches_pm4py(pm4py, write):
    path = write("ties.xes", TIES_LOG)
    compare(pm4py, read_log(path), pm4py.read_xes(str(path)))
