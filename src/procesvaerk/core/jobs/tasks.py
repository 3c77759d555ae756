# SPDX-License-Identifier: MPL-2.0
"""The one django-tasks task: run a Job by id. Job kinds are not tasks of their own,
so the Job row (state, progress, error) works the same on every backend."""

from __future__ import annotations

from django_tasks import task


@task()
def run_job(job_id: int) -> None:
    from procesvaerk.core.jobs.services import job_run

    job_run(job_id=job_id)
