# SPDX-License-Identifier: MPL-2.0
"""The fast paths (Parquet dictionaries, variant keys as bytes, DFG times from one sorted
key) agree with the plain string path and with references computed here another way."""

from __future__ import annotations

import random
import statistics
from collections import Counter
from itertools import pairwise

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from procesmine import analysis, dfg, encode, graph, read_log, tabular, variants
from procesmine.errors import LogError
from procesmine.store import ColumnMapping, from_frame

MAPPING = ColumnMapping("case", "activity", "time", resource="org:resource")
INTERVAL = ColumnMapping("case", "activity", "time", start_timestamp="start")
US_DAY = 86_400 * 10**6
T0 = 1_704_067_200 * 10**6  # 2024-01-01 UTC in microseconds
TS = pa.timestamp("us", tz="UTC")


def _pq(tmp_path, case, activity, time=None, **kw):
    """A Parquet event table; times default to one microsecond apart."""
    time = pa.array(time or [T0 + i for i in range(len(case))], TS)
    path = tmp_path / "log.parquet"
    pq.write_table(pa.table({"case": case, "activity": activity, "time": time}), path, **kw)
    return path


def _same_as_string_path(path, spy):
    """read_log(path) equals from_frame on the decoded Parquet (the old string path).
    Returns the log and the calls ``spy`` counted during read_log alone."""
    got = read_log(path)
    calls = dict(spy)
    ref = from_frame(pl.read_parquet(path), MAPPING, source=str(path))
    assert got.events.equals(ref.events)
    assert got.cases.equals(ref.cases)
    assert got.activities == ref.activities
    return got, calls


@pytest.fixture
def spy(monkeypatch):
    """Counts calls of the dictionary coder and of the hashing fallback for case ids."""
    calls = {"dictionary_case_ids": 0, "_hashed_ids": 0}
    for name in calls:
        orig = getattr(encode, name)

        def wrapped(*a, _orig=orig, _name=name, **k):
            calls[_name] += 1
            return _orig(*a, **k)

        monkeypatch.setattr(encode, name, wrapped)
    return calls


def test_parquet_small_row_groups_cases_across_boundaries(tmp_path, spy):
    rng = random.Random(1)
    case, act, time = [], [], []
    for c in range(20):
        for j in range(c % 9 + 1):  # run lengths 1..9 against row groups of 7
            case.append(f"sag-{c:02d}")
            act.append(rng.choice(["Modtag", "Vurdér", "Afgør", "Høring"]))
            time.append(T0 + c * US_DAY + j * 60 * 10**6)
    path = _pq(tmp_path, case, act, time, row_group_size=7)
    assert pq.ParquetFile(path).num_row_groups > 10
    log, calls = _same_as_string_path(path, spy)
    assert calls == {"dictionary_case_ids": 1, "_hashed_ids": 0}  # runs only, no hashing
    assert log.cases["name"].to_list() == [f"sag-{c:02d}" for c in range(20)]
    assert log.events.group_by("case").len().sort("case")["len"].to_list() == [
        c % 9 + 1 for c in range(20)
    ]


def test_parquet_interleaved_cases_fall_back(tmp_path, spy):
    # Sorted by time: each case appears in several separate runs.
    cases = [f"k{i % 4}" for i in range(30)]
    path = _pq(tmp_path, cases, [f"A{i % 3}" for i in range(30)], row_group_size=5)
    log, calls = _same_as_string_path(path, spy)
    assert calls["dictionary_case_ids"] == 1 and calls["_hashed_ids"] == 1
    assert log.cases["name"].to_list() == ["k0", "k1", "k2", "k3"]


def test_parquet_case_in_two_runs_in_different_row_groups(tmp_path, spy):
    # Row groups [A A B] [B C A] [A]: B continues across a boundary, A comes back later.
    case = ["A", "A", "B", "B", "C", "A", "A"]
    path = _pq(tmp_path, case, ["x", "y", "x", "y", "x", "z", "w"], row_group_size=3)
    log, calls = _same_as_string_path(path, spy)
    assert calls["_hashed_ids"] == 1
    assert log.cases["name"].to_list() == ["A", "B", "C"]
    a_events = log.events.filter(pl.col("case") == 0)
    assert [log.activities[a] for a in a_events["activity"]] == ["x", "y", "z", "w"]


