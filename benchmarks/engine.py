# SPDX-License-Identifier: MPL-2.0
"""Benchmark of the procesmine engine beside pm4py (see benchmarks/README.md, "Engine").

Scales a real log to about 1M and 10M events by copying its cases (new case ids, times
shifted by a week per copy), writes a plain string-keyed Parquet, an engine store and (for
the sizes in --xes-sizes) an XES file, then runs every measurement in a fresh process so
that peak memory (ru_maxrss) belongs to that measurement alone.

    python benchmarks/engine.py                       # 1M and 10M, pm4py up to 10M
    python benchmarks/engine.py --sizes 1000000 --pm4py-max 1000000
    python benchmarks/engine.py --json results.json

pm4py is only imported in the measuring subprocesses for pm4py tasks.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))
DATA = HERE / "data"
SHARED = Path(os.environ.get("PROCESVAERK_SHARED_DATA", REPO.parent / "shared" / "data"))
SOURCE = SHARED / "logs" / "bpic2013_incidents.xes.gz"
WEEK_US = 7 * 24 * 3600 * 1_000_000
CASE, ACT, TS, RES, LIFE = (
    "case:concept:name",
    "concept:name",
    "time:timestamp",
    "org:resource",
    "lifecycle:transition",
)


def _peak_mb() -> float:
    """Peak resident memory of this process. VmHWM starts afresh at exec, unlike ru_maxrss,
    which a child inherits from the parent that started it."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------- preparing the data


def scaled_frame(size: int):  # -> pl.DataFrame
    import polars as pl

    from procesmine.xes import read_xes

    base = read_xes(SOURCE).select(CASE, ACT, TS, RES, LIFE)
    copies = max(1, math.ceil(size / base.height))
    parts = [
        base.with_columns(
            (pl.col(CASE) + f"#{i}").alias(CASE),
            (pl.col(TS) + pl.duration(microseconds=i * WEEK_US)).alias(TS),
        )
        for i in range(copies)  # one step per copy of the log, not per event
    ]
    return pl.concat(parts)


def _xml_escape(col):  # -> pl.Expr
    return (
        col.str.replace_all("&", "&amp;", literal=True)
        .str.replace_all("<", "&lt;", literal=True)
        .str.replace_all(">", "&gt;", literal=True)
        .str.replace_all('"', "&quot;", literal=True)
    )


def write_xes(frame, path: Path) -> None:
    """Write the frame as XES with Polars string expressions (no loop per event)."""
    import polars as pl

    ts = pl.col(TS).dt.strftime("%Y-%m-%dT%H:%M:%S%.3f+00:00")
    event = pl.format(
        '\t\t<event>\n\t\t\t<string key="concept:name" value="{}"/>\n'
        '\t\t\t<string key="lifecycle:transition" value="{}"/>\n'
        '\t\t\t<string key="org:resource" value="{}"/>\n'
        '\t\t\t<date key="time:timestamp" value="{}"/>\n\t\t</event>',
        _xml_escape(pl.col(ACT)),
        _xml_escape(pl.col(LIFE)),
        _xml_escape(pl.col(RES)),
        ts,
    )
    traces = (
        frame.with_columns(event.alias("e"))
        .group_by(CASE, maintain_order=True)
        .agg(pl.col("e").str.join("\n"))
        .select(
            pl.format(
                '\t<trace>\n\t\t<string key="concept:name" value="{}"/>\n{}\n\t</trace>',
                _xml_escape(pl.col(CASE)),
                pl.col("e"),
            ).alias("t")
        )
    )
    tmp = path.with_suffix(".part")
    with tmp.open("wb") as fh:
        fh.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0">\n')
        traces.write_csv(fh, include_header=False, quote_style="never")
        fh.write(b"</log>\n")
    tmp.replace(path)


