# SPDX-License-Identifier: MPL-2.0
"""Job writes: start, run (called by the worker), retry, pick up after a dead worker."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from procesvaerk.core.jobs.context import JobContext, JobError
from procesvaerk.core.jobs.registry import get_job_kind
from procesvaerk.core.models import Job, JobState

if TYPE_CHECKING:
    from procesvaerk.accounts.models import User

logger = logging.getLogger(__name__)


def _enqueue(job: Job) -> None:
    from procesvaerk.core.jobs.tasks import run_job

    run_job.enqueue(job.pk)


@transaction.atomic
def job_start(
    *,
    kind: str,
    actor: User,
    target: Any = None,
    params: dict[str, Any] | None = None,
) -> Job:
    """Create the Job and queue it. ``target`` is what the job works on: a model
    instance (its ``str`` and ``get_absolute_url``) or a ``(label, url)`` pair.
    ``params`` (JSON) are passed to the job function as keyword arguments."""
    get_job_kind(kind)  # fail at once on an unknown kind, not later in the worker
    if target is None or isinstance(target, tuple):
        label, url = target or ("", "")
    else:
        label = str(target)
        url = target.get_absolute_url() if hasattr(target, "get_absolute_url") else ""
    job = Job.objects.create(
        kind=kind,
        started_by=actor if getattr(actor, "is_authenticated", False) else None,
        target_label=label[:255],
        target_url=url[:500],
        params=params or {},
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    _enqueue(job)
    job.refresh_from_db()  # the immediate backend may already have run it
    return job


def _failure_text(error: BaseException) -> str:
    if isinstance(error, ValidationError):
        return " ".join(str(m) for m in error.messages)
    if isinstance(error, JobError):
        return str(error)
    return _(
        "Something went wrong while the job ran. Try again; if it fails again, "
        "contact the people who run Procesværk."
    )


def job_run(*, job_id: int) -> None:
    """Run one queued job. Idempotent: a job that is not queued (already taken by
    another worker, done, or failed) is left alone, so a duplicate enqueue is harmless."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=now, heartbeat_at=now, finished_at=None
    )
    if not claimed:
        return
    job = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job_id).update(attempts=job.attempts + 1)
    context = JobContext(job)
    with translation.override(job.language or settings.LANGUAGE_CODE):
        try:
            result = get_job_kind(job.kind).function(context, **job.params)
        except Exception as error:
            if not isinstance(error, ValidationError | JobError):
                logger.exception("Job %s (%s) failed", job.code, job.kind)
            Job.objects.filter(pk=job_id).update(
                state=JobState.FAILED, error=_failure_text(error), finished_at=timezone.now()
            )
            return
    Job.objects.filter(pk=job_id).update(
        state=JobState.DONE,
        progress=100,
        result=result,
        error="",
        finished_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )


def can_retry(user: User, job: Job) -> bool:
    return job.state == JobState.FAILED and (
        getattr(user, "is_superuser", False)
        or (job.started_by_id is not None and job.started_by_id == getattr(user, "pk", None))
    )


@transaction.atomic
def job_retry(*, job: Job, actor: User) -> Job:
    """Queue a failed job again, for the person who started it or a superuser."""
    if not (getattr(actor, "is_superuser", False) or job.started_by_id == actor.pk):
        raise PermissionDenied
    reset = Job.objects.filter(pk=job.pk, state=JobState.FAILED).update(
        state=JobState.QUEUED, progress=0, progress_message="", error="", result=None
    )
    if not reset:
        raise ValidationError(_("Only a failed job can be tried again."))
    _enqueue(job)
    job.refresh_from_db()
    return job


@transaction.atomic
def job_requeue_stale(*, now: datetime | None = None) -> int:
    """Queue again every running job whose worker has given no sign of life for
    JOB_STALE_MINUTES (it died mid-job). Returns how many."""
    cutoff = (now or timezone.now()) - timedelta(minutes=settings.JOB_STALE_MINUTES)
    stale = list(
        Job.objects.filter(state=JobState.RUNNING, heartbeat_at__lt=cutoff).values_list(
            "pk", flat=True
        )
    )
    count = 0
    for pk in stale:
        # The state condition makes two sweeping workers requeue a job only once.
        if Job.objects.filter(pk=pk, state=JobState.RUNNING, heartbeat_at__lt=cutoff).update(
            state=JobState.QUEUED, progress_message=""
        ):
            logger.warning("Job id=%s had a dead worker; queued again", pk)
            _enqueue(Job(pk=pk))
            count += 1
    return count


def job_status_dict(job: Job) -> dict[str, Any]:
    """What GET /api/v1/jobs/{code} returns."""
    return {
        "code": str(job.code),
        "kind": job.kind,
        "state": job.state,
        "progress": job.progress,
        "message": job.progress_message,
        "result": job.result,
        "error": job.error,
    }
