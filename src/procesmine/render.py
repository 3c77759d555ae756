# SPDX-License-Identifier: MPL-2.0
"""Output: JSON, CSV and Graphviz (DOT source, SVG via the ``dot`` program)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess

from procesmine.analysis import DFG, ActivityStats, Summary, Variants
from procesmine.errors import LogError

Result = DFG | Variants | Summary | ActivityStats


def to_json(result: Result) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2, allow_nan=False)


def to_csv(result: Result) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if isinstance(result, DFG):
        d = result.to_dict()
        edges = d["edges"]
        assert isinstance(edges, list)
        keys = list(edges[0]) if edges else ["source", "target", "count"]
        w.writerow(keys)
        for row in edges:
            w.writerow([row[k] for k in keys])
    elif isinstance(result, Variants):
        w.writerow(["rank", "activities", "count", "share", "mean_duration"])
        for i, v in enumerate(result.variants, 1):
            w.writerow([i, " > ".join(v.activities), v.count, v.share, v.mean_duration])
    elif isinstance(result, ActivityStats):
        w.writerow(["activity", "events", "cases", "resources", "rework"])
        for a in result.activities:
            w.writerow([a.activity, a.events, a.cases, a.resources, a.rework])
    else:
        w.writerow(["key", "value"])
        for key, value in result.to_dict().items():
            if isinstance(value, dict):
                for k2, v2 in value.items():
                    w.writerow([f"{key}.{k2}", v2])
            else:
                w.writerow([key, value])
    return buf.getvalue()


def _human(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    s = abs(seconds)
    sign = "-" if seconds < 0 else ""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if s >= size:
            return f"{sign}{s / size:.1f}{unit}"
    return f"{sign}{s:.0f}s"


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(dfg: DFG) -> str:
    """The process map: activities with event counts, edges with counts or mean times."""
    lines = [
        "digraph dfg {",
        "  rankdir=LR;",
        '  node [shape=box, style="rounded,filled", fillcolor="#eef3f8", fontname="Helvetica"];',
        '  edge [fontname="Helvetica"];',
        '  "__start" [label="", shape=circle, width=0.25, fillcolor="#2e7d32"];',
        '  "__end" [label="", shape=doublecircle, width=0.25, fillcolor="#c62828"];',
    ]
    names = sorted(
        {e.source for e in dfg.edges}
        | {e.target for e in dfg.edges}
        | set(dfg.start_activities)
        | set(dfg.end_activities)
    )
    ids = {n: f"a{i}" for i, n in enumerate(names)}
    top = max([e.count for e in dfg.edges] or [1])
    for n in names:
        count = dfg.activity_counts.get(n)
        label = f"{n}\n({count})" if count is not None else n
        lines.append(f"  {ids[n]} [label={_q(label)}];")
    for n, c in dfg.start_activities.items():
        lines.append(f'  "__start" -> {ids[n]} [label="{c}", style=dashed];')
    for n, c in dfg.end_activities.items():
        lines.append(f'  {ids[n]} -> "__end" [label="{c}", style=dashed];')
    for e in dfg.edges:
        label = _human(e.mean) if dfg.performance else str(e.count)
        width = 1 + 4 * e.count / top
        lines.append(
            f"  {ids[e.source]} -> {ids[e.target]} [label={_q(label)}, penwidth={width:.2f}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def dot_available() -> bool:
    return shutil.which("dot") is not None


def to_svg(dfg: DFG) -> str:
    exe = shutil.which("dot")
    if exe is None:
        raise LogError("Graphviz 'dot' program not found (install graphviz) for SVG output")
    proc = subprocess.run(  # noqa: S603 - fixed program, our own DOT text on stdin
        [exe, "-Tsvg"],
        input=to_dot(dfg).encode("utf-8"),
        capture_output=True,
        check=False,
        timeout=120,
    )
    if proc.returncode != 0:
        raise LogError(f"Graphviz failed: {proc.stderr.decode(errors='replace')[:500]}")
    return proc.stdout.decode("utf-8")
