# SPDX-License-Identifier: MPL-2.0
"""Hours: the consultant corrects or deletes their own entries; the coordinator sees
the individual entries per consultant and per task and approves a consultant's month."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from procesvaerk.accounts.http import AuthenticatedRequest
from procesvaerk.accounts.models import User
from procesvaerk.accounts.roles import Role
from procesvaerk.core import access
from procesvaerk.core.models import Municipality
from procesvaerk.core.service_calls import run_service
from procesvaerk.corps import hours_services, selectors
from procesvaerk.corps.forms import ApproveMonthForm, HoursFilterForm, TimeEntryForm
from procesvaerk.corps.models import TimeEntry
from procesvaerk.tasks.access import tasks_visible_to


def _own_entry(request: AuthenticatedRequest, code: UUID) -> TimeEntry:
    return get_object_or_404(
        TimeEntry.objects.filter(engagement__consultant=request.user).select_related(
            "engagement__task"
        ),
        code=code,
    )


def time_entry_edit(request: AuthenticatedRequest, code: UUID) -> Any:
    entry = _own_entry(request, code)
    engagement = entry.engagement
    form = TimeEntryForm(
        request.POST or None, initial={"day": entry.date, "hours": entry.hours, "note": entry.note}
    )
    if request.method == "POST" and form.is_valid():
        ok, _e = run_service(
            request,
            lambda: hours_services.time_update(
                actor=request.user, entry=entry, **form.cleaned_data
            ),
            form,
        )
        if ok:
            messages.success(request, _("The hours have been corrected."))
            return redirect("corps:time_entries", code=engagement.code)
    return render(
        request,
        "corps/time_entry_form.html",
        {"form": form, "entry": entry, "engagement": engagement},
    )


@require_POST
def time_entry_delete(request: AuthenticatedRequest, code: UUID) -> Any:
    entry = _own_entry(request, code)
    engagement = entry.engagement
    ok, _e = run_service(
        request, lambda: hours_services.time_delete(actor=request.user, entry=entry)
    )
    if ok:
        messages.success(request, _("The hours have been deleted."))
    return redirect("corps:time_entries", code=engagement.code)


def hours(request: AuthenticatedRequest) -> HttpResponse:
    """Individual entries for a coordinator, by consultant, task and month."""
    access.require_any_role(request.user, Role.COORDINATOR)
    form = HoursFilterForm(request.GET or None)
    entries = selectors.hours_visible_to(request.user)
    consultant = task = month = None
    if form.is_valid():
        data = form.cleaned_data
        if data["konsulent"]:
            consultant = User.objects.filter(code=data["konsulent"]).first()
            entries = entries.filter(engagement__consultant=consultant)
        if data["opgave"]:
            task = tasks_visible_to(request.user).filter(code=data["opgave"]).first()
            entries = entries.filter(engagement__task=task)
        if data["maaned"]:
            month = form.month(None)
            entries = entries.filter(date__year=month.year, date__month=month.month)
    rows = list(entries.order_by("-date", "engagement__consultant__full_name")[:500])
    keys = selectors.approved_keys(entries)
    for row in rows:
        row.approved = selectors.is_approved(row, keys)  # type: ignore[attr-defined]
    to_approve = (
        selectors.months_to_approve(request.user, consultant, month)
        if consultant is not None and month is not None
        else []
    )
    return render(
        request,
        "corps/hours.html",
        {
            "form": form,
            "rows": rows,
            "total": sum((r.hours for r in rows), 0),
            "consultant": consultant,
            "task": task,
            "month": month,
            "to_approve": to_approve,
        },
    )


@require_POST
def hours_approve(request: AuthenticatedRequest) -> Any:
    form = ApproveMonthForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a consultant, a municipality and a month."))
        return redirect("corps:hours")
    data = form.cleaned_data
    consultant = get_object_or_404(
        User.objects.filter(
            pk__in=selectors.hours_visible_to(request.user).values("engagement__consultant_id")
        ),
        code=data["konsulent"],
    )
    municipality = get_object_or_404(Municipality, code=data["kommune"])
    month: date = form.month(None)
    ok, _a = run_service(
        request,
        lambda: hours_services.hours_approve(
            actor=request.user,
            consultant=consultant,
            municipality=municipality,
            year=month.year,
            month=month.month,
        ),
    )
    if ok:
        messages.success(
            request,
            _("The hours of %(name)s are approved and locked.") % {"name": consultant.full_name},
        )
    return redirect(f"{reverse('corps:hours')}?konsulent={consultant.code}&maaned={month:%Y-%m}")


__all__ = ["hours", "hours_approve", "time_entry_delete", "time_entry_edit"]
