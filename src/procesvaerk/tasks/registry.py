# SPDX-License-Identifier: MPL-2.0
"""The task page's extension points. Each app declares, in its own
``task_panels.py`` (discovered at start like the admin's modules):

- panels: a section of the task page, ``register_panel(TaskPanel(...))``;
- involvement: who else may open a task (``register_involvement``);
- people: who works on a task, for the header and notifications (``register_people``);
- facts: what the workflow guards need from the app (``register_facts``);
- move listeners: what the app does when a task changes status (``register_move_listener``).

``tasks`` never imports the apps that register here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils.functional import Promise

if TYPE_CHECKING:
    from procesvaerk.accounts.models import User
    from procesvaerk.tasks.models import ProcessTask


@dataclass(frozen=True)
class TaskPanel:
    """One section of the task page. ``context(task, user)`` returns the template's
    context, or None when this user may not see the panel."""

    key: str
    title: str | Promise
    order: int
    template: str
    context: Callable[[ProcessTask, User], dict[str, Any] | None]


@dataclass(frozen=True)
class TaskPerson:
    user: User
    role: str | Promise
    notify: bool = True  # told when the task changes status


_panels: dict[str, TaskPanel] = {}
_involvement: list[Callable[[User], Q]] = []
_people: list[Callable[[ProcessTask], list[TaskPerson]]] = []
_facts: list[Callable[[ProcessTask], dict[str, Any]]] = []
# (task, from_status, actor) -> ids of the people the listener told itself
_move_listeners: list[Callable[[ProcessTask, str, User], set[int]]] = []


def register_panel(panel: TaskPanel) -> TaskPanel:
    if panel.key in _panels and _panels[panel.key] != panel:
        raise ValueError(f"Two task panels share the key {panel.key!r}")
    _panels[panel.key] = panel
    return panel


def register_involvement(rule: Callable[[User], Q]) -> None:
    """``rule(user)`` -> a Q on ProcessTask (use ``pk__in`` subqueries: no duplicates)."""
    if rule not in _involvement:
        _involvement.append(rule)


def register_people(provider: Callable[[ProcessTask], list[TaskPerson]]) -> None:
    if provider not in _people:
        _people.append(provider)


def register_facts(provider: Callable[[ProcessTask], dict[str, Any]]) -> None:
    """``provider(task)`` -> fields of ``workflow.TaskFacts`` the app knows."""
    if provider not in _facts:
        _facts.append(provider)


def register_move_listener(listener: Callable[[ProcessTask, str, User], set[int]]) -> None:
    """Called inside the move's transaction after the status changed; returns the ids
    of people it sent a more specific notification, so they are not told twice."""
    if listener not in _move_listeners:
        _move_listeners.append(listener)


def move_listeners() -> list[Callable[[ProcessTask, str, User], set[int]]]:
    return list(_move_listeners)


def panels() -> list[TaskPanel]:
    return sorted(_panels.values(), key=lambda p: (p.order, p.key))


def involvement_rules() -> list[Callable[[User], Q]]:
    return list(_involvement)


def people_providers() -> list[Callable[[ProcessTask], list[TaskPerson]]]:
    return list(_people)


def fact_providers() -> list[Callable[[ProcessTask], dict[str, Any]]]:
    return list(_facts)
