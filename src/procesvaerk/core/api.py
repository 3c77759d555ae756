# SPDX-License-Identifier: MPL-2.0
"""Background jobs in the JSON API: ``GET /api/v1/jobs/{code}``, state and progress.
Only the person who started a job (or a superuser) sees it; others get 404."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema

from procesvaerk.core.api_common import READ_ERRORS
from procesvaerk.core.jobs.access import get_job_for_user
from procesvaerk.core.jobs.services import job_status_dict


class JobOut(Schema):
    code: UUID
    kind: str
    state: str
    progress: int
    message: str = ""
    result: Any = None
    error: str = ""


router = Router(tags=["jobs"])


@router.get("/jobs/{code}", response={200: JobOut, **READ_ERRORS}, summary="One job")
def job_detail(request: HttpRequest, code: UUID) -> dict[str, Any]:
    return job_status_dict(get_job_for_user(request.user, code))
