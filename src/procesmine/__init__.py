# SPDX-License-Identifier: MPL-2.0
"""procesmine: a fast, exact process-mining engine on Polars.

Pure Python (no Django, no pm4py). See README.md in this package for the API, the
command line, the JSON shapes and the store format.
"""

from __future__ import annotations

from procesmine import filters
from procesmine.analysis import (
    DFG,
    ActivityStat,
    ActivityStats,
    Edge,
    Summary,
    Variant,
    Variants,
    activity_stats,
    dfg,
    summary,
    variants,
)
from procesmine.errors import LogError
from procesmine.reader import ingest, read_log
from procesmine.store import ColumnMapping, EventLog, from_frame, read_store, write_store

__all__ = [
    "DFG",
    "ActivityStat",
    "ActivityStats",
    "ColumnMapping",
    "Edge",
    "EventLog",
    "LogError",
    "Summary",
    "Variant",
    "Variants",
    "activity_stats",
    "dfg",
    "filters",
    "from_frame",
    "ingest",
    "read_log",
    "read_store",
    "summary",
    "variants",
    "write_store",
]
