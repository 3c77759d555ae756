# SPDX-License-Identifier: MPL-2.0
"""Writes after delivery: the leader's evaluation, the consultants' retrospectives and
the case library. Same rules as ``services``: refusals raise ``ValidationError`` in the
user's language and change nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from procesvaerk.core.models import Visibility
from procesvaerk.core.notifications import notification_send
from procesvaerk.corps.models import (
    Case,
    EngagementStatus,
    Evaluation,
    Retrospective,
)
from procesvaerk.corps.services import _require_coordinator, _require_leader
from procesvaerk.tasks.models import ProcessTask, TaskStatus
from procesvaerk.tasks.services import lock_status, task_move, task_url
from procesvaerk.tasks.workflow import DONE

if TYPE_CHECKING:
    from procesvaerk.accounts.models import User

S = TaskStatus


@transaction.atomic
def evaluation_submit(
    *,
    actor: User,
    task: ProcessTask,
    purpose_met: int,
    process_quality: int,
    consultant_quality: int,
    recommend: int,
    comment: str = "",
) -> Evaluation:
    """The leader rates the help; this moves the task to evaluated."""
    _require_leader(actor, task)
    lock_status(task)
    if task.status != S.DELIVERED:
        raise ValidationError(_("A task can be evaluated once it has been delivered."))
    ratings = (purpose_met, process_quality, consultant_quality, recommend)
    if any(not 1 <= r <= 5 for r in ratings):
        raise ValidationError(_("Give each rating from 1 to 5."))
    evaluation = Evaluation.objects.create(
        task=task,
        leader=actor,
        purpose_met=purpose_met,
        process_quality=process_quality,
        consultant_quality=consultant_quality,
        recommend=recommend,
        comment=comment.strip(),
    )
    task_move(actor=actor, task=task, to_status=S.EVALUATED, comment="")
    return evaluation


@transaction.atomic
def retrospective_save(
    *, actor: User, task: ProcessTask, start: str, stop: str, keep: str
) -> Retrospective:
    if not task.engagements.filter(consultant=actor, status=EngagementStatus.ACCEPTED).exists():
        raise PermissionDenied
    if task.status not in DONE:
        raise ValidationError(_("The retrospective is written after delivery."))
    if not (start.strip() and stop.strip() and keep.strip()):
        raise ValidationError(_("Fill in start, stop and continue."))
    retro, _created = Retrospective.objects.update_or_create(
        task=task,
        author=actor,
        defaults={"start": start.strip(), "stop": stop.strip(), "keep": keep.strip()},
    )
    return retro


@transaction.atomic
def case_draft(
    *, actor: User, task: ProcessTask, title: str, summary: str, methods_used: str, outcome: str
) -> Case:
    """An anonymised case from a delivered task; private until the leader agrees."""
    _require_coordinator(actor, task)
    if task.status not in DONE:
        raise ValidationError(_("Only a delivered task can become a case."))
    fields = {
        "title": title.strip(),
        "summary": summary.strip(),
        "methods_used": methods_used.strip(),
        "outcome": outcome.strip(),
    }
    if not all(fields.values()):
        raise ValidationError(_("Fill in title, summary, methods and outcome."))
    case = Case.objects.filter(task=task).first()
    if case is not None and case.published_at is not None:
        raise ValidationError(_("A published case cannot be changed."))
    case, created = Case.objects.update_or_create(
        task=task, defaults={**fields, "municipality_id": task.municipality_id}
    )
    if not created:
        return case
    notification_send(
        recipient=task.leader,
        kind="corps.case_consent",
        text=gettext_lazy(
            "A case about “%(task)s” awaits your consent before it is shared. Read it here."
        ),
        params={"task": task.title},
        url=task_url(task) + "#panel-case",
    )
    return case


@transaction.atomic
def case_publish(*, actor: User, case: Case) -> Case:
    """The task's leader agrees; the case becomes visible to the cooperation."""
    _require_leader(actor, case.task)
    if case.published_at is not None:
        raise ValidationError(_("The case is already published."))
    now = timezone.now()
    case.leader_agreed_at = now
    case.published_at = now
    case.visibility = Visibility.COOPERATION
    case.save(update_fields=["leader_agreed_at", "published_at", "visibility", "updated_at"])
    return case
