# SPDX-License-Identifier: MPL-2.0
"""What a running job function gets: a way to report progress."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone

if TYPE_CHECKING:
    from procesvaerk.core.models import Job


class JobError(Exception):
    """A failure whose message (already in the user's language) may be shown as is."""


class JobContext:
    """Handed to the job function. ``report`` writes progress and a heartbeat
    straight to the Job row (outside any transaction), so another request sees it."""

    def __init__(self, job: Job) -> None:
        self.job = job

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.job.params)

    def report(self, percent: int | float, message: str = "") -> None:
        from procesvaerk.core.models import Job

        percent = max(0, min(100, int(percent)))
        now = timezone.now()
        self.job.progress, self.job.progress_message, self.job.heartbeat_at = (
            percent,
            str(message)[:200],
            now,
        )
        Job.objects.filter(pk=self.job.pk).update(
            progress=percent, progress_message=str(message)[:200], heartbeat_at=now
        )

    def heartbeat(self) -> None:
        """A sign of life for long steps that have no new percentage to report."""
        self.report(self.job.progress, self.job.progress_message)
