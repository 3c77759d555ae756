# SPDX-License-Identifier: MPL-2.0
"""Pages for the people who work on a cohort from outside it: a censor's (or
examiner's) exam assignments and a supervisor's learning groups."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render

from procesvaerk.accounts.http import AuthenticatedRequest
from procesvaerk.programmes import selectors
from procesvaerk.programmes.exam_reads import grades_read


def my_submissions(request: AuthenticatedRequest) -> HttpResponse:
    """Mine eksamensopgaver: every submission assigned to me, with the exam date. Showing
    another person's grade is a read of their grade, audited like the exam page."""
    rows = selectors.submissions_assigned_to(request.user)
    by_cohort: dict[int, list[Any]] = {}
    for row in rows:
        by_cohort.setdefault(row.submission.participant.cohort_id, []).append(row.submission)
    for submissions in by_cohort.values():
        cohort = submissions[0].participant.cohort
        grades_read(reader=request.user, cohort=cohort, submissions=submissions)
    return render(request, "programmes/my_submissions.html", {"rows": rows})


def my_groups(request: AuthenticatedRequest) -> HttpResponse:
    """Mine læringsgrupper: the groups I supervise, each member linked to their journal."""
    return render(
        request,
        "programmes/my_groups.html",
        {"groups": selectors.groups_supervised_by(request.user)},
    )
