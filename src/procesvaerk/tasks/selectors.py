# SPDX-License-Identifier: MPL-2.0
"""Reads for the task page: the header, "what happens next" and the panels."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from procesvaerk.tasks import registry, workflow
from procesvaerk.tasks.access import can_edit_request
from procesvaerk.tasks.models import ProcessTask
from procesvaerk.tasks.services import task_facts, task_people

if TYPE_CHECKING:
    from procesvaerk.accounts.models import User


def task_page(task: ProcessTask, user: User) -> dict[str, Any]:
    """The task, its header facts and the panels this user may see, in order."""
    facts = task_facts(task, user)
    panels = []
    for panel in registry.panels():
        context = panel.context(task, user)
        if context is None:
            continue
        shared = {"task": task, "viewer": user, "facts": facts}
        panels.append(
            {
                "key": panel.key,
                "title": panel.title,
                "template": panel.template,
                "context": {**shared, **context},
            }
        )
    return {
        "task": task,
        "facts": facts,
        "people": task_people(task),
        "next_step": workflow.next_step(facts),
        "can_edit_request": can_edit_request(user, task),
        "panels": panels,
        "transitions": list(task.transitions.select_related("actor")),
    }
