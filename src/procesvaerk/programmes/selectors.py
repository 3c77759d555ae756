# SPDX-License-Identifier: MPL-2.0
"""Reads across relations for the cohort pages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

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
    """Aggregates for one activity; per municipality only for groups of 3+."""
    answers = list(
        SurveyResponse.objects.filter(activity=activity).values(
            *SURVEY_SCALES, "municipality__name", "comment"
        )
    )
    overall = calc.survey_aggregates(answers, SURVEY_SCALES)
    comments = [a["comment"] for a in answers if a["comment"]] if len(answers) >= 3 else []
    return {
        "overall": overall[0] if overall else None,
        "by_municipality": calc.survey_aggregates(answers, SURVEY_SCALES, by="municipality__name"),
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