def test_parquet_dictionary_with_unused_values(tmp_path, spy):
    act = pa.DictionaryArray.from_arrays(
        pa.array([0, 1, 3, 0, 3, 1], pa.int32()), ["A", "B", "Unused", "C"]
    )
    case = pa.DictionaryArray.from_arrays(
        pa.array([2, 2, 2, 0, 0, 0], pa.int32()), ["z-sag", "ubrugt", "a-sag"]
    )
    path = _pq(tmp_path, case, act, row_group_size=4)
    stored = pq.read_table(path, read_dictionary=["activity"]).column("activity").chunk(0)
    assert "Unused" in stored.dictionary.to_pylist()  # the file really carries it
    log, calls = _same_as_string_path(path, spy)
    assert calls["dictionary_case_ids"] == 1
    assert log.activities == ["A", "B", "C"]
    assert log.cases["name"].to_list() == ["a-sag", "z-sag"]
    assert log.labelled(log.events["activity"]).to_list() == ["A", "B", "C", "A", "C", "B"]


def test_parquet_integer_case_column_uses_the_string_path(tmp_path, spy):
    path = _pq(tmp_path, pa.array([30, 30, 1, 1, 2], pa.int64()), ["a", "b", "a", "c", "b"])
    log, calls = _same_as_string_path(path, spy)
    assert calls["dictionary_case_ids"] == 0
    assert log.cases["name"].to_list() == ["30", "1", "2"]


def test_parquet_large_string_and_danish_letters(tmp_path, spy):
    acts = ["Åbn sag", "Høring", "Ændring", "Afgørelse", "Øvrigt", "Høring", "Åbn sag"]
    case = pa.array(["æ1", "æ1", "ø2", "ø2", "ø2", "å3", "å3"], pa.large_string())
    path = _pq(tmp_path, case, pa.array(acts, pa.large_string()), row_group_size=3)
    assert pq.read_schema(path).field("activity").type == pa.large_string()
    log, calls = _same_as_string_path(path, spy)
    assert calls["dictionary_case_ids"] == 1
    assert log.activities == sorted(set(acts), key=lambda s: s.encode())
    assert log.cases["name"].to_list() == ["æ1", "ø2", "å3"]
    assert log.labelled(log.events["activity"]).to_list() == acts


@pytest.mark.parametrize(("column", "row"), [("case", 5), ("activity", 12)])
def test_parquet_missing_value_names_row_and_column(tmp_path, column, row):
    values = {"case": [f"c{i // 3}" for i in range(15)], "activity": ["a", "b", "c"] * 5}
    values[column][row - 1] = None
    # Row 12 lies in the second row group.
    path = _pq(tmp_path, values["case"], values["activity"], row_group_size=7)
    with pytest.raises(LogError) as fast:
        read_log(path)
    assert fast.value.row == row
    assert f"row {row}:" in str(fast.value) and f"'{column}'" in str(fast.value)
    with pytest.raises(LogError) as plain:
        from_frame(pl.read_parquet(path), MAPPING, source=str(path))
    assert str(fast.value) == str(plain.value)


