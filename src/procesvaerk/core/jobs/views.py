# SPDX-License-Identifier: MPL-2.0
"""The progress component: a page, and the partial that htmx polls while the job runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from procesvaerk.core.jobs.access import get_job_for_user
from procesvaerk.core.jobs.services import job_retry
from procesvaerk.core.service_calls import run_service

if TYPE_CHECKING:
    from procesvaerk.accounts.http import AuthenticatedRequest


def _render(request: HttpRequest, job_code: str) -> HttpResponse:
    job = get_job_for_user(request.user, job_code)
    if getattr(request, "htmx", False):
        return render(request, "core/includes/job_progress.html", {"job": job})
    return render(request, "core/job_status.html", {"job": job})


def job_status(request: AuthenticatedRequest, code: str) -> HttpResponse:
    return _render(request, code)


@require_POST
def job_retry_view(request: AuthenticatedRequest, code: str) -> HttpResponse:
    job = get_job_for_user(request.user, code)
    run_service(request, lambda: job_retry(job=job, actor=request.user))
    if getattr(request, "htmx", False):
        return _render(request, code)
    return redirect("core:job_status", code=code)
