# SPDX-License-Identifier: MPL-2.0
"""What every app's API router shares: the error body and the documented error answers.

Errors are always ``{"detail": "..."}`` in the user's language; the site-level API
(``config/api.py``) turns the services' exceptions into them.
"""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import field_validator


class Error(Schema):
    detail: str


class InvalidRequest(Schema):
    """422: the request does not match the schema; ``errors`` says where."""

    detail: str
    errors: list[dict[str, Any]] = []


# The answers every authenticated operation may give besides its own.
READ_ERRORS: dict[int, Any] = {401: Error, 404: Error, 422: InvalidRequest}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: Error, 403: Error}


class CleanInput(Schema):
    """Input whose strings never carry a NUL character (PostgreSQL cannot store one)."""

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("NUL characters are not allowed")
        return value
