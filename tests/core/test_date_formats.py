# SPDX-License-Identifier: MPL-2.0
"""One date and time format per language: Danish d.m.Y, English day-first (en-GB)."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from django.utils import translation
from django.utils.formats import date_format

SRC = Path(__file__).resolve().parents[2] / "src" / "procesvaerk"
MOMENT = datetime(2026, 9, 1, 14, 5)


def test_english_is_day_first_and_danish_is_dotted():
    with translation.override("en"):
        assert date_format(date(2026, 9, 1), "SHORT_DATE_FORMAT") == "01/09/2026"
        assert date_format(date(2026, 9, 1), "DATE_FORMAT") == "1 September 2026"
        assert date_format(MOMENT, "SHORT_DATETIME_FORMAT") == "01/09/2026 14:05"
        assert date_format(MOMENT, "TIME_FORMAT") == "14:05"
    with translation.override("da"):
        assert date_format(date(2026, 9, 1), "SHORT_DATE_FORMAT") == "01.09.2026"
        assert date_format(date(2026, 9, 1), "DATE_FORMAT") == "1. september 2026"
        assert date_format(MOMENT, "SHORT_DATETIME_FORMAT") == "01.09.2026 14:05"


def test_no_code_or_template_bypasses_the_formats():
    """Dates shown to people go through the named formats, never a fixed pattern."""
    # A named format is upper case with underscores (DATE_FORMAT); anything else in
    # |date:"..." or date_format(..., "...") is a fixed pattern (c, the ISO form for
    # datetime attributes, l, the weekday name, and Y-m(-d) as form values, excepted).
    fixed_python = re.compile(
        r"strftime\(\"[^\"]*%[dmbBY]|date_format\([^)]*,\s*[\"'](?![A-Z_]+[\"'])[^\"']*[\"']"
    )
    fixed_template = re.compile(r"\|date:[\"'](?!(?:c|l|Y-m|Y-m-d|[A-Z_]+)[\"'])[^\"']*[\"']")
    offenders = []
    for path in SRC.rglob("*"):
        if path.suffix == ".py" and "formats" not in path.parts:
            if fixed_python.search(path.read_text()):
                offenders.append(str(path))
        elif path.suffix in {".html", ".txt"}:
            if fixed_template.search(path.read_text()):
                offenders.append(str(path))
    assert offenders == []
