# SPDX-License-Identifier: MPL-2.0
"""Pages for the people who work on a cohort from outside it: a censor's (or
examiner's) exam assignments and a supervisor's learning groups."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from procesvaerk.accounts.http import AuthenticatedRequest
from procesvaerk.programmes import selectors


def my_submissions(request: AuthenticatedRequest) -> HttpResponse:
    """Mine eksamensopgaver: every submission assigned to me, with the exam date."""
    return render(
        request,
        "programmes/my_submissions.html",
        {"rows": selectors.submissions_assigned_to(request.user)},
    )


def my_groups(request: AuthenticatedRequest) -> HttpResponse:
    """Mine læringsgrupper: the groups I supervise, each member linked to their journal."""
    return render(
        request,
        "programmes/my_groups.html",
        {"groups": selectors.groups_supervised_by(request.user)},
    )
