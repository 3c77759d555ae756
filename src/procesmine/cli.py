# SPDX-License-Identifier: MPL-2.0
"""Command line: ``procesmine summary|dfg|variants|activities|ingest FILE ...``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from procesmine import analysis, filters, gunzip, render
from procesmine.errors import LogError
from procesmine.reader import read_log
from procesmine.store import EventLog, write_store
from procesmine.timeparse import DEFAULT_TIMEZONE


def _positive(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"a positive whole number of bytes, not {text!r}")
    return value


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="procesmine", description="Process mining from event logs.")
    p.add_argument("command", choices=["summary", "dfg", "variants", "activities", "ingest"])
    p.add_argument("file", help="XES (.xes, .xes.gz), CSV, Parquet or a procesmine store")
    p.add_argument("store", nargs="?", help="ingest: the store directory to write")
    p.add_argument("--performance", action="store_true", help="dfg: time statistics per edge")
    p.add_argument("--format", choices=["json", "csv", "dot", "svg"], default="json")
    p.add_argument("-o", "--output", help="write here instead of standard output")
    g = p.add_argument_group("columns (CSV/Parquet; guessed from common names when left out)")
    g.add_argument("--case-column")
    g.add_argument("--activity-column")
    g.add_argument("--timestamp-column")
    g.add_argument("--resource-column")
    g.add_argument("--start-timestamp-column")
    g.add_argument("--timestamp-format", help="strftime format, e.g. '%%d-%%m-%%Y %%H:%%M'")
    g.add_argument(
        "--timezone",
        default=DEFAULT_TIMEZONE,
        help="zone of naive timestamps (default %(default)s)",
    )
    p.add_argument(
        "--max-decompressed-bytes",
        type=_positive,
        metavar="N",
        help=f"refuse gzipped input that unpacks to more than N bytes (default: "
        f"${gunzip.ENV_VAR}, else {gunzip.DEFAULT_MAX_DECOMPRESSED_BYTES:,})",
    )
    f = p.add_argument_group("filters (applied in this order)")
    f.add_argument("--start", help="time range start (ISO 8601 or dd-mm-yyyy)")
    f.add_argument("--end", help="time range end")
    f.add_argument(
        "--time-mode", choices=["contained", "intersecting", "events"], default="contained"
    )
    f.add_argument(
        "--case-attribute",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="keep cases with this case attribute value (repeatable)",
    )
    f.add_argument("--keep-activity", action="append", default=[], metavar="NAME")
    f.add_argument("--remove-activity", action="append", default=[], metavar="NAME")
    f.add_argument("--top-variants", type=int, metavar="K")
    f.add_argument("--variant-coverage", type=float, metavar="PERCENT")
    f.add_argument("--min-edge-count", type=int, default=1, help="dfg: hide rarer edges")
    return p


def _apply_filters(log: EventLog, a: argparse.Namespace) -> EventLog:
    if a.start or a.end:
        log = filters.time_range(log, a.start, a.end, mode=a.time_mode, timezone=a.timezone)
    by_attr: dict[str, list[str]] = {}
    for item in a.case_attribute:
        name, sep, value = item.partition("=")
        if not sep:
            raise LogError(f"--case-attribute needs NAME=VALUE, got {item!r}")
        by_attr.setdefault(name, []).append(value)
    for name, values in by_attr.items():
        log = filters.case_attribute(log, name, values)
    if a.keep_activity:
        log = filters.activities(log, a.keep_activity)
    if a.remove_activity:
        log = filters.activities(log, a.remove_activity, keep=False)
    if a.top_variants is not None:
        log = filters.top_variants(log, a.top_variants)
    if a.variant_coverage is not None:
        log = filters.variants_coverage(log, a.variant_coverage)
    return log


def run(argv: Sequence[str] | None = None) -> str:
    """Run a command and return its output text (raises LogError on bad input)."""
    a = _parser().parse_args(argv)
    log = read_log(
        a.file,
        case_column=a.case_column,
        activity_column=a.activity_column,
        timestamp_column=a.timestamp_column,
        resource_column=a.resource_column,
        start_timestamp_column=a.start_timestamp_column,
        timestamp_format=a.timestamp_format,
        timezone=a.timezone,
        max_decompressed_bytes=a.max_decompressed_bytes,
    )
    if a.command == "ingest":
        if not a.store:
            raise LogError("ingest needs a store directory: procesmine ingest FILE STORE")
        write_store(log, a.store)
        return f"{log.events.height} events, {log.cases.height} cases -> {a.store}\n"
    log = _apply_filters(log, a)
    result: render.Result
    if a.command == "dfg":
        result = analysis.dfg(log, performance=a.performance, min_count=a.min_edge_count)
    elif a.command == "variants":
        result = analysis.variants(log)
    elif a.command == "activities":
        result = analysis.activity_stats(log)
    else:
        result = analysis.summary(log)
    if a.format in ("dot", "svg"):
        if not isinstance(result, analysis.DFG):
            raise LogError(f"--format {a.format} draws the map: use it with 'dfg'")
        return render.to_dot(result) if a.format == "dot" else render.to_svg(result)
    if a.format == "csv":
        return render.to_csv(result)
    return render.to_json(result) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    try:
        out = run(argv)
        args = _parser().parse_args(argv)
        if args.output:
            tmp = Path(args.output + ".part")
            tmp.write_text(out, encoding="utf-8")
            tmp.replace(args.output)
        else:
            sys.stdout.write(out)
    except LogError as exc:
        print(f"procesmine: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
