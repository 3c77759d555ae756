# SPDX-License-Identifier: MPL-2.0
"""The audit log's actions recorded by programmes, with the label shown to people."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "cohort.complete": _("Cohort completed"),
    "cohort.create": _("Cohort created"),
    "cohort.instructor.add": _("Instructor added"),
    "exam.grade": _("Grade given"),
    "exam.grades.read": _("Grades of others read"),
    "exam.read": _("Exam assignment read"),
    "group.supervisor.set": _("Supervisor assigned"),
    "participant.add": _("Participant added"),
    "programme.copy": _("Programme copied"),
    "reflection.read": _("Shared reflections read"),
    "supervision_note.create": _("Supervision note written"),
    "supervision_note.read": _("Supervision notes read"),
}
