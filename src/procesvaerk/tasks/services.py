# SPDX-License-Identifier: MPL-2.0
"""Writes of the process task: the request, its corrections, the workflow moves
and the for-proces agreement.

Illegal moves raise ``ValidationError`` with a translated message and change
nothing (each service runs in one transaction); missing rights raise
``PermissionDenied``. Two requests at once (a double click) are serialised by
locking the task's row before its status is read.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from procesvaerk.core import access
from procesvaerk.core.models import Unit
from procesvaerk.core.notifications import notification_send
from procesvaerk.core.roles import Role
from procesvaerk.tasks import registry, workflow
from procesvaerk.tasks.access import can_edit_request, is_coordinator, is_leader
from procesvaerk.tasks.models import (
    ProcessTask,
    TaskAgreement,
    TaskSize,
    TaskStatus,
    TaskTransition,
    TaskType,
)

if TYPE_CHECKING:
    from procesvaerk.accounts.models import User

S = TaskStatus


def task_url(task: ProcessTask) -> str:
    return reverse("tasks:task_detail", kwargs={"code": task.code})


def task_facts(task: ProcessTask, user: User) -> workflow.TaskFacts:
    """What the workflow guards know about ``task`` for ``user``: this app's own
    facts plus those the other apps register."""
    agreement = TaskAgreement.objects.filter(task=task).first()
    values: dict[str, Any] = {
        "status": task.status,
        "is_coordinator": is_coordinator(user, task),
        "is_leader": user.pk == task.leader_id,
        "agreement_written": agreement is not None,
        "agreement_signed": agreement is not None and agreement.signed_off_at is not None,
    }
    for provider in registry.fact_providers():
        values.update(provider(task))
    return workflow.TaskFacts(**values)


def task_people(task: ProcessTask) -> list[registry.TaskPerson]:
    """The leader, the requester and whoever the other apps say works on the task."""
    people = [registry.TaskPerson(task.leader, gettext_lazy("Leader"))]
    if task.requester_id != task.leader_id:
        people.append(registry.TaskPerson(task.requester, gettext_lazy("Requested by"), False))
    for provider in registry.people_providers():
        people.extend(provider(task))
    return people


# --- the request ---------------------------------------------------------------


@transaction.atomic
def task_request(
    *,
    actor: User,
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
    records_past_help: bool = False,
) -> ProcessTask:
    """Anyone with a role in the unit's municipality may ask for help; the unit's
    leader becomes the task's leader and the municipality's coordinators are told.
    Help is asked ahead: a desired period that has ended is refused, unless the task
    records help already given (``records_past_help``: a training workplace of a cohort
    that has run)."""
    if not (actor.is_superuser or access.has_role(actor, unit.municipality_id)):
        raise PermissionDenied
    values = _request_values(
        unit, title, background, desired_outcome, task_types, period_start, period_end, size,
        core_task, kle_code,
    )  # fmt: skip
    if not records_past_help:
        _refuse_ended(period_end)
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
    params = {"task": task.title, "unit": unit.name}
    told = {actor.pk}
    if task.leader_id != actor.pk:
        told.add(task.leader_id)
        notification_send(
            recipient=task.leader,
            kind="tasks.requested_for_you",
            text=gettext_lazy("Help was requested for your unit: “%(task)s”. Follow it here."),
            params=params,
            url=task_url(task),
        )
    coordinators = access.people_with_role(unit.municipality_id, Role.COORDINATOR)
    for coordinator in coordinators.exclude(pk__in=told):
        notification_send(
            recipient=coordinator,
            kind="tasks.requested",
            text=gettext_lazy("New request from %(unit)s: “%(task)s”. Read it and start scoping."),
            params=params,
            url=task_url(task),
        )
    return task


def _refuse_ended(period_end: date) -> None:
    if period_end < timezone.localdate():
        message = _("The desired period has already ended. Choose an end date from today.")
        raise ValidationError({"period_end": message})


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


def lock_status(task: ProcessTask) -> None:
    """Lock the task's row and read its current status into the caller's object, so two
    requests at once (a double click) see each other's change."""
    task.status = (
        ProcessTask.objects.select_for_update().values_list("status", flat=True).get(pk=task.pk)
    )


