# SPDX-License-Identifier: MPL-2.0
"""The corps' pages about tasks: the board, matching, answers, hours, evaluation, cases.
The task page itself is ``tasks.views``."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from procesvaerk.accounts.http import AuthenticatedRequest
from procesvaerk.accounts.models import User
from procesvaerk.accounts.roles import Role
from procesvaerk.core import access
from procesvaerk.core.service_calls import run_service
from procesvaerk.corps import feedback_services, matching, selectors, services
from procesvaerk.corps.access import get_engagement_for_user
from procesvaerk.corps.forms import (
    AssignForm,
    BoardFilterForm,
    CaseForm,
    EvaluationForm,
    RespondForm,
    RetrospectiveForm,
    TimeEntryForm,
)
from procesvaerk.corps.models import Case, EngagementStatus
from procesvaerk.tasks.access import get_task_for_user


def board(request: AuthenticatedRequest) -> HttpResponse:
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


def my_tasks(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "corps/my_tasks.html", {"tasks": selectors.my_tasks(request.user)})


def suggestions(request: AuthenticatedRequest, code: UUID) -> Any:
    task = get_task_for_user(request.user, code)
    access.require_role(request.user, task.municipality_id, Role.COORDINATOR)
    ranked = selectors.suggestions_for(task, request.user)
    form = AssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        consultant = get_object_or_404(
            User.objects.filter(
                pk__in=selectors.profiles_for_coordinator(request.user).values("user_id")
            ),
            code=form.cleaned_data["consultant"],
        )
        planned = form.cleaned_data["planned_hours"]
        ok, _engagement = run_service(
            request,
            lambda: services.engagement_assign(
                actor=request.user, task=task, consultant=consultant, planned_hours=planned
            ),
        )
        if ok:
            messages.success(
                request, _("%(name)s has been asked to take the task.") % {"name": consultant}
            )
            left = next((s.hours_left for s in ranked if s.candidate.key == consultant.pk), None)
            if left is not None and matching.exceeds_capacity(float(planned), left):
                messages.warning(
                    request,
                    _(
                        "%(name)s is planned for %(planned)s hours but has only %(left).0f hours "
                        "left in the task's period."
                    )
                    % {"name": consultant, "planned": planned, "left": left},
                )
            return redirect("tasks:task_detail", code=task.code)
    codes: dict[object, UUID] = dict(
        User.objects.filter(pk__in=[s.candidate.key for s in ranked]).values_list("pk", "code")
    )
    cards = [
        {
            "suggestion": s,
            "code": codes.get(s.candidate.key),
            # the refused form goes back to the card it was sent from, errors on its field
            "form": form if _posted_for(form, codes.get(s.candidate.key)) else None,
        }
        for s in ranked
    ]
    return render(
        request,
        "corps/suggestions.html",
        {
            "task": task,
            "cards": cards,
            "answers": selectors.engagement_answers(task),
        },
    )


def _posted_for(form: AssignForm, code: UUID | None) -> bool:
    return form.is_bound and code is not None and str(form.data.get("consultant", "")) == str(code)


@require_POST
def engagement_respond(request: AuthenticatedRequest, code: UUID) -> Any:
    engagement = get_engagement_for_user(request.user, code)
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
    return redirect("tasks:task_detail", code=engagement.task.code)


def time_entries(request: AuthenticatedRequest, code: UUID) -> Any:
    engagement = get_engagement_for_user(request.user, code)
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
    entries = list(engagement.time_entries.select_related("engagement"))
    keys = selectors.approved_keys(engagement.time_entries.select_related("engagement"))
    for entry in entries:
        entry.approved = selectors.is_approved(entry, keys)  # type: ignore[attr-defined]
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


def evaluation(request: AuthenticatedRequest, code: UUID) -> Any:
    task = get_task_for_user(request.user, code)
    if request.user.pk != task.leader_id:
        return redirect("tasks:task_detail", code=task.code)
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
            return redirect("tasks:task_detail", code=task.code)
    return render(request, "corps/evaluation_form.html", {"task": task, "form": form})


def retrospective(request: AuthenticatedRequest, code: UUID) -> Any:
    task = get_task_for_user(request.user, code)
    written = task.retrospectives.filter(author=request.user).first()
    initial = {f: getattr(written, f) for f in ("start", "stop", "keep")} if written else {}
    form = RetrospectiveForm(request.POST or None, initial=initial)
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
            return redirect("tasks:task_detail", code=task.code)
    return render(request, "corps/retrospective_form.html", {"task": task, "form": form})


def case_edit(request: AuthenticatedRequest, code: UUID) -> Any:
    task = get_task_for_user(request.user, code)
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
            return redirect("tasks:task_detail", code=task.code)
    return render(request, "corps/case_form.html", {"task": task, "form": form})


@require_POST
def case_publish(request: AuthenticatedRequest, code: UUID) -> Any:
    task = get_task_for_user(request.user, code)
    case = get_object_or_404(Case, task=task)
    ok, _case = run_service(
        request, lambda: feedback_services.case_publish(actor=request.user, case=case)
    )
    if ok:
        messages.success(request, _("The case is published to the cooperation."))
    return redirect("tasks:task_detail", code=task.code)
