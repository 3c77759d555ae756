# SPDX-License-Identifier: MPL-2.0
"""Background jobs in the JSON API: ``GET /api/v1/jobs/{code}``, their state and progress.

``core.models.Job`` comes with the background-jobs work; until it is there this
module offers no router (``router`` is None) and the API has no jobs resource.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from procesvaerk.core import models
from procesvaerk.core.api_common import READ_ERRORS


class JobOut(Schema):
    code: UUID
    kind: str
    state: str
    progress: float | None = None
    message: str = ""
    result: Any = None
    error: str | None = None


def job_for_user(user: Any, code: UUID) -> Any:
    """The job, or 404 unless the user started it or is a superuser."""
    job_model: Any = getattr(models, "Job", None)
    if job_model is None or not user.is_authenticated:
        raise Http404
    job = job_model.objects.filter(code=code).first()
    if job is None or not (user.is_superuser or job.started_by_id == user.pk):
        raise Http404
    return job


def _job_out(job: Any) -> dict[str, Any]:
    return {
        "code": job.code,
        "kind": str(job.kind),
        "state": str(job.state),
        "progress": job.progress,
        "message": job.progress_message or "",
        "result": job.result,
        "error": job.error or None,
    }


router: Router | None = None
if getattr(models, "Job", None) is not None:
    router = Router(tags=["jobs"])

    @router.get("/jobs/{code}", response={200: JobOut, **READ_ERRORS}, summary="One job")
    def job_detail(request: HttpRequest, code: UUID) -> dict[str, Any]:
        return _job_out(job_for_user(request.user, code))