def test_parquet_empty_and_not_parquet(tmp_path, write):
    empty = _pq(tmp_path, pa.array([], pa.string()), pa.array([], pa.string()))
    with pytest.raises(LogError, match="empty"):
        read_log(empty)
    with pytest.raises(LogError, match="cannot read Parquet"):
        read_log(write("x.parquet", b"case,activity,time\n1,a,2024-01-01\n"))


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_read_log_columns(tmp_path, monkeypatch, fmt):
    frame = pl.DataFrame(
        {
            "case": ["s1", "s1", "s2"],
            "activity": ["Modtag", "Afgør", "Modtag"],
            "time": ["2024-01-02T10:00:00Z", "2024-01-03T10:00:00Z", "2024-01-02T11:00:00Z"],
            "start_timestamp": ["2024-01-02T09:00Z", "2024-01-03T09:00Z", "2024-01-02T11:00Z"],
            "org:resource": ["Åse", "Bo", "Åse"],
            "cost": ["1", "2", "3"],
            "case:region": ["Nord", "Nord", "Syd"],
        }
    )
    path = tmp_path / f"log.{fmt}"
    frame.write_parquet(path) if fmt == "parquet" else frame.write_csv(path)
    reads = []
    orig = tabular.read_parquet
    monkeypatch.setattr(tabular, "read_parquet", lambda p, c=None: reads.append(c) or orig(p, c))
    full = read_log(path)
    assert {"resource", "cost", "start_time"} <= set(full.events.columns)
    assert full.cases.columns == ["case", "name", "region"]

    bare = read_log(path, columns=[])
    assert bare.events.columns == ["case", "activity", "time", "index", "start_time"]
    assert bare.cases.columns == ["case", "name"]
    assert bare.events.equals(full.events.select(bare.events.columns))
    assert bare.activities == full.activities

    res = read_log(path, columns=["org:resource"])
    assert set(res.events.columns) == {*bare.events.columns, "resource"}
    assert res.events.equals(full.events.select(res.events.columns))
    if fmt == "parquet":  # the other columns are not even read
        assert reads[1:] == [
            ["time", "start_timestamp"],
            ["time", "start_timestamp", "org:resource"],
        ]

    with pytest.raises(LogError, match="no column 'nope'"):
        read_log(path, columns=["nope"])


def _log(rows, interval=False):
    """rows: (case, activity, end_us[, start_us]) in file order."""
    cols = {"case": [r[0] for r in rows], "activity": [r[1] for r in rows]}
    cols["time"] = pl.from_epoch(pl.Series([r[2] for r in rows]), "us")
    if interval:
        cols["start"] = pl.from_epoch(pl.Series([r[3] for r in rows]), "us")
    frame = pl.DataFrame(cols).with_columns(pl.selectors.datetime().dt.replace_time_zone("UTC"))
    return from_frame(frame, INTERVAL if interval else MAPPING)


def _traces(rows, interval=False):
    """Per case (first appearance order) its events sorted as the store sorts them."""
    out: dict[str, list] = {}
    for pos, r in enumerate(rows):
        out.setdefault(r[0], []).append((r[3] if interval else 0, r[2], pos, r[1]))
    return {c: sorted(evs) for c, evs in out.items()}


def _reference_variants(rows, interval=False):
    traces = _traces(rows, interval)
    ends = [[e[1] for e in evs] for evs in traces.values()]
    per_case = pl.DataFrame(
        {
            "labels": [[e[3] for e in evs] for evs in traces.values()],
            "duration": [(max(x) - min(x)) / 1e6 for x in ends],
        }
    )
    table = per_case.group_by("labels").agg(pl.len().alias("n"), pl.col("duration").mean())
    out = [(lab, n, n / len(traces), d) for lab, n, d in table.iter_rows()]
    return sorted(out, key=lambda v: (-v[1], "\x1f".join(v[0])))


def _check_variants(log, rows, interval=False):
    got = [(v.activities, v.count, v.share, v.mean_duration) for v in variants(log).variants]
    ref = _reference_variants(rows, interval)
    assert [g[:3] for g in got] == [r[:3] for r in ref]
    assert [g[3] for g in got] == pytest.approx([r[3] for r in ref], rel=1e-12, abs=1e-9)
    assert analysis.variant_table(log)["count"].sum() == log.cases.height


def test_variants_with_300_activities_use_two_byte_keys():
    rng = random.Random(3)
    labels = [f"a{i:03d}" for i in range(300)]
    # Same low byte, different high byte: a one-byte key would mix these up.
    templates = [[1], [257], [1, 2], [257, 258], [256], [0, 1], [299, 44, 299]]
    templates += [[rng.randrange(300) for _ in range(rng.randrange(1, 7))] for _ in range(30)]
    seqs = [rng.choice(templates) for _ in range(500)] + [[i, (i * 7) % 300] for i in range(300)]
    rows = []
    for c, seq in enumerate(seqs):
        t = T0 + rng.randrange(0, 365 * US_DAY)
        for a in seq:
            t += rng.randrange(0, 5 * US_DAY)
            rows.append((f"c{c}", labels[a], t))
    rng.shuffle(rows)  # interleaved; equal times keep file order
    log = _log(rows)
    assert log.activities == labels
    keys = analysis.case_variants(log).sort("case")
    lengths = log.events.group_by("case").len().sort("case")["len"]
    assert (keys["key"].bin.size() == 2 * lengths).all()
    _check_variants(log, rows)


