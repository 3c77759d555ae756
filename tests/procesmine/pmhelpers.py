# SPDX-License-Identifier: MPL-2.0
"""Helpers shared by the procesmine tests (small logs, where the shared logs live)."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def shared_logs_dir() -> Path:
    env = os.environ.get("PROCESVAERK_SHARED_DATA")
    base = Path(env) if env else REPO.parent / "shared" / "data"
    return base / "logs"


SHARED_LOGS = shared_logs_dir()
XES_LOGS = sorted(p.name for p in SHARED_LOGS.glob("*.xes*")) if SHARED_LOGS.is_dir() else []
CSV_LOGS = sorted(p.name for p in SHARED_LOGS.glob("*.csv")) if SHARED_LOGS.is_dir() else []
# Parametrising over an empty list would hide the tests; one placeholder makes them skip.
XES_PARAMS = XES_LOGS or ["running-example.xes"]
CSV_PARAMS = CSV_LOGS or ["receipt.csv"]


def xes_doc(
    traces: list[tuple[str, list[tuple[str, str]]]], extra_event: str = "", trace_attrs: str = ""
) -> str:
    """A small XES document: traces of (case id, [(activity, timestamp), ...])."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<log xes.version="1.0">']
    for case, events in traces:
        out.append(f'  <trace>\n    <string key="concept:name" value="{case}"/>{trace_attrs}')
        for act, ts in events:
            out.append(
                f'    <event>\n      <string key="concept:name" value="{act}"/>\n'
                f'      <date key="time:timestamp" value="{ts}"/>{extra_event}\n    </event>'
            )
        out.append("  </trace>")
    out.append("</log>\n")
    return "\n".join(out)


# A log with the cases every test needs: equal timestamps inside a case (file order must
# decide), a one-event case, Danish letters, and a case across the autumn DST change.
TIES_LOG = xes_doc(
    [
        (
            "c1",
            [
                ("Modtag ansøgning", "2024-01-02T09:00:00+01:00"),
                ("Vurdér sag", "2024-01-02T10:00:00+01:00"),
                ("Høring", "2024-01-02T10:00:00+01:00"),
                ("Afgørelse", "2024-01-03T12:00:00+01:00"),
            ],
        ),
        (
            "c2",
            [
                ("Modtag ansøgning", "2024-01-02T09:30:00+01:00"),
                ("Høring", "2024-01-02T11:00:00+01:00"),
                ("Vurdér sag", "2024-01-02T11:00:00+01:00"),
                ("Afgørelse", "2024-01-04T12:00:00+01:00"),
            ],
        ),
        ("c3", [("Modtag ansøgning", "2024-01-05T08:00:00+01:00")]),
        (
            "c4",
            [
                ("Modtag ansøgning", "2024-10-27T01:30:00+02:00"),
                ("Afgørelse", "2024-10-27T02:30:00+01:00"),
            ],
        ),
    ]
)
