# SPDX-License-Identifier: MPL-2.0
"""Gzipped input, unpacked with a limit.

A few kilobytes of gzip can unpack to gigabytes (a "decompression bomb"), so every reader
of gzipped input unpacks at most ``max_decompressed_bytes`` and refuses the file beyond
that. The limit is, in this order: the ``max_decompressed_bytes`` argument, the
environment variable ``PROCESMINE_MAX_DECOMPRESSED_BYTES``, or 4 GiB.
"""

from __future__ import annotations

import gzip
import os
import zlib
from pathlib import Path
from typing import Any, cast

from procesmine.errors import LogError

_igzip: Any
_CORRUPT: tuple[type[Exception], ...] = (EOFError, zlib.error, gzip.BadGzipFile)
try:  # ISA-L inflates about 1.5x faster than zlib; optional.
    from isal import igzip as _igzip
    from isal import isal_zlib

    _CORRUPT = (*_CORRUPT, cast(type[Exception], isal_zlib.error))
except ImportError:  # pragma: no cover - depends on the environment
    _igzip = None

ENV_VAR = "PROCESMINE_MAX_DECOMPRESSED_BYTES"
DEFAULT_MAX_DECOMPRESSED_BYTES = 4 << 30  # 4 GiB
MAGIC = b"\x1f\x8b"
_STEP = 16 << 20  # bytes unpacked per read


def max_decompressed_bytes(limit: int | None = None) -> int:
    """The limit in force: ``limit`` when given, else the environment variable, else 4 GiB."""
    where = "max_decompressed_bytes"
    if limit is None:
        raw = os.environ.get(ENV_VAR, "").strip()
        if not raw:
            return DEFAULT_MAX_DECOMPRESSED_BYTES
        where = ENV_VAR
        try:
            limit = int(raw.replace("_", ""))
        except ValueError:
            raise LogError(f"{ENV_VAR} must be a whole number of bytes, not {raw!r}") from None
    if isinstance(limit, bool) or not isinstance(limit, int) or limit <= 0:
        raise LogError(f"{where} must be a positive whole number of bytes, not {limit!r}")
    return limit


def is_gzip(path: str | Path) -> bool:
    """Whether the file starts with the gzip magic bytes."""
    try:
        with open(path, "rb") as fh:
            return fh.read(2) == MAGIC
    except OSError as exc:
        raise LogError(f"cannot read file: {exc.strerror or exc}", str(path)) from exc


def gunzip(path: str | Path, limit: int | None = None, *, pad: int = 0) -> bytearray:
    """The unpacked content of a gzip file (all members), followed by ``pad`` zero bytes.

    Raises LogError for damaged data, or as soon as the content grows beyond the limit
    (see ``max_decompressed_bytes``), before it is all in memory."""
    source = str(path)
    most = max_decompressed_bytes(limit)
    out = bytearray()
    try:
        with (_igzip.open if _igzip is not None else gzip.open)(path, "rb") as fh:
            while True:
                piece = fh.read(min(_STEP, most + 1 - len(out)))
                if not piece:
                    break
                out += piece
                if len(out) > most:
                    raise LogError(
                        f"gzip data unpacks to more than {most:,} bytes: refused as a "
                        "possible decompression bomb (if the file is genuine, raise the "
                        f"limit with {ENV_VAR}, --max-decompressed-bytes or "
                        "max_decompressed_bytes)",
                        source,
                    )
    except _CORRUPT as exc:
        raise LogError(f"truncated or corrupt gzip data ({exc})", source) from exc
    except OSError as exc:
        raise LogError(f"cannot read file: {exc.strerror or exc}", source) from exc
    if pad:
        out += bytes(pad)
    return out
