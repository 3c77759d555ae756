# SPDX-License-Identifier: MPL-2.0
"""Fixtures for the procesmine engine tests: shared logs and small logs written here."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest
from pmhelpers import SHARED_LOGS


@pytest.fixture
def shared_log() -> Callable[[str], Path]:
    def get(name: str) -> Path:
        path = SHARED_LOGS / name
        if not path.exists():
            pytest.skip(
                f"shared event log {name} not found under {SHARED_LOGS} "
                "(set PROCESVAERK_SHARED_DATA or place ../shared/data/logs beside the repo)"
            )
        return path

    return get


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write text or bytes to a file in tmp_path (gzipped when the name ends in .gz)."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        data = content.encode(encoding) if isinstance(content, str) else content
        if name.endswith(".gz"):
            data = gzip.compress(data)
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return _write
