# SPDX-License-Identifier: MPL-2.0
"""The Danish catalogues are complete: no untranslated and no fuzzy entry."""

import shutil
import subprocess
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
CATALOGUES = sorted(SRC.rglob("locale/da/LC_MESSAGES/django.po"))


def test_there_are_catalogues():
    assert len(CATALOGUES) >= 2, CATALOGUES


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(SRC)))
def test_catalogue_is_complete(po):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "gettext's msgfmt is needed (scripts/system-deps.sh installs it)"
    out = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    assert "translated message" in out, out
    assert "fuzzy" not in out and "untranslated" not in out, out
