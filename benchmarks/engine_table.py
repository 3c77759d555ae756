# SPDX-License-Identifier: MPL-2.0
"""The tables of benchmarks/README.md ("Engine") from a results file of engine.py.

    python benchmarks/engine_table.py benchmarks/engine_results.json
    python benchmarks/engine_table.py --runs benchmarks/engine_runs/*.json

Every figure in the tables comes from the file, so the README can be checked against it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _s(row: dict, task: str, key: str = "seconds") -> float | None:
    value = row.get(task, {}).get(key)
    return value if isinstance(value, int | float) else None


def _t(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return (
        f"{seconds:.3f} s"
        if seconds < 1
        else f"{seconds:.2f} s"
        if seconds < 10
        else f"{seconds:.1f} s"
    )


def _mb(row: dict, task: str) -> str:
    value = row.get(task, {}).get("peak_mb")
    return f"{value:,.0f} MiB" if value else "–"


def _ratio(theirs: float | None, ours: float | None) -> str:
    if not (theirs and ours):
        return "–"
    ratio = theirs / ours
    return f"{ratio:.1f}×" if round(ratio, 1) < 10 else f"{ratio:.0f}×"


def _sum(*values: float | None) -> float | None:
    return None if any(v is None for v in values) else sum(values)  # type: ignore[arg-type]


# (label, our task, our key, pm4py pandas keys summed, pm4py polars keys summed)
_ANALYSES = [
    ("DFG + start/end, from our store", "ours_store_dfg", "seconds", ["dfg"], ["dfg"]),
    (
        "DFG with performance + start/end, from our store",
        "ours_store_dfg_perf",
        "seconds",
        ["dfg_perf"],
        ["dfg_perf"],
    ),
    ("variants, from our store", "ours_store_variants", "seconds", ["variants"], ["variants"]),
    (
        "DFG with performance, from plain Parquet (load + compute)",
        "ours_parquet_dfg_perf",
        "seconds",
        ["load", "dfg_perf"],
        ["dfg_perf"],
    ),
    (
        "**end to end** from plain Parquet: load + DFG perf + variants",
        "ours_parquet_all",
        "seconds",
        ["seconds"],
        ["seconds"],
    ),
    (
        "end to end, first run in a fresh process",
        "ours_parquet_all",
        "first_seconds",
        ["first_seconds"],
        ["first_seconds"],
    ),
]


def analysis_table(row: dict) -> list[str]:
    """Ours against pm4py's pandas and polars pipelines at one size."""
    lines = [
        "| task | ours (best of 3) | pm4py pandas | pm4py polars | ratio (pandas / polars) |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, task, key, pandas_keys, polars_keys in _ANALYSES:
        ours = _s(row, task, key)
        pandas = _sum(*(_s(row, "pm4py_pandas", k) for k in pandas_keys))
        polars = _sum(*(_s(row, "pm4py_polars", k) for k in polars_keys))
        memory = f", {_mb(row, task)}" if key == "seconds" else ""
        whole = pandas_keys == ["seconds"]  # the whole pipeline: pm4py's peak memory too
        theirs = [f", {_mb(row, t)}" if whole else "" for t in ("pm4py_pandas", "pm4py_polars")]
        lines.append(
            f"| {label} | {_t(ours)}{memory} | {_t(pandas)}{theirs[0]} | {_t(polars)}{theirs[1]} "
            f"| {_ratio(pandas, ours)} / {_ratio(polars, ours)} |"
        )
    return lines


def xes_table(row: dict) -> list[str]:
    """XES import: ours against pm4py's importers and r4pm."""
    ours = _s(row, "ours_xes_import")
    lines = [
        "| XES import | seconds | peak memory | ours faster by |",
        "|---|---:|---:|---:|",
    ]
    for label, task in [
        ("ours (`read_log`, best of 3)", "ours_xes_import"),
        ("pm4py `iterparse` (its default without r4pm)", "pm4py_xes_import_iterparse"),
        ("pm4py default (hands over to r4pm where installed)", "pm4py_xes_import"),
        ("pm4py `chunk_regex`", "pm4py_xes_import_chunk_regex"),
        ("r4pm `import_xes` (best of 3)", "r4pm_xes_import"),
    ]:
        seconds = _s(row, task)
        error = row.get(task, {}).get("error")
        shown = f"fails ({error.split(':')[0]})" if error else _t(seconds)
        mine = "" if task == "ours_xes_import" else _ratio(seconds, ours)
        lines.append(f"| {label} | {shown} | {_mb(row, task)} | {mine} |")
    if "ours_xes_dfg_perf" in row:
        theirs, mine_perf = _s(row, "pm4py_xes_dfg_perf"), _s(row, "ours_xes_dfg_perf")
        lines.append(
            f"| XES → DFG with performance: ours {_t(mine_perf)}, pm4py (`iterparse`) "
            f"{_t(theirs)} | | | {_ratio(theirs, mine_perf)} |"
        )
    return lines


def runs_table(paths: list[str]) -> list[str]:
    """End to end at the largest size, one line per results file (named after its run)."""
    lines = [
        "| run | ours, best / first | pm4py polars, best / first | ratio, best / first "
        "| pm4py pandas, best / first | ratio, best / first |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for path in paths:
        row = json.loads(Path(path).read_text(encoding="utf-8"))["runs"][-1]
        cells = [Path(path).stem]
        ours = [_s(row, "ours_parquet_all", k) for k in ("seconds", "first_seconds")]
        cells.append(" / ".join(_t(v) for v in ours))
        for task in ("pm4py_polars", "pm4py_pandas"):
            theirs = [_s(row, task, k) for k in ("seconds", "first_seconds")]
            cells.append(" / ".join(_t(v) for v in theirs))
            cells.append(" / ".join(_ratio(t, o) for t, o in zip(theirs, ours, strict=True)))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def main() -> None:
    if sys.argv[1] == "--runs":
        print("\n".join(runs_table(sys.argv[2:])))
        return
    results = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    for row in results["runs"]:
        if row["size"] == "source":
            print(f"**Source log** ({Path(results['source']).name})\n")
            print("\n".join(xes_table(row)) + "\n")
            continue
        print(f"**{row['events']:,} events** ({row['cases']:,} cases)\n")
        print("\n".join(analysis_table(row)) + "\n")
        if "ours_xes_import" in row:
            print("\n".join(xes_table(row)) + "\n")


if __name__ == "__main__":
    main()
