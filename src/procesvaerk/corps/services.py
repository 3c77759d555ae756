# SPDX-License-Identifier: MPL-2.0
"""Every write of the corps app, including the task workflow.

Illegal moves raise ``ValidationError`` with a translatable message and change
nothing (each service runs in one transaction). Missing rights raise
``PermissionDenied``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procesvaerk.accounts.models import User
from procesvaerk.accounts.roles import Role
from procesvaerk.core import access
from procesvaerk.core.audit import audit_record
from procesvaerk.core.models import Municipality, Unit, Visibility
from procesvaerk.corps.models import (
    Competence,
    ConsultantProfile,
    Engagement,
    EngagementStatus,
    Evaluation,
    NotificationKind,
    ProcessTask,
    TaskAgreement,
    TaskSize,
    TaskStatus,
    TaskTransition,
    TaskType,
    TimeEntry,
)
from procesvaerk.corps.notifications import notification_send, status_label

S = TaskStatus
# The workflow: which statuses each status may move to.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.REQUESTED: (S.SCOPING, S.REJECTED, S.CANCELLED),
    S.SCOPING: (S.AGREED, S.REJECTED, S.CANCELLED),
    S.AGREED: (S.IN_PROGRESS, S.CANCELLED),
    S.IN_PROGRESS: (S.DELIVERED, S.CANCELLED),
    S.DELIVERED: (S.EVALUATED,),
    S.EVALUATED: (),
    S.REJECTED: (),
    S.CANCELLED: (),
}
NEEDS_REASON = {S.REJECTED, S.CANCELLED}
OPEN_FOR_ASSIGNMENT = {S.SCOPING, S.AGREED, S.IN_PROGRESS}
OPEN_FOR_HOURS = {S.AGREED, S.IN_PROGRESS, S.DELIVERED}
DONE = {S.DELIVERED, S.EVALUATED}


def _is_super(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False))


def _require_coordinator(actor: Any, task: ProcessTask) -> None:
    access.require_role(actor, task.municipality_id, Role.COORDINATOR)


def _require_leader(actor: Any, task: ProcessTask) -> None:
    if not (_is_super(actor) or actor.pk == task.leader_id):
        raise PermissionDenied


# --- profiles ----------------------------------------------------------------


@transaction.atomic
def profile_save(
    *,
    actor: Any,
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
    if not access.can_edit_consultant_profile(actor, user, municipality):
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


# --- tasks and the workflow --------------------------------------------------


@transaction.atomic
def task_request(
    *,
    actor: Any,
    unit: Unit,
    title: str,
    background: str,
    desired_outcome: str,
    task_types: list[str],
    period_start: date,
    period_end: date,
    size: str,
    core_task: str = "",
    kle_code: str = "",
) -> ProcessTask:
    """Anyone with a role in the unit's municipality may ask for help; the
    unit's leader becomes the task's leader."""
    if not (_is_super(actor) or access.has_role(actor, unit.municipality_id)):
        raise PermissionDenied
    values = _request_values(
        unit, title, background, desired_outcome, task_types, period_start, period_end, size,
        core_task, kle_code,
    )  # fmt: skip
    if unit.leader_id is None:
        raise ValidationError(
            _("The unit has no leader registered. Ask your coordinator to add one.")
        )
    task = ProcessTask(
        municipality_id=unit.municipality_id,
        unit=unit,
        requester=actor,
        leader_id=unit.leader_id,
        **values,
    )
    task.full_clean()
    task.save()
    TaskTransition.objects.create(task=task, from_status="", to_status=S.REQUESTED, actor=actor)
    if task.leader_id != actor.pk:
        notification_send(recipient=task.leader, kind=NotificationKind.STATUS, task=task)
    return task


def _request_values(
    unit: Unit,
    title: str,
    background: str,
    desired_outcome: str,
    task_types: list[str],
    period_start: date,
    period_end: date,
    size: str,
    core_task: str,
    kle_code: str,
) -> dict[str, Any]:
    """The request's fields, checked and tidied, for a new task or a corrected one."""
    if not task_types or set(task_types) - set(TaskType.values):
        raise ValidationError(_("Choose at least one known task type."))
    if size not in TaskSize.values:
        raise ValidationError(_("Choose a size."))
    if period_end < period_start:
        raise ValidationError(_("The desired period must end after it starts."))
    return {
        "title": title.strip(),
        "background": background.strip(),
        "desired_outcome": desired_outcome.strip(),
        "core_task": (core_task or unit.core_task).strip(),
        "task_types": ",".join(t for t in TaskType.values if t in task_types),
        "kle_code": kle_code.strip(),
        "period_start": period_start,
        "period_end": period_end,
        "size": size,
    }


