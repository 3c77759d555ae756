# SPDX-License-Identifier: MPL-2.0
"""Audited reads of exam data: seeing another person's grade is a read of their data."""

from __future__ import annotations

from collections.abc import Iterable

from procesvaerk.accounts.models import User
from procesvaerk.core.audit import audit_record
from procesvaerk.programmes.models import Cohort, Submission


def grades_read(*, reader: User, cohort: Cohort, submissions: Iterable[Submission]) -> int:
    """One audit entry per other person whose grade ``reader`` is shown; returns how many."""
    count = 0
    for submission in submissions:
        if submission.grade is None or submission.participant.user_id == reader.pk:
            continue
        audit_record(
            actor=reader,
            action="exam.grades.read",
            target=submission,
            subject=submission.participant.user,
            municipality=cohort.municipality,
            detail={"cohort": cohort.name},
        )
        count += 1
    return count
