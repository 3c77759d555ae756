# SPDX-License-Identifier: MPL-2.0
"""Writes for programme templates and cohorts. Learning and exam writes are in
``learning_services`` and ``exam_services``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from procesvaerk.accounts.models import User
from procesvaerk.accounts.services import membership_grant
from procesvaerk.core import access
from procesvaerk.core.audit import audit_record
from procesvaerk.core.models import Municipality, Unit
from procesvaerk.core.roles import Role
from procesvaerk.corps import services as corps_services
from procesvaerk.corps.models import Competence, ConsultantProfile
from procesvaerk.programmes import access as programme_access
from procesvaerk.programmes import calc
from procesvaerk.programmes.models import (
    Activity,
    Attendance,
    Cohort,
    LearningGroup,
    Participant,
    PlanItem,
    Programme,
    TrainingWorkplace,
)
from procesvaerk.tasks import services as task_services
from procesvaerk.tasks.models import TaskSize, TaskType


def _require_staff(actor: User, cohort: Cohort) -> None:
    if "staff" not in programme_access.cohort_relations(actor, cohort):
        raise PermissionDenied


def _require_coordinator(actor: User, municipality_id: int) -> None:
    access.require_role(actor, municipality_id, Role.COORDINATOR)


def _same_cooperation(cohort: Cohort, municipality: Municipality) -> bool:
    if municipality.pk == cohort.municipality_id:
        return True
    owner = cohort.municipality
    return owner.cooperation_id is not None and owner.cooperation_id == municipality.cooperation_id


@transaction.atomic
def programme_copy(
    *, actor: User, programme: Programme, municipality: Municipality, name: str
) -> Programme:
    """Copy a template (goals and plan) into the coordinator's municipality."""
    _require_coordinator(actor, municipality.pk)
    copy = Programme.objects.create(
        municipality=municipality,
        name=name.strip() or programme.name,
        description=programme.description,
        visibility=programme.visibility,
    )
    for goal in programme.goals.all():
        copy.goals.create(order=goal.order, text=goal.text)
    for item in programme.plan.all():
        copy.plan.create(
            order=item.order,
            kind=item.kind,
            title=item.title,
            offset_days=item.offset_days,
            start_time=item.start_time,
            duration_hours=item.duration_hours,
        )
    audit_record(actor=actor, action="programme.copy", target=copy)
    return copy


@transaction.atomic
def programme_update(
    *, actor: User, programme: Programme, name: str, description: str, goals: list[str]
) -> Programme:
    _require_coordinator(actor, programme.municipality_id)
    programme.name, programme.description = name.strip(), description
    programme.save(update_fields=["name", "description", "updated_at"])
    programme.goals.all().delete()
    for order, text in enumerate(g.strip() for g in goals if g.strip()):
        programme.goals.create(order=order, text=text)
    return programme


@transaction.atomic
def plan_item_save(
    *, actor: User, programme: Programme, item: PlanItem | None, fields: dict[str, Any]
) -> PlanItem:
    _require_coordinator(actor, programme.municipality_id)
    item = item or PlanItem(programme=programme)
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def plan_item_delete(*, actor: User, item: PlanItem) -> None:
    _require_coordinator(actor, item.programme.municipality_id)
    item.delete()


@transaction.atomic
def cohort_create(
    *, actor: User, programme: Programme, municipality: Municipality, name: str, start_date: date
) -> Cohort:
    """A cohort with one dated activity per plan item of the template."""
    _require_coordinator(actor, municipality.pk)
    cohort = Cohort.objects.create(
        programme=programme, municipality=municipality, name=name.strip(), start_date=start_date
    )
    items = list(programme.plan.all())
    spaces = [calc.PlannedSpace(i.offset_days, i.start_time, i.duration_hours) for i in items]
    dated = calc.schedule_on_working_days(spaces, start_date)
    activities = Activity.objects.bulk_create(
        Activity(cohort=cohort, kind=item.kind, title=item.title, starts_at=start, ends_at=end)
        for item, (start, end, _planned) in zip(items, dated, strict=True)
    )
    # Weekends and Danish holidays are skipped; the coordinator is told which moved.
    cohort.moved_activities = [  # type: ignore[attr-defined]
        (activity, planned)
        for activity, (_s, _e, planned) in zip(activities, dated, strict=True)
        if planned is not None
    ]
    audit_record(actor=actor, action="cohort.create", target=cohort)
    return cohort