def test_variants_interval_log_and_one_event_cases():
    rows = [
        # Ordered by start: A then B, though A ends last (duration from end times).
        ("x", "A", T0 + 100, T0 + 0),
        ("x", "B", T0 + 20, T0 + 10),
        ("y", "B", T0 + 50, T0 + 40),
        ("y", "A", T0 + 60, T0 + 30),
        ("z", "C", T0 + 5, T0 + 1),
        ("w", "C", T0 + 9, T0 + 9),
    ]
    log = _log(rows, interval=True)
    _check_variants(log, rows, interval=True)
    assert [(v.activities, v.count) for v in variants(log).variants] == [
        (["A", "B"], 2),  # ties in count: by labels
        (["C"], 2),
    ]
    rng = random.Random(5)
    rows = []
    for c in range(200):
        for _ in range(rng.choice([1, 1, 2, 3, 4])):
            end = T0 + rng.randrange(0, 10 * US_DAY)
            rows.append((f"c{c}", rng.choice("PQRS"), end, end - rng.randrange(0, 3 * US_DAY)))
    _check_variants(_log(rows, interval=True), rows, interval=True)


def _random_rows(seed, n_act, interval, n_cases=300):
    rng = random.Random(seed)
    labels = [f"{'Høring' if i % 3 else 'Akt'} {i:02d}" for i in range(n_act)]
    rows = []
    for c in range(n_cases):
        t = T0 - rng.randrange(0, 25 * 365 * US_DAY)
        for _ in range(rng.randrange(1, 9)):  # one-event cases too
            t += rng.choice([0, rng.randrange(1, 2 * 365 * US_DAY)])
            rows.append((f"k{c}", rng.choice(labels), t, t - rng.randrange(0, 400 * US_DAY)))
    rng.shuffle(rows)
    return rows


def _reference_dfg(rows, interval):
    traces = _traces(rows, interval)
    pairs = [
        (a[3], b[3], (b[0] if interval else b[1]) - a[1])
        for evs in traces.values()
        for a, b in pairwise(evs)
    ]
    frame = pl.DataFrame(pairs, schema=["src", "dst", "d"], orient="row")
    d = pl.col("d")
    stats = frame.group_by("src", "dst").agg(
        pl.len(), d.sum().alias("sum"), d.median().alias("median"), d.min().alias("min"),
        d.max().alias("max"), d.std(ddof=1).alias("std"),
    )  # fmt: skip
    edges = sorted(stats.iter_rows(), key=lambda r: (-r[2], r[0], r[1]))
    firsts = [evs[0][3] for evs in traces.values()]
    lasts = [evs[-1][3] for evs in traces.values()]

    def counts(xs):
        return dict(sorted(Counter(xs).items(), key=lambda kv: (-kv[1], kv[0])))

    return edges, counts(firsts), counts(lasts), counts(r[1] for r in rows), pairs


def _check_dfg(got, rows, interval):
    edges, starts, ends, acts, _ = _reference_dfg(rows, interval)
    assert [(e.source, e.target, e.count) for e in got.edges] == [r[:3] for r in edges]
    for e, (_, _, n, total, median, low, high, std) in zip(got.edges, edges, strict=True):
        assert e.sum == total / 10**6 and e.mean == total / (n * 10**6)
        assert (e.min, e.max) == (low / 10**6, high / 10**6)
        assert e.median == pytest.approx(median / 1e6, rel=1e-15)
        assert e.stdev == (None if n == 1 else pytest.approx(std / 1e6, rel=1e-9))
    assert list(got.start_activities.items()) == list(starts.items())
    assert list(got.end_activities.items()) == list(ends.items())
    assert got.activity_counts == acts


@pytest.fixture
def sorts(monkeypatch):
    """Lengths of the key columns procesmine.graph sorts: only the packed-key path sorts."""
    calls = []
    orig = graph._sorted

    def counting(keys):
        calls.append(len(keys))
        return orig(keys)

    monkeypatch.setattr(graph, "_sorted", counting)
    return calls


