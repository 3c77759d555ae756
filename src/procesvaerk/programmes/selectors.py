# SPDX-License-Identifier: MPL-2.0
"""Reads across relations for the cohort pages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from procesvaerk.accounts.models import Membership
from procesvaerk.core.roles import Role
from procesvaerk.programmes import calc
from procesvaerk.programmes.learning_services import SURVEY_SCALES
from procesvaerk.programmes.models import (
    Activity,
    Attendance,
    Cohort,
    Participant,
    Submission,
    SurveyResponse,
)


@dataclass
class AttendanceRow:
    participant: Participant
    cells: list[str]  # status per activity, "" when not recorded
    present: int


def attendance_matrix(cohort: Cohort) -> tuple[list[Activity], list[AttendanceRow], list[int]]:
    """Attendance per person (rows) and per activity (columns), in three queries."""
    activities = list(cohort.activities.all())
    participants = list(cohort.participants.select_related("user", "municipality"))
    status = {
        (a.activity_id, a.participant_id): a.status
        for a in Attendance.objects.filter(activity__cohort=cohort)
    }
    rows = []
    per_activity = [0] * len(activities)
    for participant in participants:
        cells = [status.get((a.pk, participant.pk), "") for a in activities]
        for index, cell in enumerate(cells):
            per_activity[index] += cell == Attendance.Status.PRESENT
        rows.append(AttendanceRow(participant, cells, cells.count(Attendance.Status.PRESENT)))
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
