# SPDX-License-Identifier: MPL-2.0
"""The corps' cards on "Mit overblik": unanswered invitations for the coordinator;
evaluations to give and cases awaiting consent for the leader; invitations, hours
and load for the consultant."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from procesvaerk.core import access
from procesvaerk.core.registry import HomeCard, HomeItem
from procesvaerk.core.roles import Role
from procesvaerk.corps.models import (
    Case,
    ConsultantProfile,
    Engagement,
    EngagementStatus,
    TimeEntry,
)
from procesvaerk.tasks import workflow
from procesvaerk.tasks.models import ProcessTask, TaskStatus

if TYPE_CHECKING:
    from procesvaerk.accounts.models import User


def _task_link(task: ProcessTask, anchor: str = "") -> str:
    return reverse("tasks:task_detail", kwargs={"code": task.code}) + anchor


def coordinator_items(user: User) -> list[HomeItem]:
    unanswered = Engagement.objects.filter(
        status=EngagementStatus.PROPOSED,
        task__municipality_id__in=access.municipality_ids(user, [Role.COORDINATOR]),
    ).select_related("task", "consultant")
    return [
        HomeItem(
            _("%(name)s has not answered the invitation to “%(task)s”")
            % {"name": e.consultant.full_name, "task": e.task.title},
            _task_link(e.task, "#panel-people"),
            None,
            e.created_at,
        )
        for e in unanswered
    ]


def leader_items(user: User) -> list[HomeItem]:
    items = []
    to_evaluate = ProcessTask.objects.filter(
        leader=user, status=TaskStatus.DELIVERED, evaluation__isnull=True
    )
    for task in to_evaluate:
        items.append(
            HomeItem(
                _("Evaluate the help with “%(task)s”") % {"task": task.title},
                reverse("corps:evaluation", kwargs={"code": task.code}),
                None,
                task.updated_at,
            )
        )
    for case in Case.objects.filter(task__leader=user, published_at__isnull=True):
        items.append(
            HomeItem(
                _("The case “%(title)s” awaits your consent") % {"title": case.title},
                _task_link(case.task, "#panel-case"),
                None,
                case.updated_at,
            )
        )
    return items


def consultant_items(user: User) -> list[HomeItem]:
    items = []
    for e in Engagement.objects.filter(
        consultant=user, status=EngagementStatus.PROPOSED
    ).select_related("task"):
        text = _("Answer the invitation to “%(task)s”") % {"task": e.task.title}
        items.append(HomeItem(text, _task_link(e.task, "#panel-people"), None, e.created_at))
    today = timezone.localdate()
    week_start = today - timedelta(days=today.weekday())
    active = Engagement.objects.filter(
        consultant=user,
        status=EngagementStatus.ACCEPTED,
        task__status__in=workflow.OPEN_FOR_HOURS - {TaskStatus.DELIVERED},
    ).select_related("task")
    for e in active:
        if not e.time_entries.filter(date__gte=week_start).exists():
            text = _("No hours registered this week on “%(task)s”") % {"task": e.task.title}
            url = reverse("corps:time_entries", kwargs={"code": e.code})
            items.append(HomeItem(text, url, None, e.task.updated_at))
    profile = ConsultantProfile.objects.filter(user=user).first()
    if profile is not None:
        month_start = today.replace(day=1)
        used = TimeEntry.objects.filter(
            engagement__consultant=user, date__gte=month_start, date__lte=today
        ).aggregate(total=Sum("hours"))["total"] or Decimal(0)
        text = _("hours registered this month of your capacity of %(capacity)s") % {
            "capacity": profile.capacity_hours
        }
        items.append(HomeItem(text, reverse("corps:my_tasks"), int(used), None))
    return items


CARDS = [
    HomeCard(
        "corps.coordinator",
        _("Invitations not answered"),
        (Role.COORDINATOR,),
        coordinator_items,
        order=15,
    ),
    HomeCard("corps.leader", _("Evaluations and cases"), (Role.LEADER,), leader_items, order=25),
    HomeCard(
        "corps.consultant",
        _("Your tasks in the corps"),
        (Role.CONSULTANT,),
        consultant_items,
        order=30,
        empty=_("Nothing waits for you in the corps right now."),
    ),
]
