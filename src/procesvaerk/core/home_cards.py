# SPDX-License-Identifier: MPL-2.0
"""Core's card on "Mit overblik": the background jobs the person started this week, so a
finished analysis or a failed import is one click away (the job page shows its progress)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from procesvaerk.core.jobs.registry import job_kinds
from procesvaerk.core.models import Job
from procesvaerk.core.registry import HomeCard, HomeItem

if TYPE_CHECKING:
    from procesvaerk.accounts.models import User

RECENT = timedelta(days=7)


def recent_jobs(user: User) -> list[HomeItem]:
    kinds = job_kinds()
    jobs = Job.objects.filter(started_by=user, created_at__gte=timezone.now() - RECENT)
    items = []
    for job in jobs.order_by("-created_at")[:10]:
        kind = kinds.get(job.kind)
        text = _("%(what)s: %(state)s (%(progress)s %%)") % {
            "what": kind.label if kind else job.kind,
            "state": job.get_state_display(),
            "progress": job.progress,
        }
        if job.target_label:
            text = f"{text} · {job.target_label}"
        url = reverse("core:job_status", kwargs={"code": job.code})
        items.append(HomeItem(text, url, None, job.created_at))
    return items


CARDS = [
    HomeCard(
        "core.jobs",
        _("Your background jobs"),
        (),
        recent_jobs,
        order=5,
        applies=lambda user: Job.objects.filter(started_by=user).exists(),
    ),
]