def _packed_fits(rows, interval, n_act):
    # The key's time part spans the widest possible wait, taken from the columns' ranges:
    # end - end for plain logs, next start - end for interval logs.
    ends = [r[2] for r in rows]
    starts = [r[3] for r in rows] if interval else ends
    low = min(starts) - max(ends) if interval else 0
    span = max(starts) - min(ends) - low
    return (n_act * n_act - 1) << max(span.bit_length(), 1) < 2**63


@pytest.mark.parametrize("interval", [False, True])
def test_dfg_performance_packed_and_hash_paths_match_reference(monkeypatch, sorts, interval):
    rows = _random_rows(11, 40, interval)
    log = _log(rows, interval)
    assert len(log.activities) == 40 and _packed_fits(rows, interval, 40)
    packed = dfg(log, performance=True)
    assert len(sorts) == 1
    _check_dfg(packed, rows, interval)
    if interval:
        assert min(e.min for e in packed.edges) < 0  # overlapping intervals
    orig = graph._time_stats
    monkeypatch.setattr(graph, "_time_stats", lambda pairs, events, n: orig(pairs, events, 2**62))
    hashed = dfg(log, performance=True)
    assert len(sorts) == 1  # no further sort: grouped by hashing
    _check_dfg(hashed, rows, interval)
    for a, b in zip(packed.edges, hashed.edges, strict=True):
        assert (a.source, a.target, a.count, a.sum, a.mean, a.min, a.max, a.median) == (
            b.source, b.target, b.count, b.sum, b.mean, b.min, b.max, b.median
        )  # fmt: skip
        assert a.stdev == (None if b.stdev is None else pytest.approx(b.stdev, rel=1e-12))


@pytest.mark.parametrize(("n_act", "interval", "packed"), [(4, 0, 1), (5, 0, 0), (12, 1, 0)])
def test_dfg_keys_at_the_63_bit_limit(sorts, n_act, interval, packed):
    # Waits of 0 to 9998 years (year 1 to 9999) need 59 bits: with 4 activities (16 edges)
    # the largest key is just below 2**63; 5 activities, or negative waits, do not fit.
    y1, y9999 = -62_135_596_800 * 10**6, 253_370_764_800 * 10**6
    labels = [f"A{i}" for i in range(n_act)]
    rows = []
    for i, a in enumerate(labels):
        for j, b in enumerate(labels):
            rows += [(f"x{a}{b}", a, y1 + i, y1 + i), (f"x{a}{b}", b, y9999 - j, y9999 - j)]
            rows += [(f"y{a}{b}", a, T0, T0), (f"y{a}{b}", b, T0, T0)]
            if interval:  # b starts in year 1, long before a ends in year 9999
                rows += [(f"z{a}{b}", a, y9999, y1), (f"z{a}{b}", b, y9999, y1 + 1)]
    log = _log(rows, interval)
    assert _packed_fits(rows, interval, n_act) == bool(packed)
    got = dfg(log, performance=True)
    assert len(sorts) == packed
    _check_dfg(got, rows, interval)
    assert max(e.max for e in got.edges) > 9997 * 365 * 86_400  # seconds
    if interval:
        assert min(e.min for e in got.edges) < -9997 * 365 * 86_400


def test_dfg_interval_negative_waits_by_hand():
    m = 60 * 10**6
    rows = [
        ("c1", "A", T0 + 10 * m, T0),
        ("c1", "B", T0 + 20 * m, T0 + 5 * m),  # starts 5 min before A ends
        ("c1", "C", T0 + 40 * m, T0 + 30 * m),
        ("c2", "A", T0 + 60 * m, T0),
        ("c2", "B", T0 + 2 * m, T0 + 1 * m),  # starts 59 min before A ends
    ]
    got = dfg(_log(rows, interval=True), performance=True)
    ab, bc = got.edges
    assert (ab.source, ab.target, ab.count) == ("A", "B", 2)
    assert [ab.min, ab.max, ab.sum, ab.mean, ab.median] == [-3540, -300, -3840, -1920, -1920]
    assert ab.stdev == pytest.approx(statistics.stdev([-3540, -300]))
    assert (bc.source, bc.target, bc.count, bc.min, bc.stdev) == ("B", "C", 1, 600.0, None)
    _check_dfg(got, rows, True)


