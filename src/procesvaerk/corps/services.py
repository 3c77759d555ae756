# SPDX-License-Identifier: MPL-2.0
"""Every write of the corps app: profiles, engagements and hours. The task's own
writes (request, workflow, agreement) are in ``tasks.services``.

Illegal moves raise ``ValidationError`` with a translatable message and change
nothing (each service runs in one transaction). Missing rights raise
``PermissionDenied``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from procesvaerk.accounts.models import User
from procesvaerk.core import access
from procesvaerk.core.audit import audit_record
from procesvaerk.core.models import Municipality, Unit, Visibility
from procesvaerk.core.notifications import notification_send
from procesvaerk.core.roles import Role
from procesvaerk.corps.access import can_edit_consultant_profile
from procesvaerk.corps.hours_services import time_register  # the hours' writes live there
from procesvaerk.corps.models import (
    Competence,
    ConsultantProfile,
    Engagement,
    EngagementStatus,
)
from procesvaerk.tasks.models import ProcessTask
from procesvaerk.tasks.services import task_url
from procesvaerk.tasks.workflow import OPEN_FOR_ASSIGNMENT


def _is_super(user: User) -> bool:
    return bool(getattr(user, "is_superuser", False))


def _require_coordinator(actor: User, task: ProcessTask) -> None:
    access.require_role(actor, task.municipality_id, Role.COORDINATOR)


def _require_leader(actor: User, task: ProcessTask) -> None:
    if not (_is_super(actor) or actor.pk == task.leader_id):
        raise PermissionDenied


# --- profiles ----------------------------------------------------------------


@transaction.atomic
def profile_save(
    *,
    actor: User,
    user: User,
    municipality: Municipality,
    unit: Unit | None,
    competences: list[str],
    tags: str,
    methods: str,
    capacity_hours: int,
    corps_from: date,
    corps_to: date,
    cross_municipality: bool,
) -> ConsultantProfile:
    """Create or update a consultant's profile: the consultant or a coordinator."""
    if not can_edit_consultant_profile(actor, user, municipality):
        raise PermissionDenied
    if not access.has_role(user, municipality, Role.CONSULTANT):
        raise ValidationError(_("The person is not a consultant in this municipality."))
    unknown = set(competences) - set(Competence.values)
    if unknown:
        raise ValidationError(_("Unknown competence."))
    if corps_to < corps_from:
        raise ValidationError(_("The corps period must end after it starts."))
    if unit is not None and unit.municipality_id != municipality.pk:
        raise ValidationError(_("The unit must belong to the home municipality."))
    values = {
        "municipality": municipality,
        "unit": unit,
        "competences": ",".join(c for c in Competence.values if c in competences),
        "tags": ", ".join(t.strip() for t in tags.split(",") if t.strip()),
        "methods": methods.strip(),
        "capacity_hours": capacity_hours,
        "corps_from": corps_from,
        "corps_to": corps_to,
        "cross_municipality": cross_municipality,
        "visibility": Visibility.COOPERATION if cross_municipality else Visibility.PRIVATE,
    }
    profile, created = ConsultantProfile.objects.update_or_create(user=user, defaults=values)
    audit_record(
        actor=actor,
        action="corps.profile.create" if created else "corps.profile.update",
        target=profile,
        subject=user,
        municipality=municipality,
    )
    return profile


# --- engagements and hours ----------------------------------------------------


@transaction.atomic
def engagement_assign(
    *, actor: User, task: ProcessTask, consultant: User, planned_hours: Decimal
) -> Engagement:
    _require_coordinator(actor, task)
    if task.status not in OPEN_FOR_ASSIGNMENT:
        raise ValidationError(
            _("Consultants can be assigned while the task is being scoped, agreed or in progress.")
        )
    if planned_hours <= 0:
        raise ValidationError(_("Planned hours must be more than zero."))
    profile = (
        access.visible(ConsultantProfile.objects.all(), actor)
        .select_related("municipality")
        .filter(user=consultant)
        .first()
    )
    if profile is None:
        raise ValidationError(_("The person has no consultant profile you can see."))
    if profile.municipality_id != task.municipality_id and not profile.cross_municipality:
        raise ValidationError(_("The consultant only takes tasks in their own municipality."))
    if profile.unit_id is not None and profile.unit_id == task.unit_id:
        raise ValidationError(_("A consultant is never placed on their own unit."))
    if Engagement.objects.filter(task=task, consultant=consultant).exists():
        raise ValidationError(_("The consultant is already on this task."))
    engagement = Engagement.objects.create(
        task=task,
        consultant=consultant,
        home_municipality_id=profile.municipality_id,
        planned_hours=planned_hours,
        assigned_by=actor,
    )
    notification_send(
        recipient=consultant,
        kind="corps.invited",
        text=gettext_lazy("You are asked to take the task “%(task)s”. Accept or decline it."),
        params={"task": task.title},
        url=task_url(task) + "#panel-people",
    )
    return engagement


@transaction.atomic
def engagement_respond(
    *, actor: User, engagement: Engagement, accept: bool, comment: str = ""
) -> Engagement:
    if actor.pk != engagement.consultant_id:
        raise PermissionDenied
    # Lock and re-read: of two answers at once (a double click) only the first counts.
    engagement.status = (
        Engagement.objects.select_for_update()
        .values_list("status", flat=True)
        .get(pk=engagement.pk)
    )
    if engagement.status != EngagementStatus.PROPOSED:
        raise ValidationError(_("You have already answered."))
    engagement.status = EngagementStatus.ACCEPTED if accept else EngagementStatus.DECLINED
    engagement.response_comment = comment.strip()
    engagement.save(update_fields=["status", "response_comment", "updated_at"])
    if engagement.assigned_by_id:
        text = (
            gettext_lazy("%(name)s accepted the task “%(task)s”.")
            if accept
            else gettext_lazy("%(name)s declined the task “%(task)s”. Find another consultant.")
        )
        notification_send(
            recipient=engagement.assigned_by,  # type: ignore[arg-type]
            kind="corps.accepted" if accept else "corps.declined",
            text=text,
            params={"name": actor.full_name, "task": engagement.task.title},
            url=task_url(engagement.task) + "#panel-people",
        )
    return engagement


__all__ = ["engagement_assign", "engagement_respond", "profile_save", "time_register"]
