# SPDX-License-Identifier: MPL-2.0
"""The one exception type that procesmine raises for bad input."""

from __future__ import annotations


class LogError(ValueError):
    """An event log could not be read or analysed.

    The message says what is wrong and where (file, line or row) when that is known.
    """

    def __init__(
        self,
        message: str,
        source: str | None = None,
        line: int | None = None,
        row: int | None = None,
    ) -> None:
        where: list[str] = []
        if source:
            where.append(str(source))
        if line is not None:
            where.append(f"line {line}")
        if row is not None:
            where.append(f"row {row}")
        full = f"{', '.join(where)}: {message}" if where else message
        super().__init__(full)
        self.source = source
        self.line = line
        self.row = row