def _lock_status(task: ProcessTask) -> None:
    """Lock the task's row and read its current status into the caller's object, so two
    requests at once (a double click) see each other's change."""
    task.status = (
        ProcessTask.objects.select_for_update().values_list("status", flat=True).get(pk=task.pk)
    )


EDITABLE_REQUEST = {S.REQUESTED, S.SCOPING}


def can_edit_request(user: Any, task: ProcessTask) -> bool:
    """The requester, the leader and the owner's coordinators, until the task is agreed."""
    return task.status in EDITABLE_REQUEST and (
        user.pk in (task.requester_id, task.leader_id)
        or _is_super(user)
        or access.has_role(user, task.municipality_id, Role.COORDINATOR)
    )


@transaction.atomic
def task_request_update(
    *,
    actor: Any,
    task: ProcessTask,
    title: str,
    background: str,
    desired_outcome: str,
    task_types: list[str],
    period_start: date,
    period_end: date,
    size: str,
    core_task: str = "",
    kle_code: str = "",
) -> ProcessTask:
    """Correct the request until the task is agreed; from then on the agreement counts.
    The unit (and so the leader and the owner) stays as requested."""
    _lock_status(task)
    if task.status not in EDITABLE_REQUEST:
        raise ValidationError(_("The request can only be changed until the task is agreed."))
    if not can_edit_request(actor, task):
        raise PermissionDenied
    values = _request_values(
        task.unit, title, background, desired_outcome, task_types, period_start, period_end,
        size, core_task, kle_code,
    )  # fmt: skip
    for field, value in values.items():
        setattr(task, field, value)
    task.full_clean()
    task.save()
    return task


def _move(*, actor: Any, task: ProcessTask, to_status: str, comment: str) -> ProcessTask:
    from_status = task.status
    task.status = to_status
    task.save(update_fields=["status", "updated_at"])
    TaskTransition.objects.create(
        task=task, from_status=from_status, to_status=to_status, actor=actor, comment=comment
    )
    kind = NotificationKind.EVALUATE if to_status == S.DELIVERED else NotificationKind.STATUS
    recipients = {task.leader_id: task.leader}
    for engagement in task.engagements.filter(status=EngagementStatus.ACCEPTED).select_related(
        "consultant"
    ):
        recipients[engagement.consultant_id] = engagement.consultant
    for user_id, user in recipients.items():
        if user_id != actor.pk or kind == NotificationKind.EVALUATE:
            notification_send(
                recipient=user,
                kind=kind if user_id == task.leader_id else NotificationKind.STATUS,
                task=task,
            )
    return task


@transaction.atomic
def task_transition(
    *, actor: Any, task: ProcessTask, to_status: str, comment: str = ""
) -> ProcessTask:
    """Move a task one step in the workflow (coordinators; the leader may cancel)."""
    _lock_status(task)
    is_leader = actor.pk == task.leader_id
    if not (to_status == S.CANCELLED and is_leader):
        _require_coordinator(actor, task)
    if to_status not in TRANSITIONS.get(task.status, ()):
        raise ValidationError(
            _("A task cannot go from “%(from)s” to “%(to)s”.")
            % {"from": status_label(task.status), "to": status_label(to_status)}
        )
    comment = comment.strip()
    if to_status in NEEDS_REASON and not comment:
        raise ValidationError(_("Give a reason when a task is rejected or cancelled."))
    if to_status == S.AGREED:
        agreement = TaskAgreement.objects.filter(task=task).first()
        if agreement is None or agreement.signed_off_at is None:
            raise ValidationError(
                _("The task needs an agreement signed off by the leader before it is agreed.")
            )
    if (
        to_status == S.IN_PROGRESS
        and not task.engagements.filter(status=EngagementStatus.ACCEPTED).exists()
    ):
        raise ValidationError(_("The task needs at least one consultant who has accepted."))
    if to_status == S.EVALUATED and not Evaluation.objects.filter(task=task).exists():
        raise ValidationError(_("The leader evaluates the task; that moves it to evaluated."))
    return _move(actor=actor, task=task, to_status=to_status, comment=comment)


