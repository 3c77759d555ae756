# SPDX-License-Identifier: MPL-2.0
"""Making and resetting the calendar feed links (POST only: a GET never creates data)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from procesvaerk.accounts.http import AuthenticatedRequest
from procesvaerk.programmes import access as programme_access
from procesvaerk.programmes import feed_services


@require_POST
def personal_feed_renew(request: AuthenticatedRequest, code: str) -> HttpResponse:
    programme_access.get_cohort_or_404(request.user, code)
    feed_services.personal_feed_renew(actor=request.user)
    messages.success(request, _("Your calendar link is ready. An earlier link no longer works."))
    return redirect("programmes:calendar", code=code)


@require_POST
def cohort_feed_reset(request: AuthenticatedRequest, code: str) -> HttpResponse:
    cohort, _relations = programme_access.get_cohort_or_404(request.user, code)
    feed_services.cohort_feed_reset(actor=request.user, cohort=cohort)
    messages.success(request, _("The cohort has a new calendar link. The old one no longer works."))
    return redirect("programmes:calendar", code=code)
