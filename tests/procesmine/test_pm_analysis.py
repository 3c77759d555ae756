# SPDX-License-Identifier: MPL-2.0
"""Analyses and filters on small logs with known answers."""

from __future__ import annotations

import statistics

import pytest
from pmhelpers import TIES_LOG

from procesmine import activity_stats, dfg, filters, read_log, summary, variants

M, V, H, A = "Modtag ansøgning", "Vurdér sag", "Høring", "Afgørelse"


@pytest.fixture
def log(write):
    return read_log(write("ties.xes", TIES_LOG))


def test_dfg_counts_follow_file_order_for_ties(log):
    d = dfg(log)
    assert d.counts() == {
        (M, V): 1,
        (V, H): 1,
        (H, A): 1,
        (M, H): 1,
        (H, V): 1,
        (V, A): 1,
        (M, A): 1,
    }
    assert d.start_activities == {M: 4}
    assert d.end_activities == {A: 3, M: 1}


def test_dfg_performance(log):
    edges = {(e.source, e.target): e for e in dfg(log, performance=True).edges}
    dst = edges[(M, A)]  # across the autumn DST change: 01:30+02:00 to 02:30+01:00
    assert (dst.count, dst.mean, dst.median, dst.min, dst.max, dst.sum) == (
        1,
        7200.0,
        7200.0,
        7200.0,
        7200.0,
        7200.0,
    )
    assert dst.stdev is None
    assert edges[(V, H)].mean == 0.0
    durations = [3600.0, 5400.0]
    e = edges[(M, V)]
    assert e.mean == 3600.0
    assert statistics.stdev(durations) > 0


def test_dfg_min_count(log):
    assert dfg(log, min_count=2).edges == []


def test_variants(log):
    vs = variants(log).variants
    assert len(vs) == 4
    assert all(v.count == 1 and v.share == 0.25 for v in vs)
    by_seq = {tuple(v.activities): v for v in vs}
    assert by_seq[(M,)].mean_duration == 0.0
    assert by_seq[(M, A)].mean_duration == 7200.0
    assert by_seq[(M, V, H, A)].mean_duration == 27 * 3600.0


def test_summary(log):
    s = summary(log).to_dict()
    assert (s["cases"], s["events"], s["activities"]) == (4, 11, 4)
    assert s["start"] == "2024-01-02T08:00:00Z"
    assert s["end"] == "2024-10-27T01:30:00Z"
    assert s["case_duration"]["min"] == 0.0


def test_activity_stats_rework(write):
    doc = TIES_LOG.replace('value="Høring"/>', 'value="Vurdér sag"/>', 1)
    stats = {a.activity: a for a in activity_stats(read_log(write("r.xes", doc))).activities}
    assert stats[V].events == 3
    assert stats[V].cases == 2
    assert stats[V].rework == 1
    assert stats[M].rework == 0


def test_filters_compose(log):
    only = filters.activities(log, [H], keep=False)
    assert dfg(only).counts()[(V, A)] == 2
    assert filters.top_variants(log, 2).cases.height == 2
    assert filters.variants_coverage(log, 50).cases.height == 2
    assert filters.variants_coverage(log, 51).cases.height == 3
    contained = filters.time_range(log, "2024-01-02", "2024-01-03 23:59", mode="contained")
    assert contained.cases["name"].to_list() == ["c1"]
    inter = filters.time_range(log, "2024-01-03", "2024-01-10", mode="intersecting")
    assert inter.cases["name"].to_list() == ["c1", "c2", "c3"]
    ev = filters.time_range(log, "2024-01-02T09:15:00+01:00", None, mode="events")
    assert ev.events.height == 10
    chained = filters.top_variants(filters.case_attribute(log, "name", ["c1", "c4"]), 1)
    assert chained.cases.height == 1
    with pytest.raises(Exception, match="no case attribute"):
        filters.case_attribute(log, "nope", ["x"])


def test_case_attribute_filter_on_typed_attribute(write):
    doc = TIES_LOG.replace(
        '<string key="concept:name" value="c1"/>',
        '<string key="concept:name" value="c1"/><int key="prio" value="1"/>',
    )
    log = read_log(write("p.xes", doc))
    assert filters.case_attribute(log, "prio", [1]).cases["name"].to_list() == ["c1"]
