# SPDX-License-Identifier: MPL-2.0
"""Background jobs with visible progress. Register a kind, start it, show it:

@job_kind("mining.import", gettext_lazy("Import event log"))
def import_log(ctx: JobContext, *, log: str) -> dict: ...

job = job_start(kind="mining.import", actor=request.user, params={"log": code})
{% include "core/includes/job_progress.html" with job=job %}
"""

from __future__ import annotations

from procesvaerk.core.jobs.context import JobContext, JobError
from procesvaerk.core.jobs.registry import get_job_kind, job_kind, register_job

__all__ = ["JobContext", "JobError", "get_job_kind", "job_kind", "register_job"]
