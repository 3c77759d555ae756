# SPDX-License-Identifier: MPL-2.0
"""What the corps adds to the task: its panels (consultants and hours, evaluation,
the case), who is engaged (they may open the task and are told of its moves)
and the facts the workflow guards need (accepted consultants, an evaluation)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from procesvaerk.core.notifications import notification_send
from procesvaerk.corps.models import Case, Engagement, EngagementStatus, Evaluation
from procesvaerk.tasks.access import is_coordinator
from procesvaerk.tasks.models import TaskStatus
from procesvaerk.tasks.registry import (
    TaskPanel,
    TaskPerson,
    register_facts,
    register_involvement,
    register_move_listener,
    register_panel,
    register_people,
)

if TYPE_CHECKING:
    from procesvaerk.accounts.models import User
    from procesvaerk.tasks.models import ProcessTask


def engaged(user: User) -> Q:
    return Q(pk__in=Engagement.objects.filter(consultant_id=user.pk).values("task_id"))


def accepted_people(task: ProcessTask) -> list[TaskPerson]:
    rows = task.engagements.filter(status=EngagementStatus.ACCEPTED).select_related("consultant")
    return [TaskPerson(e.consultant, _("Consultant")) for e in rows]


def corps_facts(task: ProcessTask) -> dict[str, Any]:
    return {
        "accepted_consultants": task.engagements.filter(status=EngagementStatus.ACCEPTED).count(),
        "evaluated": Evaluation.objects.filter(task=task).exists(),
    }


def ask_for_evaluation(task: ProcessTask, from_status: str, actor: User) -> set[int]:
    """On delivery the leader is asked to evaluate (instead of a plain status note)."""
    if task.status != TaskStatus.DELIVERED or task.leader_id == actor.pk:
        return set()
    notification_send(
        recipient=task.leader,
        kind="corps.evaluate",
        text=_("“%(task)s” has been delivered. Please evaluate the help you received."),
        params={"task": task.title},
        url=reverse("corps:evaluation", kwargs={"code": task.code}),
    )
    return {task.leader_id}


def _mine(task: ProcessTask, user: User, engagements: Sequence[Engagement]) -> Engagement | None:
    return next((e for e in engagements if e.consultant_id == user.pk), None)


def people_panel(task: ProcessTask, user: User) -> dict[str, Any]:
    engagements = list(
        task.engagements.select_related("consultant", "home_municipality").annotate(
            registered=Sum("time_entries__hours")
        )
    )
    return {
        "engagements": engagements,
        "planned_total": sum((e.planned_hours for e in engagements), Decimal(0)),
        "registered_total": sum((e.registered or Decimal(0) for e in engagements), Decimal(0)),
        "my_engagement": _mine(task, user, engagements),
        "is_coordinator": is_coordinator(user, task),
    }


def evaluation_panel(task: ProcessTask, user: User) -> dict[str, Any]:
    engagements = list(task.engagements.all())
    return {
        "evaluation": Evaluation.objects.filter(task=task).first(),
        "retrospectives": list(task.retrospectives.select_related("author")),
        "my_engagement": _mine(task, user, engagements),
        "is_leader": user.pk == task.leader_id,
    }


def case_panel(task: ProcessTask, user: User) -> dict[str, Any]:
    return {
        "case": Case.objects.filter(task=task).first(),
        "is_leader": user.pk == task.leader_id,
        "is_coordinator": is_coordinator(user, task),
    }


register_involvement(engaged)
register_people(accepted_people)
register_facts(corps_facts)
register_move_listener(ask_for_evaluation)
register_panel(
    TaskPanel("people", _("Consultants and hours"), 30, "corps/panels/people.html", people_panel)
)
register_panel(
    TaskPanel("evaluation", _("Evaluation"), 40, "corps/panels/evaluation.html", evaluation_panel)
)
register_panel(TaskPanel("case", _("Case library"), 50, "corps/panels/case.html", case_panel))
