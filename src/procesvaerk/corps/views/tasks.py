# SPDX-License-Identifier: MPL-2.0
"""Task pages: request, hub, workflow, agreement, matching, hours, evaluation."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from procesvaerk.accounts.models import User
from procesvaerk.accounts.roles import Role
from procesvaerk.core import access
from procesvaerk.core.models import Unit
from procesvaerk.core.service_calls import run_service
from procesvaerk.corps import feedback_services, selectors, services
from procesvaerk.corps.forms import (
    AgreementForm,
    AssignForm,
    BoardFilterForm,
    CaseForm,
    EvaluationForm,
    RespondForm,
    RetrospectiveForm,
    TaskRequestEditForm,
    TaskRequestForm,
    TimeEntryForm,
    TransitionForm,
)
from procesvaerk.corps.models import Case, Engagement, EngagementStatus


@login_required
def board(request: HttpRequest) -> HttpResponse:
    access.require_any_role(request.user, Role.COORDINATOR)
    form = BoardFilterForm(
        request.GET or None,
        municipalities=access.user_municipalities(request.user),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    columns = selectors.board(request.user, filters)
    return render(
        request,
        "corps/board.html",
        {"form": form, "columns": columns, "column_size": selectors.BOARD_COLUMN_SIZE},
    )


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    return render(request, "corps/my_tasks.html", {"tasks": selectors.my_tasks(request.user)})


@login_required
def task_request(request: HttpRequest) -> HttpResponse:
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
            return redirect("corps:task_detail", code=task.code)
    return render(request, "corps/task_request.html", {"form": form})


@login_required
def task_edit(request: HttpRequest, code: UUID) -> Any:
    task = selectors.get_task_for_user(request.user, code)
    if not services.can_edit_request(request.user, task):
        messages.error(request, _("The request can only be changed until the task is agreed."))
        return redirect("corps:task_detail", code=task.code)
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
            return redirect("corps:task_detail", code=task.code)
    return render(request, "corps/task_edit.html", {"form": form, "task": task})


@login_required
def task_detail(request: HttpRequest, code: UUID) -> Any:
    task = selectors.get_task_for_user(request.user, code)
    user = request.user
    coordinator = user.is_superuser or access.has_role(user, task.municipality_id, Role.COORDINATOR)
    allowed = list(services.TRANSITIONS[task.status])
    if not coordinator:
        allowed = [s for s in allowed if s == "cancelled" and user.pk == task.leader_id]
    hub = selectors.task_hub(task)
    mine = [e for e in hub["engagements"] if e.consultant_id == user.pk]
    return render(
        request,
        "corps/task_detail.html",
        {
            "task": task,
            **hub,
            "is_coordinator": coordinator,
            "is_leader": user.pk == task.leader_id,
            "can_edit_request": services.can_edit_request(user, task),
            "my_engagement": mine[0] if mine else None,
            "transition_form": TransitionForm(allowed=allowed) if allowed else None,
            "panels": [],  # later apps (agendas, maps, analyses, business cases) add theirs
        },
    )


@login_required
@require_POST
def task_transition(request: HttpRequest, code: UUID) -> Any:
    task = selectors.get_task_for_user(request.user, code)
    form = TransitionForm(request.POST, allowed=list(services.TRANSITIONS[task.status]))
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
    return redirect("corps:task_detail", code=task.code)


@login_required
def agreement_edit(request: HttpRequest, code: UUID) -> Any:
    task = selectors.get_task_for_user(request.user, code)
    access.require_role(request.user, task.municipality_id, Role.COORDINATOR)
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
            return redirect("corps:task_detail", code=task.code)
    return render(request, "corps/agreement_form.html", {"task": task, "form": form})


@login_required
@require_POST
def agreement_sign(request: HttpRequest, code: UUID) -> Any:
    task = selectors.get_task_for_user(request.user, code)
    ok, _agreement = run_service(
        request, lambda: services.agreement_sign_off(actor=request.user, task=task)
    )
    if ok:
        messages.success(request, _("You have signed off the agreement."))
    return redirect("corps:task_detail", code=task.code)


@login_required
def suggestions(request: HttpRequest, code: UUID) -> Any:
    task = selectors.get_task_for_user(request.user, code)
    access.require_role(request.user, task.municipality_id, Role.COORDINATOR)
    form = AssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        consultant = get_object_or_404(
            User.objects.filter(
                pk__in=selectors.profiles_for_coordinator(request.user).values("user_id")
            ),
            code=form.cleaned_data["consultant"],
        )
        ok, _engagement = run_service(
            request,
            lambda: services.engagement_assign(
                actor=request.user,
                task=task,
                consultant=consultant,
                planned_hours=form.cleaned_data["planned_hours"],
            ),
        )
        if ok:
            messages.success(
                request, _("%(name)s has been asked to take the task.") % {"name": consultant}
            )
            return redirect("corps:task_detail", code=task.code)
    ranked = selectors.suggestions_for(task, request.user)
    codes = dict(
        User.objects.filter(pk__in=[s.candidate.key for s in ranked]).values_list("pk", "code")
    )
    return render(
        request,
        "corps/suggestions.html",
        {"task": task, "suggestions": ranked, "codes": codes, "hours": task.estimated_hours},
    )


def _engagement_for(request: HttpRequest, code: UUID) -> Any:
    return get_object_or_404(
        Engagement.objects.filter(task__in=selectors.tasks_visible_to(request.user)).select_related(
            "task", "consultant", "assigned_by"
        ),
        code=code,
    )


@login_required
@require_POST
def engagement_respond(request: HttpRequest, code: UUID) -> Any:
    engagement = _engagement_for(request, code)
    form = RespondForm(request.POST)
    accept = request.POST.get("answer") == "accept"
    if form.is_valid():
        ok, _e = run_service(
            request,
            lambda: services.engagement_respond(
                actor=request.user,
                engagement=engagement,
                accept=accept,
                comment=form.cleaned_data["comment"],
            ),
        )
        if ok:
            messages.success(
                request, _("You have accepted the task.") if accept else _("You have declined.")
            )
    return redirect("corps:task_detail", code=engagement.task.code)


@login_required
def time_entries(request: HttpRequest, code: UUID) -> Any:
    engagement = _engagement_for(request, code)
    if engagement.consultant_id != request.user.pk:
        access.require_role(request.user, engagement.task.municipality_id, Role.COORDINATOR)
    form = TimeEntryForm(request.POST or None, initial={"day": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        ok, _entry = run_service(
            request,
            lambda: services.time_register(
                actor=request.user, engagement=engagement, **form.cleaned_data
            ),
            form,
        )
        if ok:
            messages.success(request, _("The hours have been registered."))
            return redirect("corps:time_entries", code=engagement.code)
    entries = engagement.time_entries.all()
    total = sum((e.hours for e in entries), 0)
    return render(
        request,
        "corps/time_entries.html",
        {
            "engagement": engagement,
            "task": engagement.task,
            "entries": entries,
            "total": total,
            "form": form if engagement.consultant_id == request.user.pk else None,
            "accepted": engagement.status == EngagementStatus.ACCEPTED,
        },
    )


@login_required
def evaluation(request: HttpRequest, code: UUID) -> Any:
    task = selectors.get_task_for_user(request.user, code)
    if request.user.pk != task.leader_id:
        return redirect("corps:task_detail", code=task.code)
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, _ev = run_service(
            request,
            lambda: feedback_services.evaluation_submit(
                actor=request.user, task=task, **form.cleaned_data
            ),
            form,
        )
        if ok:
            messages.success(request, _("Thank you for your evaluation."))
            return redirect("corps:task_detail", code=task.code)
    return render(request, "corps/evaluation_form.html", {"task": task, "form": form})


@login_required
def retrospective(request: HttpRequest, code: UUID) -> Any:
    task = selectors.get_task_for_user(request.user, code)
    form = RetrospectiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, _r = run_service(
            request,
            lambda: feedback_services.retrospective_save(
                actor=request.user, task=task, **form.cleaned_data
            ),
            form,
        )
        if ok:
            messages.success(request, _("Your retrospective has been saved."))
            return redirect("corps:task_detail", code=task.code)
    return render(request, "corps/retrospective_form.html", {"task": task, "form": form})


@login_required
def case_edit(request: HttpRequest, code: UUID) -> Any:
    task = selectors.get_task_for_user(request.user, code)
    access.require_role(request.user, task.municipality_id, Role.COORDINATOR)
    current = getattr(task, "case", None) if hasattr(task, "case") else None
    initial = (
        {f: getattr(current, f) for f in ("title", "summary", "methods_used", "outcome")}
        if current
        else {}
    )
    form = CaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        ok, _case = run_service(
            request,
            lambda: feedback_services.case_draft(
                actor=request.user, task=task, **form.cleaned_data
            ),
            form,
        )
        if ok:
            messages.success(
                request,
                _("The case draft has been saved. The leader must agree before it is published."),
            )
            return redirect("corps:task_detail", code=task.code)
    return render(request, "corps/case_form.html", {"task": task, "form": form})


@login_required
@require_POST
def case_publish(request: HttpRequest, code: UUID) -> Any:
    task = selectors.get_task_for_user(request.user, code)
    case = get_object_or_404(Case, task=task)
    ok, _case = run_service(
        request, lambda: feedback_services.case_publish(actor=request.user, case=case)
    )
    if ok:
        messages.success(request, _("The case is published to the cooperation."))
    return redirect("corps:task_detail", code=task.code)
