# SPDX-License-Identifier: MPL-2.0
"""Programmes: templates, cohorts and their dated learning spaces, participants,
learning groups, and the learning, evaluation and exam records."""

from procesvaerk.programmes.models.exam import Grade, Submission
from procesvaerk.programmes.models.learning import (
    Action,
    Reflection,
    ReminderLog,
    SupervisionNote,
    SurveyResponse,
    SurveySubmission,
)
from procesvaerk.programmes.models.plan import (
    Activity,
    ActivityKind,
    Attendance,
    Cohort,
    CompetenceGoal,
    LearningGroup,
    Participant,
    PersonalFeed,
    PlanItem,
    Programme,
    TrainingWorkplace,
)

__all__ = [
    "Action",
    "Activity",
    "ActivityKind",
    "Attendance",
    "Cohort",
    "CompetenceGoal",
    "Grade",
    "LearningGroup",
    "Participant",
    "PersonalFeed",
    "PlanItem",
    "Programme",
    "Reflection",
    "ReminderLog",
    "Submission",
    "SupervisionNote",
    "SurveyResponse",
    "SurveySubmission",
    "TrainingWorkplace",
]
