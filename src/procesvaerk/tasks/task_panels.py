# SPDX-License-Identifier: MPL-2.0
"""The task app's own panels: the request and the for-proces agreement."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from procesvaerk.tasks.access import is_coordinator
from procesvaerk.tasks.registry import TaskPanel, register_panel
from procesvaerk.tasks.services import agreement_version

if TYPE_CHECKING:
    from procesvaerk.accounts.models import User
    from procesvaerk.tasks.models import ProcessTask


def _request(task: ProcessTask, user: User) -> dict[str, Any]:
    from procesvaerk.tasks.access import can_edit_request

    return {"can_edit_request": can_edit_request(user, task)}


def _agreement(task: ProcessTask, user: User) -> dict[str, Any]:
    agreement = getattr(task, "agreement", None) if hasattr(task, "agreement") else None
    return {
        "agreement": agreement,
        "agreement_version": agreement_version(agreement) if agreement else "",
        "is_leader": user.pk == task.leader_id,
        "is_coordinator": is_coordinator(user, task),
    }


register_panel(TaskPanel("request", _("The request"), 10, "tasks/panels/request.html", _request))
register_panel(
    TaskPanel("agreement", _("Agreement"), 20, "tasks/panels/agreement.html", _agreement)
)