@pytest.mark.parametrize("performance", [False, True])
def test_start_end_activities_ignore_min_count(performance):
    rows = _random_rows(4, 8, False, n_cases=150)
    log = _log(rows)
    full = dfg(log, performance=performance)
    if performance:
        _check_dfg(full, rows, False)
    edges, starts, ends, acts, _ = _reference_dfg(rows, False)
    assert full.counts() == {(r[0], r[1]): r[2] for r in edges}
    assert sum(starts.values()) == sum(ends.values()) == log.cases.height
    assert any(len(evs) == 1 for evs in _traces(rows).values())
    k = statistics.median(e.count for e in full.edges)
    cut = dfg(log, performance=performance, min_count=k)
    assert 0 < len(cut.edges) < len(full.edges)
    assert cut.edges == [e for e in full.edges if e.count >= k]
    assert cut.start_activities == full.start_activities == starts
    assert cut.end_activities == full.end_activities == ends
    assert cut.activity_counts == full.activity_counts == acts


@pytest.mark.parametrize(("block", "n_act"), [(7, 3), (64, 3), (5, 40), (1 << 20, 40)])
def test_dfg_statistics_taken_block_by_block(monkeypatch, sorts, block, n_act):
    # Runs of one edge cross block edges (blocks of 5 to 64 pairs); with 3 activities
    # the runs are found by bisection (9 possible edges, fewer than the pairs), with 40
    # by comparing neighbouring keys (1,600 possible edges, more than the pairs).
    monkeypatch.setattr(graph, "_BLOCK", block)
    rows = _random_rows(23, n_act, interval=False, n_cases=150)
    log = _log(rows, interval=False)
    pairs = len(_reference_dfg(rows, False)[4])
    assert (n_act * n_act <= pairs) == (n_act == 3) and pairs > 5 * min(block, 64)
    _check_dfg(dfg(log, performance=True), rows, interval=False)
    assert sorts == [pairs]  # the packed path, one sort of all pairs


def test_parquet_case_continues_across_the_halves_of_the_row_groups(tmp_path, spy):
    # 4 row groups of 3 rows, read in two halves (groups 0-1 and 2-3): case "m" runs from
    # the last row of group 1 into group 2, so the halves meet inside one case.
    case = ["a", "a", "b", "b", "b", "m", "m", "m", "c", "c", "d", "d"]
    path = _pq(tmp_path, case, ["x", "y"] * 6, row_group_size=3)
    assert pq.ParquetFile(path).num_row_groups == 4
    log, calls = _same_as_string_path(path, spy)
    assert calls == {"dictionary_case_ids": 1, "_hashed_ids": 0}
    assert log.cases["name"].to_list() == ["a", "b", "m", "c", "d"]
    assert log.events.group_by("case").len().sort("case")["len"].to_list() == [2, 3, 3, 2, 2]


def test_parquet_without_row_groups_is_an_empty_log(tmp_path):
    path = tmp_path / "none.parquet"
    schema = pa.schema([("case_id", pa.string()), ("activity", pa.string()),
                        ("timestamp", pa.timestamp("us", "UTC"))])  # fmt: skip
    pq.write_table(schema.empty_table(), path)
    assert pq.ParquetFile(path).num_row_groups in (0, 1)
    with pytest.raises(LogError, match="empty log"):
        read_log(path)


def test_dfg_performance_when_no_case_has_two_events():
    rows = [(f"k{i}", "Modtag", T0 + i, T0 + i) for i in range(5)]
    got = dfg(_log(rows), performance=True)
    assert got.edges == []
    assert got.start_activities == got.end_activities == {"Modtag": 5}


@pytest.mark.parametrize("block", [3, 16])
def test_dfg_interval_statistics_block_by_block(monkeypatch, sorts, block):
    # Interval logs wait from one event's end to the next one's start, often negatively.
    monkeypatch.setattr(graph, "_BLOCK", block)
    rows = _random_rows(31, 3, interval=True, n_cases=120)
    got = dfg(_log(rows, interval=True), performance=True)
    assert min(e.min for e in got.edges) < 0 and len(sorts) == 1
    _check_dfg(got, rows, interval=True)
