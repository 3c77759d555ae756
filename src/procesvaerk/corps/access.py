# SPDX-License-Identifier: MPL-2.0
"""The corps' own access rules: consultant profiles and engagements. Tasks are
opened through ``tasks.access.get_task_for_user``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from procesvaerk.core import access
from procesvaerk.core.models import Municipality
from procesvaerk.core.roles import Role
from procesvaerk.corps.models import ConsultantProfile, Engagement
from procesvaerk.tasks.access import tasks_visible_to

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from procesvaerk.accounts.models import User

# Other apps may widen who writes a profile (the training: its coordinator at graduation).
_profile_editor_rules: list[Callable[[Any, Any], bool]] = []


def register_profile_editor_rule(rule: Callable[[Any, Any], bool]) -> None:
    if rule not in _profile_editor_rules:
        _profile_editor_rules.append(rule)


def can_edit_consultant_profile(actor: User, user: User, municipality: Municipality) -> bool:
    """The consultant, a coordinator of their home municipality, or whoever a
    registered rule allows."""
    if actor.is_superuser or actor.pk == user.pk:
        return True
    if access.has_role(actor, municipality, Role.COORDINATOR):
        return True
    return any(rule(actor, user) for rule in _profile_editor_rules)


def engagements_visible_to(user: User | AnonymousUser) -> QuerySet[Engagement]:
    return Engagement.objects.filter(task__in=tasks_visible_to(user))


def get_engagement_for_user(user: User | AnonymousUser, code: Any) -> Engagement:
    """An engagement on a task the user may open, else 404."""
    return get_object_or_404(
        engagements_visible_to(user).select_related("task", "consultant", "assigned_by"),
        code=code,
    )


def profiles_visible_to(user: User | AnonymousUser) -> QuerySet[ConsultantProfile]:
    return access.visible(ConsultantProfile.objects.all(), user)
