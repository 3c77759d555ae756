# SPDX-License-Identifier: MPL-2.0
"""The task page (the hub with every app's panels), the request and the workflow."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from procesvaerk.accounts.http import AuthenticatedRequest
from procesvaerk.core import access
from procesvaerk.core.models import Unit
from procesvaerk.core.service_calls import run_service
from procesvaerk.tasks import services, workflow
from procesvaerk.tasks.access import can_edit_request, get_task_for_user
from procesvaerk.tasks.forms import (
    AgreementForm,
    TaskRequestEditForm,
    TaskRequestForm,
    TransitionForm,
)
from procesvaerk.tasks.selectors import task_page


def task_request(request: AuthenticatedRequest) -> HttpResponse:
    units = access.visible(
        Unit.objects.filter(municipality__in=access.user_municipalities(request.user)),
        request.user,
    ).select_related("municipality")
    form = TaskRequestForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, task = run_service(
            request, lambda: services.task_request(actor=request.user, **data), form
        )
        if ok:
            messages.success(request, _("Thank you. The coordinator will contact you."))
            return redirect("tasks:task_detail", code=task.code)
    return render(request, "tasks/task_request.html", {"form": form})


def task_edit(request: AuthenticatedRequest, code: UUID) -> Any:
    task = get_task_for_user(request.user, code)
    if not can_edit_request(request.user, task):
        messages.error(request, _("The request can only be changed until the task is agreed."))
        return redirect("tasks:task_detail", code=task.code)
    form = TaskRequestEditForm(request.POST or None, task=task)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, _task = run_service(
            request,
            lambda: services.task_request_update(actor=request.user, task=task, **data),
            form,
        )
        if ok:
            messages.success(request, _("The request has been updated."))
            return redirect("tasks:task_detail", code=task.code)
    return render(request, "tasks/task_edit.html", {"form": form, "task": task})


def task_detail(request: AuthenticatedRequest, code: UUID) -> HttpResponse:
    task = get_task_for_user(request.user, code)
    page = task_page(task, request.user)
    allowed = workflow.allowed_moves(page["facts"])
    page["transition_form"] = TransitionForm(allowed=allowed) if allowed else None
    return render(request, "tasks/task_detail.html", page)


@require_POST
def task_transition(request: AuthenticatedRequest, code: UUID) -> Any:
    task = get_task_for_user(request.user, code)
    form = TransitionForm(request.POST, allowed=list(workflow.TRANSITIONS[task.status]))
    if form.is_valid():
        ok, _task = run_service(
            request,
            lambda: services.task_transition(
                actor=request.user,
                task=task,
                to_status=form.cleaned_data["to_status"],
                comment=form.cleaned_data["comment"],
            ),
        )
        if ok:
            messages.success(request, _("The status has been changed."))
    else:
        messages.error(request, _("That status change is not possible now."))
    return redirect("tasks:task_detail", code=task.code)


def agreement_edit(request: AuthenticatedRequest, code: UUID) -> Any:
    task = get_task_for_user(request.user, code, need="coordinate")
    current = getattr(task, "agreement", None) if hasattr(task, "agreement") else None
    form = AgreementForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        ok, _agreement = run_service(
            request,
            lambda: services.agreement_save(actor=request.user, task=task, **form.cleaned_data),
            form,
        )
        if ok:
            messages.success(request, _("The agreement has been saved."))
            return redirect("tasks:task_detail", code=task.code)
    return render(request, "tasks/agreement_form.html", {"task": task, "form": form})


@require_POST
def agreement_sign(request: AuthenticatedRequest, code: UUID) -> Any:
    task = get_task_for_user(request.user, code)
    ok, _agreement = run_service(
        request,
        lambda: services.agreement_sign_off(
            actor=request.user, task=task, version=request.POST.get("version", "")
        ),
    )
    if ok:
        messages.success(request, _("You have signed off the agreement."))
    return redirect("tasks:task_detail", code=task.code)