def prepare(size: int, with_xes: bool) -> dict[str, object]:
    import polars as pl

    from procesmine import ColumnMapping, from_frame, write_store

    DATA.mkdir(exist_ok=True)
    parquet = DATA / f"scaled_{size}.parquet"
    store = DATA / f"store_{size}"
    xes = DATA / f"scaled_{size}.xes"
    if not parquet.exists():
        frame = scaled_frame(size)
        frame.write_parquet(parquet)
    frame = pl.read_parquet(parquet)
    if not store.exists():
        mapping = ColumnMapping(CASE, ACT, TS, resource=RES, lifecycle=LIFE)
        write_store(from_frame(frame, mapping, source=str(parquet)), store)
    if with_xes and not xes.exists():
        write_xes(frame, xes)
    return {
        "events": frame.height,
        "cases": frame[CASE].n_unique(),
        "parquet": str(parquet),
        "store": str(store),
        "xes": str(xes) if with_xes else None,
    }


# ---------------------------------------------------------------- measurements (child)


def _times(fn, repeat: int = 1) -> list[float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def _timed(fn, repeat: int = 1) -> float:
    return min(_times(fn, repeat))


def _end_to_end(out: dict[str, object], steps: dict[str, object], repeat: int) -> None:
    """Run ``steps`` (name -> function) in order ``repeat`` times; record the best total,
    each step's best time and the first run's total."""
    runs = []
    for _ in range(repeat):
        run = {name: _timed(fn) for name, fn in steps.items()}  # type: ignore[operator]
        runs.append(run)
    out.update({name: min(run[name] for run in runs) for name in steps})  # each step's best
    out["seconds"] = min(sum(run.values()) for run in runs)
    out["first_seconds"] = sum(runs[0].values())


def measure(task: str, files: dict[str, str], repeat: int) -> dict[str, object]:
    warnings.filterwarnings("ignore")
    out: dict[str, object] = {}
    if task.startswith("ours"):
        import procesmine as pm

        def from_parquet():
            # The reader a user calls: case, activity and timestamp only, as pm4py reads.
            return pm.read_log(files["parquet"], columns=[])

        jobs = {
            "ours_xes_import": lambda: pm.read_log(files["xes"]),
            "ours_xes_dfg_perf": lambda: pm.dfg(pm.read_log(files["xes"]), performance=True),
            "ours_store_dfg": lambda: pm.dfg(pm.read_store(files["store"], columns=[])),
            "ours_store_dfg_perf": lambda: pm.dfg(
                pm.read_store(files["store"], columns=[]), performance=True
            ),
            "ours_store_variants": lambda: pm.variants(pm.read_store(files["store"], columns=[])),
            "ours_parquet_dfg_perf": lambda: pm.dfg(from_parquet(), performance=True),
            "ours_parquet_all": lambda: (
                lambda log: (pm.dfg(log, performance=True), pm.variants(log))
            )(from_parquet()),
        }
        times = _times(jobs[task], repeat)
        out["seconds"], out["first_seconds"] = min(times), times[0]
    elif task == "r4pm_xes_import":
        import r4pm

        out["seconds"] = _timed(lambda: r4pm.df.import_xes(files["xes"]), repeat)
    elif task.startswith("pm4py_xes_import"):
        import pm4py

        # pm4py.read_xes delegates to r4pm when that is installed; otherwise its default is
        # "iterparse" (lxml, which pm4py itself requires; constants.DEFAULT_XES_PARSER).
        # "chunk_regex" is its pure-Python importer, the default only without lxml.
        variant = task.removeprefix("pm4py_xes_import").lstrip("_") or None
        kw = {"variant": variant} if variant else {}
        out["seconds"] = _timed(lambda: pm4py.read_xes(files["xes"], **kw))
    elif task == "pm4py_xes_dfg_perf":
        import pm4py

        def run():
            # pm4py's default importer without r4pm (the oracle extra does not install it).
            df = pm4py.read_xes(files["xes"], variant="iterparse")
            pm4py.discover_performance_dfg(df)

        out["seconds"] = _timed(run)
    elif task == "pm4py_pandas":
        import pandas as pd
        import pm4py

        frame: dict[str, object] = {}

        def load():
            frame.clear()  # the previous run's frame goes first, as in a single run
            df = pd.read_parquet(files["parquet"], columns=[CASE, ACT, TS])
            frame["df"] = pm4py.format_dataframe(
                df, case_id=CASE, activity_key=ACT, timestamp_key=TS
            )

        _end_to_end(
            out,
            {
                "load": load,
                "dfg_perf": lambda: pm4py.discover_performance_dfg(frame["df"]),
                "variants": lambda: pm4py.get_variants(frame["df"]),
            },
            repeat,
        )
        out["dfg"] = _timed(lambda: pm4py.discover_dfg(frame["df"]))
    elif task == "pm4py_polars":
        import pm4py
        import polars as pl

        # pm4py's LazyFrame support: each call scans the Parquet file itself.
        lf = pl.scan_parquet(files["parquet"]).select(CASE, ACT, TS)
        _end_to_end(
            out,
            {
                "dfg_perf": lambda: pm4py.discover_performance_dfg(lf),
                "variants": lambda: pm4py.get_variants(lf),
            },
            repeat,
        )
        out["dfg"] = _timed(lambda: pm4py.discover_dfg(lf))
    else:
        raise SystemExit(f"unknown task {task}")
    out["peak_mb"] = _peak_mb()
    return out


def run_child(task: str, files: dict[str, object], repeat: int, timeout: int) -> dict:
    cmd = [
        sys.executable,
        __file__,
        "--child",
        task,
        "--files",
        json.dumps(files),
        "--repeat",
        str(repeat),
    ]
    time.sleep(2)  # let the kernel settle the memory the previous measurement gave back
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout} s"}
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", default="1000000,10000000")
    p.add_argument("--xes-sizes", default="1000000")
    p.add_argument("--pm4py-max", type=int, default=10_000_000)
    p.add_argument("--pm4py-xes-max", type=int, default=1_000_000)
    p.add_argument("--timeout", type=int, default=900)
    p.add_argument("--json", help="also write results here")
    p.add_argument("--child")
    p.add_argument("--files")
    p.add_argument("--repeat", type=int, default=3)
    a = p.parse_args()
    if a.child:
        print(json.dumps(measure(a.child, json.loads(a.files), a.repeat)))
        return
    if not SOURCE.exists():
        raise SystemExit(f"source log {SOURCE} not found (set PROCESVAERK_SHARED_DATA)")
    results: dict[str, object] = {"source": str(SOURCE), "cpus": os.cpu_count(), "runs": []}
    # The unscaled source log itself: XES import beside pm4py.
    orig = {"xes": str(SOURCE)}
    row: dict[str, object] = {"size": "source"}
    for task in ("ours_xes_import", "r4pm_xes_import"):
        row[task] = run_child(task, orig, 3, a.timeout)
    for task in ("pm4py_xes_import", "pm4py_xes_import_chunk_regex", "pm4py_xes_import_iterparse"):
        row[task] = run_child(task, orig, 1, a.timeout)
    print(json.dumps(row), flush=True)
    results["runs"].append(row)  # type: ignore[union-attr]
    xes_sizes = {int(s) for s in a.xes_sizes.split(",") if s}
    for size in (int(s) for s in a.sizes.split(",")):
        files = prepare(size, size in xes_sizes)
        row = {"size": size, "events": files["events"], "cases": files["cases"]}
        tasks = [
            "ours_store_dfg",
            "ours_store_dfg_perf",
            "ours_store_variants",
            "ours_parquet_dfg_perf",
            "ours_parquet_all",
        ]
        if files["xes"]:
            tasks += ["ours_xes_import", "ours_xes_dfg_perf", "r4pm_xes_import"]
        if size <= a.pm4py_max:
            tasks += ["pm4py_pandas", "pm4py_polars"]
        if files["xes"] and size <= a.pm4py_xes_max:
            tasks += [
                "pm4py_xes_import",
                "pm4py_xes_import_chunk_regex",
                "pm4py_xes_import_iterparse",
                "pm4py_xes_dfg_perf",
            ]
        for task in tasks:
            # pm4py's XES imports take minutes: once each; everything else best of 3.
            repeat = 1 if "xes" in task and task.startswith("pm4py") else 3
            row[task] = run_child(task, files, repeat, a.timeout)
            print(task, size, json.dumps(row[task]), flush=True)
        results["runs"].append(row)  # type: ignore[union-attr]
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
