# SPDX-License-Identifier: MPL-2.0
"""Reads across relations for the cohort pages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from procesvaerk.accounts.models import Membership
from procesvaerk.core.roles import Role
from procesvaerk.programmes import calc
from procesvaerk.programmes.learning_services import SURVEY_SCALES
from procesvaerk.programmes.models import (
    Activity,
    ActivityKind,
    Attendance,
    Cohort,
    LearningGroup,
    Participant,
    Submission,
    SurveyResponse,
)


@dataclass
class AttendanceRow:
    participant: Participant
    cells: list[str]  # status per activity, "" when not recorded
    present: int
    held: int  # activities that have taken place: what ``present`` is out of


def attendance_matrix(
    cohort: Cohort,
) -> tuple[list[Activity], list[AttendanceRow], list[int | None]]:
    """Attendance per person (rows) and per activity (columns), in three queries.
    Only activities that have taken place count; a future one has None as its total."""
    activities = list(cohort.activities.all())
    now = timezone.now()
    held = [calc.has_taken_place(a.starts_at, now) for a in activities]
    participants = list(cohort.participants.select_related("user", "municipality", "group"))
    status = {
        (a.activity_id, a.participant_id): a.status
        for a in Attendance.objects.filter(activity__cohort=cohort)
    }
    rows = []
    per_activity: list[int | None] = [0 if h else None for h in held]
    for participant in participants:
        cells = [
            status.get((a.pk, participant.pk), "") if h else ""
            for a, h in zip(activities, held, strict=True)
        ]
        for index, cell in enumerate(cells):
            if held[index]:
                per_activity[index] = (per_activity[index] or 0) + (
                    cell == Attendance.Status.PRESENT
                )
        rows.append(
            AttendanceRow(participant, cells, cells.count(Attendance.Status.PRESENT), sum(held))
        )
    return activities, rows, per_activity


def exam_statistics(cohort: Cohort) -> calc.GradeStats:
    grades = Submission.objects.filter(participant__cohort=cohort).values_list("grade", flat=True)
    return calc.grade_stats(grades)


def activity_evaluations(activity: Activity) -> dict[str, Any]:
    """Aggregates for one activity; per municipality only where no single answer
    can be derived (``calc.survey_breakdown``)."""
    answers = list(
        SurveyResponse.objects.filter(activity=activity).values(
            *SURVEY_SCALES, "municipality__name", "comment"
        )
    )
    overall, by_municipality = calc.survey_breakdown(
        answers, SURVEY_SCALES, by="municipality__name"
    )
    # Sorted, so their order says nothing of who answered first.
    comments = (
        sorted(a["comment"] for a in answers if a["comment"])
        if len(answers) >= calc.ANONYMITY_THRESHOLD
        else []
    )
    return {
        "overall": overall,
        "by_municipality": by_municipality,
        "comments": comments,
        "count": len(answers),
    }


def months(activities: list[Activity]) -> list[tuple[str, list[Activity]]]:
    """Activities grouped by local calendar month, for the calendar view."""
    grouped: dict[tuple[int, int], list[Activity]] = defaultdict(list)
    for activity in activities:
        local = timezone.localtime(activity.starts_at)
        grouped[(local.year, local.month)].append(activity)
    return [(f"{year}-{month:02d}", items) for (year, month), items in sorted(grouped.items())]


@dataclass
class AssignedSubmission:
    submission: Submission
    deadline: date | None  # the cohort's exam date


def submissions_assigned_to(user: Any) -> list[AssignedSubmission]:
    """The exam assignments a censor or examiner is to grade, with the exam date."""
    submissions = list(
        Submission.objects.filter(Q(censor=user) | Q(examiner=user))
        .select_related("participant__user", "participant__cohort")
        .order_by("participant__cohort__start_date", "participant__user__full_name")
    )
    cohort_ids = {s.participant.cohort_id for s in submissions}
    exams: dict[int, date] = {}
    for activity in Activity.objects.filter(
        cohort_id__in=cohort_ids, kind=ActivityKind.EXAM
    ).order_by("-starts_at"):
        exams[activity.cohort_id] = timezone.localtime(activity.starts_at).date()
    return [AssignedSubmission(s, exams.get(s.participant.cohort_id)) for s in submissions]


@dataclass
class SupervisedMember:
    participant: Participant
    shared_reflections: int
    notes: int


def groups_supervised_by(user: Any) -> list[tuple[LearningGroup, list[SupervisedMember]]]:
    """The learning groups a person supervises, with what each member has shared."""
    groups = LearningGroup.objects.filter(supervisor=user).select_related("cohort")
    members = (
        Participant.objects.filter(group__in=groups)
        .select_related("user")
        .annotate(
            shared=Count(
                "reflections",
                filter=Q(reflections__shared_with_supervisor=True),
                distinct=True,
            ),
            note_count=Count("supervision_notes", distinct=True),
        )
    )
    by_group: dict[int | None, list[SupervisedMember]] = defaultdict(list)
    for m in members:
        by_group[m.group_id].append(SupervisedMember(m, m.shared, m.note_count))  # type: ignore[attr-defined]
    return [(g, by_group[g.pk]) for g in groups]


def participant_candidates(cohort: Cohort, *, search: str = "") -> QuerySet[Membership]:
    """Memberships in the cohort's cooperation of people who may join it: not a
    censor (censors grade, they do not take part) and not already a participant.
    ``search`` narrows by name or e-mail."""
    owner = cohort.municipality
    where = (
        Q(municipality__cooperation_id=owner.cooperation_id)
        if owner.cooperation_id is not None
        else Q(municipality=owner)
    )
    people = (
        Membership.objects.filter(where, user__is_active=True)
        .exclude(user__memberships__role=Role.CENSOR)
        .exclude(user__in=cohort.participants.values("user_id"))
        .select_related("user", "municipality")
    )
    if search:
        people = people.filter(
            Q(user__full_name__icontains=search) | Q(user__email__icontains=search)
        )
    return people