@transaction.atomic
def activity_move(*, actor: User, activity: Activity, starts_at: datetime) -> Activity:
    """Move an activity, keeping its length; never before the cohort starts."""
    cohort = activity.cohort
    _require_staff(actor, cohort)
    if timezone.localtime(starts_at).date() < cohort.start_date:
        raise ValidationError(
            _("An activity cannot be placed before the cohort starts (%(date)s).")
            % {"date": date_format(cohort.start_date, "SHORT_DATE_FORMAT")}
        )
    length = activity.ends_at - activity.starts_at
    activity.starts_at, activity.ends_at = starts_at, starts_at + length
    activity.save(update_fields=["starts_at", "ends_at", "updated_at"])
    return activity


@transaction.atomic
def participant_add(
    *, actor: User, cohort: Cohort, user: User, municipality: Municipality
) -> Participant:
    _require_staff(actor, cohort)
    if not _same_cooperation(cohort, municipality):
        raise ValidationError(_("Participants must come from the cohort's cooperation."))
    if not user.memberships.filter(municipality=municipality).exists():
        raise ValidationError(_("The person has no role in that municipality."))
    if cohort.participants.filter(user=user).exists():
        raise ValidationError(_("The person is already a participant."))
    participant = Participant.objects.create(cohort=cohort, user=user, municipality=municipality)
    audit_record(
        actor=actor,
        action="participant.add",
        target=participant,
        subject=user,
        municipality=cohort.municipality,
    )
    return participant


@transaction.atomic
def instructor_add(*, actor: User, cohort: Cohort, user: User) -> None:
    _require_coordinator(actor, cohort.municipality_id)
    if not programme_access.staff_candidates(cohort).filter(pk=user.pk).exists():
        raise ValidationError(
            _("An instructor must be an instructor or coordinator in the cohort's cooperation.")
        )
    cohort.instructors.add(user)
    audit_record(
        actor=actor,
        action="cohort.instructor.add",
        target=cohort,
        subject=user,
        municipality=cohort.municipality,
    )


@transaction.atomic
def workplace_add(*, actor: User, cohort: Cohort, unit: Unit) -> TrainingWorkplace:
    """The unit joins with its leader and gets a process task in the corps app;
    its agreement is made at the cohort's for-process."""
    _require_staff(actor, cohort)
    if not _same_cooperation(cohort, unit.municipality):
        raise ValidationError(_("The workplace must belong to the cohort's cooperation."))
    leader = unit.leader
    if leader is None:
        raise ValidationError(_("The unit has no leader; register one first."))
    if cohort.workplaces.filter(unit=unit).exists():
        raise ValidationError(_("The workplace is already part of the cohort."))
    last = cohort.activities.order_by("-ends_at").first()
    task = task_services.task_request(
        actor=leader,  # the workplace's leader is the one asking for help
        unit=unit,
        title=_("Training task: %(unit)s (%(cohort)s)")
        % {"unit": unit.name, "cohort": cohort.name},
        background=_("Training workplace of the cohort %(cohort)s.") % {"cohort": cohort.name},
        desired_outcome=_("Agreed with the leader at the for-process."),
        task_types=[TaskType.FACILITATION],
        period_start=cohort.start_date,
        period_end=timezone.localtime(last.ends_at).date() if last else cohort.start_date,
        size=TaskSize.MEDIUM,
        records_past_help=True,  # a cohort may have run already (its plan is history)
    )
    return TrainingWorkplace.objects.create(cohort=cohort, unit=unit, leader=leader, task=task)


@transaction.atomic
def groups_compose(*, actor: User, cohort: Cohort, size: int) -> list[LearningGroup]:
    """Replace the cohort's learning groups with a fresh, even composition."""
    _require_staff(actor, cohort)
    if size < 2 or size > 12:
        raise ValidationError(_("Choose a group size between 2 and 12."))
    participants = list(cohort.participants.all())
    members = [calc.Member(p.pk, p.municipality_id, p.workplace_id) for p in participants]
    composition = calc.compose_groups(members, size)
    cohort.participants.update(group=None)
    cohort.groups.all().delete()
    groups = []
    for number, keys in enumerate(composition, start=1):
        group = LearningGroup.objects.create(cohort=cohort, name=_("Group %(n)s") % {"n": number})
        Participant.objects.filter(pk__in=keys).update(group=group)
        groups.append(group)
    return groups


