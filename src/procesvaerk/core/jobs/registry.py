# SPDX-License-Identifier: MPL-2.0
"""The registry of job kinds. Each app registers its kinds in its own module
(imported from its AppConfig.ready), so core never imports an app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from procesvaerk.core.jobs.context import JobContext

JobFunction = Callable[..., Any]


@dataclass(frozen=True)
class JobKind:
    kind: str
    function: JobFunction
    label: str | Promise  # lazy, shown on the progress component


_KINDS: dict[str, JobKind] = {}


def register_job(kind: str, function: JobFunction, label: str | Promise) -> JobFunction:
    """Register ``function(ctx: JobContext, **params)`` as the job kind ``kind``.
    Its return value (JSON) becomes ``Job.result``."""
    existing = _KINDS.get(kind)
    if existing is not None and existing.function is not function:
        raise ValueError(f"The job kind {kind!r} is already registered.")
    _KINDS[kind] = JobKind(kind=kind, function=function, label=label)
    return function


def job_kind(kind: str, label: str | Promise) -> Callable[[JobFunction], JobFunction]:
    """Decorator form of ``register_job``."""

    def decorator(function: JobFunction) -> JobFunction:
        return register_job(kind, function, label)

    return decorator


def get_job_kind(kind: str) -> JobKind:
    try:
        return _KINDS[kind]
    except KeyError:
        raise LookupError(f"No job kind {kind!r} is registered.") from None


def job_kinds() -> dict[str, JobKind]:
    return dict(_KINDS)


__all__ = ["JobContext", "JobKind", "get_job_kind", "job_kind", "job_kinds", "register_job"]
