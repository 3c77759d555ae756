# SPDX-License-Identifier: MPL-2.0
"""The task's cards on "Mit overblik": requests to scope and overdue tasks for the
coordinator; agreements to sign and the status of one's own requests for the leader."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from procesvaerk.core import access
from procesvaerk.core.registry import HomeCard, HomeItem
from procesvaerk.core.roles import Role
from procesvaerk.tasks import workflow
from procesvaerk.tasks.access import tasks_visible_to
from procesvaerk.tasks.models import ProcessTask, TaskStatus

if TYPE_CHECKING:
    from procesvaerk.accounts.models import User


def _link(task: ProcessTask, anchor: str = "") -> str:
    return reverse("tasks:task_detail", kwargs={"code": task.code}) + anchor


def coordinator_items(user: User) -> list[HomeItem]:
    mine = ProcessTask.objects.filter(
        municipality_id__in=access.municipality_ids(user, [Role.COORDINATOR])
    )
    items = []
    waiting = mine.filter(status=TaskStatus.REQUESTED)
    if (count := waiting.count()) > 0:
        oldest = waiting.aggregate(at=Min("created_at"))["at"]
        days = (timezone.now() - oldest).days
        oldest_for = (
            ngettext("the oldest for %(days)d day", "the oldest for %(days)d days", days)
            % {"days": days}
            if days
            else _("the oldest from today")
        )
        text = ngettext(
            "request waits for scoping (%(oldest)s)",
            "requests wait for scoping (%(oldest)s)",
            count,
        ) % {"oldest": oldest_for}
        board = reverse("corps:board") + f"?status={TaskStatus.REQUESTED}"
        items.append(HomeItem(text, board, count, oldest))
    today = timezone.localdate()
    for task in mine.filter(status__in=workflow.LIVE, period_end__lt=today).order_by("period_end"):
        text = _("“%(task)s” is past its period (ended %(end)s)") % {
            "task": task.title,
            "end": date_format(task.period_end, "SHORT_DATE_FORMAT"),
        }
        items.append(HomeItem(text, _link(task), None, task.period_end))
    return items


def leader_items(user: User) -> list[HomeItem]:
    items = []
    to_sign = ProcessTask.objects.filter(
        leader=user,
        status=TaskStatus.SCOPING,
        agreement__isnull=False,
        agreement__signed_off_at__isnull=True,
    )
    for task in to_sign:
        text = _("Sign off the agreement for “%(task)s”") % {"task": task.title}
        items.append(HomeItem(text, _link(task, "#panel-agreement"), None, task.updated_at))
    own = tasks_visible_to(user).filter(requester=user).exclude(status__in=workflow.CLOSED)
    for task in own.order_by("-updated_at")[:10]:
        text = _("Your request “%(task)s”: %(status)s") % {
            "task": task.title,
            "status": task.get_status_display(),
        }
        items.append(HomeItem(text, _link(task), None, task.updated_at))
    return items


CARDS = [
    HomeCard(
        "tasks.coordinator",
        _("Requests and tasks to follow up"),
        (Role.COORDINATOR,),
        coordinator_items,
        order=10,
        empty=_("No request waits for you, and no task is past its period."),
    ),
    HomeCard("tasks.leader", _("Your requests for help"), (Role.LEADER,), leader_items, order=20),
]
