# SPDX-License-Identifier: MPL-2.0
"""The participant's own page, and the supervisor's view of a participant."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from procesvaerk.accounts.http import AuthenticatedRequest
from procesvaerk.core.service_calls import run_service
from procesvaerk.programmes import access as programme_access
from procesvaerk.programmes import calc
from procesvaerk.programmes import learning_services as learning
from procesvaerk.programmes.forms import (
    ActionDoneForm,
    ActionForm,
    NoteForm,
    ReflectionForm,
    SubmissionForm,
    SurveyForm,
)
from procesvaerk.programmes.models import (
    Action,
    Activity,
    ActivityKind,
    Participant,
    Reflection,
    SurveySubmission,
)


def _me(request: AuthenticatedRequest, code: str) -> Participant:
    cohort, _relations = programme_access.get_cohort_or_404(
        request.user, code, need=["participant"]
    )
    return cohort.participants.select_related(
        "cohort", "group__supervisor", "workplace__unit__municipality"
    ).get(user=request.user)


def my_cohort(request: AuthenticatedRequest, code: str) -> HttpResponse:
    me = _me(request, code)
    activities = list(me.cohort.activities.all())
    now = timezone.now()
    answered = set(
        SurveySubmission.objects.filter(participant=me).values_list("activity_id", flat=True)
    )
    choices = [(str(a.code), a.title) for a in activities]
    return render(
        request,
        "programmes/my_cohort.html",
        {
            "cohort": me.cohort,
            "me": me,
            "activities": activities,
            "to_evaluate": [
                a
                for a in activities
                if a.pk not in answered and calc.has_taken_place(a.starts_at, now)
            ],
            "actions": me.actions.select_related("activity"),
            "reflections": learning.reflections_read(reader=request.user, participant=me),
            "notes": learning.supervision_notes_read(reader=request.user, participant=me),
            "action_form": ActionForm(activities=choices),
            "reflection_form": ReflectionForm(),
            "done_form": ActionDoneForm(),
            "submission": getattr(me, "submission", None),
            "submission_form": SubmissionForm(),
        },
    )


def _own_form(
    request: AuthenticatedRequest,
    me: Participant,
    form: Any,
    call: Callable[[], Any],
    done: str,
    title: str,
) -> HttpResponse:
    """A participant's own form: on a valid POST run the service and go back to their
    page; otherwise (or on a refused write) show the form with its Danish errors."""
    if request.method == "POST" and form.is_valid() and run_service(request, call, form):
        messages.success(request, done)
        return redirect("programmes:my_cohort", code=me.cohort.code)
    return render(
        request, "programmes/form_page.html", {"cohort": me.cohort, "form": form, "title": title}
    )


def action_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    me = _me(request, code)
    activities = {str(a.code): a for a in me.cohort.activities.all()}
    form = ActionForm(
        request.POST or None, activities=[(k, a.title) for k, a in activities.items()]
    )
    return _own_form(
        request,
        me,
        form,
        lambda: learning.action_create(
            actor=request.user,
            participant=me,
            activity=activities.get(form.cleaned_data["activity"]),
            title=form.cleaned_data["title"],
            plan=form.cleaned_data["plan"],
        ),
        _("The action has been planned."),
        _("Plan an action"),
    )


def action_complete(request: AuthenticatedRequest, code: str, action: str) -> HttpResponse:
    me = _me(request, code)
    item = get_object_or_404(Action, participant=me, code=action)
    form = ActionDoneForm(request.POST or None)
    return _own_form(
        request,
        me,
        form,
        lambda: learning.action_complete(actor=request.user, action=item, **form.cleaned_data),
        _("The action has been recorded."),
        _("Record what happened: %(t)s") % {"t": item.title},
    )


def reflection_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    me = _me(request, code)
    form = ReflectionForm(request.POST or None)
    return _own_form(
        request,
        me,
        form,
        lambda: learning.reflection_create(
            actor=request.user,
            participant=me,
            text=form.cleaned_data["text"],
            shared=form.cleaned_data["shared"],
        ),
        _("The reflection has been saved."),
        _("Write a reflection"),
    )


def reflection_share(request: AuthenticatedRequest, code: str, reflection: str) -> HttpResponse:
    me = _me(request, code)
    item = get_object_or_404(Reflection, participant=me, code=reflection)
    if request.method == "POST":
        learning.reflection_set_shared(
            actor=request.user, reflection=item, shared=request.POST.get("shared") == "1"
        )
    return redirect("programmes:my_cohort", code=code)


def survey(request: AuthenticatedRequest, code: str, activity: str) -> HttpResponse:
    me = _me(request, code)
    item = get_object_or_404(Activity, cohort=me.cohort, code=activity)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if run_service(
            request,
            lambda: learning.survey_submit(
                actor=request.user, participant=me, activity=item, answers=form.cleaned_data
            ),
            form,
        ):
            messages.success(request, _("Thank you for your evaluation."))
            return redirect("programmes:my_cohort", code=code)
    return render(
        request,
        "programmes/form_page.html",
        {
            "cohort": me.cohort,
            "form": form,
            "title": _("Evaluate: %(t)s") % {"t": item.title},
            "intro": _("Your answers are anonymous: instructors see only totals of three or more."),
        },
    )


def participant_journal(request: AuthenticatedRequest, code: str, participant: str) -> HttpResponse:
    """The supervisor's view: shared reflections and café notes (reads are audited)."""
    cohort, _relations = programme_access.get_cohort_or_404(request.user, code)
    person = get_object_or_404(
        cohort.participants.select_related("user", "group", "cohort__municipality"),
        code=participant,
    )
    if not programme_access.can_read_private_learning(request.user, person, shared=True):
        raise PermissionDenied
    cafes = [
        (str(a.code), a.title) for a in cohort.activities.filter(kind=ActivityKind.LEARNING_CAFE)
    ]
    form = NoteForm(request.POST or None, cafes=cafes)
    if request.method == "POST" and form.is_valid():
        cafe = get_object_or_404(Activity, cohort=cohort, code=form.cleaned_data["activity"])
        if run_service(
            request,
            lambda: learning.supervision_note_create(
                actor=request.user,
                participant=person,
                activity=cafe,
                text=form.cleaned_data["text"],
            ),
            form,
        ):
            messages.success(request, _("The note has been saved."))
            return redirect("programmes:participant_journal", code=code, participant=participant)
    return render(
        request,
        "programmes/journal.html",
        {
            "cohort": cohort,
            "person": person,
            "form": form,
            "reflections": learning.reflections_read(reader=request.user, participant=person),
            "notes": learning.supervision_notes_read(reader=request.user, participant=person),
            "actions": person.actions.all(),
        },
    )
