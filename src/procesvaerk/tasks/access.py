# SPDX-License-Identifier: MPL-2.0
"""Who may open and act on a process task.

A task is an owned object (municipality + visibility), and everyone with a part
in it opens it wherever they belong: its leader and requester, and whoever
another app says is involved (``registry.register_involvement``; the corps
registers engaged consultants). An outsider gets 404, never data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from procesvaerk.core import access
from procesvaerk.core.roles import Role
from procesvaerk.tasks import registry
from procesvaerk.tasks.models import ProcessTask

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from procesvaerk.accounts.models import User

Need = Literal["read", "coordinate", "lead"]


def involved_q(user: User | AnonymousUser) -> Q:
    """Tasks a person leads, requested or (by another app's rule) works on."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    rule = Q(leader_id=user.pk) | Q(requester_id=user.pk)
    for extra in registry.involvement_rules():
        rule |= extra(user)  # type: ignore[arg-type]
    return rule


def tasks_visible_to(user: User | AnonymousUser) -> QuerySet[ProcessTask]:
    return access.visible(ProcessTask.objects.all(), user, also=involved_q(user))


def is_coordinator(user: User | AnonymousUser, task: ProcessTask) -> bool:
    return user.is_superuser or access.has_role(user, task.municipality_id, Role.COORDINATOR)


def is_leader(user: User | AnonymousUser, task: ProcessTask) -> bool:
    return user.is_superuser or user.pk == task.leader_id


def get_task_for_user(user: User | AnonymousUser, code: Any, *, need: Need = "read") -> ProcessTask:
    """One task or 404 (another municipality's private task is missing); 403 when the
    user may read it but ``need`` asks for the coordinator or the leader."""
    task = access.get_visible_or_404(
        ProcessTask.objects.select_related(
            "municipality__cooperation", "unit", "leader", "requester"
        ),
        user,
        also=involved_q(user),
        code=code,
    )
    if need == "coordinate" and not is_coordinator(user, task):
        raise PermissionDenied
    if need == "lead" and not is_leader(user, task):
        raise PermissionDenied
    return task


def can_edit_request(user: User | AnonymousUser, task: ProcessTask) -> bool:
    """The requester, the leader and the owner's coordinators, until the task is agreed."""
    from procesvaerk.tasks.workflow import EDITABLE_REQUEST

    return task.status in EDITABLE_REQUEST and (
        user.pk in (task.requester_id, task.leader_id) or is_coordinator(user, task)
    )