@transaction.atomic
def task_request_update(
    *,
    actor: User,
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
    lock_status(task)
    if task.status not in workflow.EDITABLE_REQUEST:
        raise ValidationError(_("The request can only be changed until the task is agreed."))
    if not can_edit_request(actor, task):
        raise PermissionDenied
    values = _request_values(
        task.unit, title, background, desired_outcome, task_types, period_start, period_end,
        size, core_task, kle_code,
    )  # fmt: skip
    if period_end != task.period_end:  # an unchanged old end does not block other fixes
        _refuse_ended(period_end)
    for field, value in values.items():
        setattr(task, field, value)
    task.full_clean()
    task.save()
    return task


# --- the workflow --------------------------------------------------------------


@transaction.atomic
def task_move(*, actor: User, task: ProcessTask, to_status: str, comment: str = "") -> ProcessTask:
    """Record a move already checked by the caller and tell the people on the task.
    Other apps' services call it inside their own transaction (the evaluation)."""
    from_status = task.status
    task.status = to_status
    task.save(update_fields=["status", "updated_at"])
    TaskTransition.objects.create(
        task=task, from_status=from_status, to_status=to_status, actor=actor, comment=comment
    )
    params = {"task": task.title, "status": workflow.status_label(to_status)}
    told: set[int] = {actor.pk}
    for listener in registry.move_listeners():
        told |= listener(task, from_status, actor)
    for person in task_people(task):
        if not person.notify or person.user.pk in told:
            continue
        told.add(person.user.pk)
        notification_send(
            recipient=person.user,
            kind="tasks.status",
            text=gettext_lazy("The task “%(task)s” is now %(status)s."),
            params=params,
            url=task_url(task),
        )
    return task


@transaction.atomic
def task_transition(
    *, actor: User, task: ProcessTask, to_status: str, comment: str = ""
) -> ProcessTask:
    """Move a task one step in the workflow (coordinators; the leader may cancel)."""
    lock_status(task)
    comment = comment.strip()
    try:
        workflow.check_move(task_facts(task, actor), to_status, comment)
    except PermissionError:
        raise PermissionDenied from None
    except workflow.WorkflowError as error:
        raise ValidationError(str(error)) from None
    return task_move(actor=actor, task=task, to_status=to_status, comment=comment)


# --- the agreement ----------------------------------------------------------------


@transaction.atomic
def agreement_save(
    *,
    actor: User,
    task: ProcessTask,
    purpose: str,
    scope: str,
    success_criteria: str,
    roles: str,
    timeline: str,
) -> TaskAgreement:
    """Write the for-proces agreement (coordinator, while scoping). A change after
    sign-off withdraws the sign-off; the leader is asked to sign (again)."""
    if not is_coordinator(actor, task):
        raise PermissionDenied
    lock_status(task)
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
        agreement = TaskAgreement.objects.create(task=task, **fields)
    elif any(getattr(agreement, k) != v for k, v in fields.items()):
        for key, value in fields.items():
            setattr(agreement, key, value)
        agreement.signed_off_by = None
        agreement.signed_off_at = None
        agreement.save()
    else:
        return agreement
    notification_send(
        recipient=task.leader,
        kind="tasks.agreement_to_sign",
        text=gettext_lazy("The agreement for “%(task)s” is ready: read it and sign it off."),
        params={"task": task.title},
        url=task_url(task) + "#panel-agreement",
    )
    return agreement


def agreement_version(agreement: TaskAgreement) -> str:
    return agreement.updated_at.isoformat()


@transaction.atomic
def agreement_sign_off(*, actor: User, task: ProcessTask, version: str) -> TaskAgreement:
    """The leader signs the agreement as they read it: ``version`` (the agreement's
    ``updated_at`` when the page was shown) must still hold, so an edit made meanwhile
    is never signed unread. Signing twice (a double click) changes nothing."""
    if not is_leader(actor, task):
        raise PermissionDenied
    lock_status(task)
    agreement = TaskAgreement.objects.select_for_update().filter(task=task).first()
    if agreement is None:
        raise ValidationError(_("There is no agreement to sign off yet."))
    if task.status != S.SCOPING:
        raise ValidationError(_("The agreement can only be changed while the task is in scoping."))
    if version != agreement_version(agreement):
        raise ValidationError(
            _("The agreement was changed after you opened it. Read it again before you sign.")
        )
    if agreement.signed_off_at is not None:
        return agreement
    agreement.signed_off_by = actor
    agreement.signed_off_at = timezone.now()
    agreement.save(update_fields=["signed_off_by", "signed_off_at", "updated_at"])
    return agreement