@transaction.atomic
def participant_set_placement(
    *,
    actor: User,
    participant: Participant,
    group: LearningGroup | None,
    workplace: TrainingWorkplace | None,
) -> None:
    _require_staff(actor, participant.cohort)
    for other in (group, workplace):
        if other is not None and other.cohort_id != participant.cohort_id:
            raise ValidationError(_("That belongs to another cohort."))
    participant.group, participant.workplace = group, workplace
    participant.save(update_fields=["group", "workplace", "updated_at"])


@transaction.atomic
def group_set_supervisor(*, actor: User, group: LearningGroup, supervisor: User | None) -> None:
    cohort = group.cohort
    _require_staff(actor, cohort)
    if supervisor is not None and not (
        programme_access.staff_candidates(cohort).filter(pk=supervisor.pk).exists()
    ):
        raise ValidationError(
            _("A supervisor must be an instructor or coordinator in the cohort's cooperation.")
        )
    if group.supervisor_id == (supervisor.pk if supervisor else None):
        return  # unchanged: nothing to save or audit
    group.supervisor = supervisor
    group.save(update_fields=["supervisor", "updated_at"])
    audit_record(
        actor=actor,
        action="group.supervisor.set",
        target=group,
        subject=supervisor,
        municipality=cohort.municipality,
        detail={"group": group.name},
    )


@transaction.atomic
def attendance_record(*, actor: User, activity: Activity, statuses: dict[int, str]) -> int:
    """Record attendance for participants (by id) of the activity's cohort."""
    _require_staff(actor, activity.cohort)
    valid = set(Attendance.Status.values)
    own = set(activity.cohort.participants.values_list("pk", flat=True))
    if not set(statuses) <= own or not set(statuses.values()) <= valid:
        raise ValidationError(_("The attendance list does not match the cohort."))
    for participant_id, status in statuses.items():
        Attendance.objects.update_or_create(
            activity=activity,
            participant_id=participant_id,
            defaults={"status": status, "recorded_by": actor},
        )
    return len(statuses)


@transaction.atomic
def cohort_complete(
    *, actor: User, cohort: Cohort, corps_from: date, corps_to: date
) -> list[ConsultantProfile]:
    """Graduation: every participant who has not failed the exam joins the corps
    (consultant role and profile) for the period the coordinator sets.

    The exam is optional, as in the seed programme: no grade is not a fail.
    """
    _require_coordinator(actor, cohort.municipality_id)
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)  # a double submit waits here
    if cohort.completed_at is not None:
        raise ValidationError(_("The cohort has already been completed."))
    if corps_to < corps_from:
        raise ValidationError(_("The start date must be before the end date."))
    profiles = []
    for participant in cohort.participants.select_related("user", "municipality", "submission"):
        submission = getattr(participant, "submission", None)
        if submission is not None and submission.passed is False:
            continue
        membership_grant(
            actor=actor,
            user=participant.user,
            municipality=participant.municipality,
            role=Role.CONSULTANT,
        )
        existing = ConsultantProfile.objects.filter(user=participant.user).first()
        same_home = existing is not None and existing.municipality_id == participant.municipality_id
        profiles.append(
            corps_services.profile_save(
                actor=actor,
                user=participant.user,
                municipality=participant.municipality,
                unit=existing.unit if existing and same_home else None,
                competences=existing.competence_list if existing else [Competence.FACILITATION],
                tags=existing.tags if existing else "",
                methods=existing.methods if existing else "",
                capacity_hours=existing.capacity_hours if existing else 10,
                corps_from=corps_from,
                corps_to=corps_to,
                cross_municipality=existing.cross_municipality if existing else True,
            )
        )
    cohort.completed_at = timezone.now()
    cohort.save(update_fields=["completed_at", "updated_at"])
    audit_record(
        actor=actor, action="cohort.complete", target=cohort, detail={"graduates": len(profiles)}
    )
    return profiles
