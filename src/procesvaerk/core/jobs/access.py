# SPDX-License-Identifier: MPL-2.0
"""Who may see a job: the person who started it, or a superuser. Others get 404."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import Http404

from procesvaerk.core.models import Job

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from procesvaerk.accounts.models import User


def get_job_for_user(user: User | AnonymousUser, code: Any) -> Job:
    job = Job.objects.filter(code=code).first()
    if job is None or not user.is_authenticated:
        raise Http404
    if not user.is_superuser and job.started_by_id != user.pk:
        raise Http404
    return job