@transaction.atomic
def agreement_save(
    *,
    actor: Any,
    task: ProcessTask,
    purpose: str,
    scope: str,
    success_criteria: str,
    roles: str,
    timeline: str,
) -> TaskAgreement:
    """Write the for-proces agreement (coordinator, while scoping). A change
    after sign-off withdraws the sign-off."""
    _require_coordinator(actor, task)
    if task.status != S.SCOPING:
        raise ValidationError(_("The agreement can only be changed while the task is in scoping."))
    fields = {
        "purpose": purpose.strip(),
        "scope": scope.strip(),
        "success_criteria": success_criteria.strip(),
        "roles": roles.strip(),
        "timeline": timeline.strip(),
    }
    if not all(fields.values()):
        raise ValidationError(_("Fill in every part of the agreement."))
    agreement = TaskAgreement.objects.filter(task=task).first()
    if agreement is None:
        return TaskAgreement.objects.create(task=task, **fields)
    if any(getattr(agreement, k) != v for k, v in fields.items()):
        for key, value in fields.items():
            setattr(agreement, key, value)
        agreement.signed_off_by = None
        agreement.signed_off_at = None
        agreement.save()
    return agreement


@transaction.atomic
def agreement_sign_off(*, actor: Any, task: ProcessTask) -> TaskAgreement:
    _require_leader(actor, task)
    agreement = TaskAgreement.objects.filter(task=task).first()
    if agreement is None:
        raise ValidationError(_("There is no agreement to sign off yet."))
    if task.status != S.SCOPING:
        raise ValidationError(_("The agreement can only be changed while the task is in scoping."))
    agreement.signed_off_by = actor
    agreement.signed_off_at = timezone.now()
    agreement.save(update_fields=["signed_off_by", "signed_off_at", "updated_at"])
    return agreement


# --- engagements and hours ----------------------------------------------------


@transaction.atomic
def engagement_assign(
    *, actor: Any, task: ProcessTask, consultant: User, planned_hours: Decimal
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
    notification_send(recipient=consultant, kind=NotificationKind.ASSIGNED, task=task)
    return engagement


@transaction.atomic
def engagement_respond(
    *, actor: Any, engagement: Engagement, accept: bool, comment: str = ""
) -> Engagement:
    if actor.pk != engagement.consultant_id:
        raise PermissionDenied
    if engagement.status != EngagementStatus.PROPOSED:
        raise ValidationError(_("You have already answered."))
    engagement.status = EngagementStatus.ACCEPTED if accept else EngagementStatus.DECLINED
    engagement.response_comment = comment.strip()
    engagement.save(update_fields=["status", "response_comment", "updated_at"])
    if engagement.assigned_by_id:
        notification_send(
            recipient=engagement.assigned_by,  # type: ignore[arg-type]
            kind=NotificationKind.ACCEPTED if accept else NotificationKind.DECLINED,
            task=engagement.task,
        )
    return engagement


@transaction.atomic
def time_register(
    *, actor: Any, engagement: Engagement, day: date, hours: Decimal, note: str = ""
) -> TimeEntry:
    if actor.pk != engagement.consultant_id:
        raise PermissionDenied
    if engagement.status != EngagementStatus.ACCEPTED:
        raise ValidationError(_("Accept the task before you register hours."))
    if engagement.task.status not in OPEN_FOR_HOURS:
        raise ValidationError(
            _("Hours can be registered once the task is agreed and until it is delivered.")
        )
    if not Decimal("0.5") <= hours <= Decimal("24"):
        raise ValidationError(_("Register between 0.5 and 24 hours a day."))
    if day > timezone.localdate():
        raise ValidationError(_("Hours cannot be registered in the future."))
    return TimeEntry.objects.create(
        engagement=engagement,
        date=day,
        hours=hours,
        note=note.strip(),
        from_municipality_id=engagement.home_municipality_id,
        to_municipality_id=engagement.task.municipality_id,
    )
