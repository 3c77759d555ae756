# SPDX-License-Identifier: MPL-2.0
"""Exam: hand-in, examiner/censor assignment, grading, graduation."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from procesvaerk.accounts.http import AuthenticatedRequest
from procesvaerk.accounts.models import User
from procesvaerk.core import access
from procesvaerk.core.http import posted_code
from procesvaerk.core.roles import Role
from procesvaerk.core.service_calls import run_service
from procesvaerk.core.uploads import serve_upload, upload_limit, upload_refusal
from procesvaerk.programmes import access as programme_access
from procesvaerk.programmes import exam_reads, exam_services, selectors, services
from procesvaerk.programmes.forms import AssignForm, CompleteForm, GradeForm, SubmissionForm


@require_POST
@upload_limit(exam_services.ASSIGNMENT_KIND)
def submission_upload(request: AuthenticatedRequest, code: str) -> HttpResponse:
    cohort, _rel = programme_access.get_cohort_or_404(request.user, code, need=["participant"])
    me = cohort.participants.get(user=request.user)
    form = SubmissionForm(request.POST, request.FILES)
    if refusal := upload_refusal(request):
        messages.error(request, refusal)
    elif not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    elif run_service(
        request,
        lambda: exam_services.submission_upload(
            actor=request.user,
            participant=me,
            upload=form.cleaned_data["file"],
            links=form.cleaned_data["links"],
        ),
    ):
        messages.success(request, _("Your assignment has been handed in."))
    return redirect("programmes:my_cohort", code=code)


def exam_overview(request: AuthenticatedRequest, code: str) -> HttpResponse:
    cohort, relations = programme_access.get_cohort_or_404(request.user, code)
    submissions = programme_access.submissions_for(request.user, cohort, relations)
    exam_reads.grades_read(reader=request.user, cohort=cohort, submissions=submissions)
    is_coordinator = access.has_role(request.user, cohort.municipality_id, Role.COORDINATOR)
    examiners = [
        (str(u.code), u.full_name)
        for u in User.objects.filter(
            memberships__municipality=cohort.municipality, memberships__role=Role.INSTRUCTOR
        ).distinct()
    ]
    censors = [
        (str(u.code), u.full_name)
        for u in User.objects.filter(memberships__role=Role.CENSOR).distinct()
    ]
    rows = [
        {
            "submission": s,
            "assign_form": AssignForm(
                examiners=examiners,
                censors=censors,
                initial={
                    "examiner": s.examiner.code if s.examiner else "",
                    "censor": s.censor.code if s.censor else "",
                },
                prefix=str(s.code),
            )
            if is_coordinator
            else None,
            "grade_form": GradeForm(
                prefix=str(s.code),
                initial={"grade": s.grade, "grade_reasoning": s.reasoning_of(request.user.pk)},
                needs_reason=cohort.completed_at is not None and s.grade is not None,
            )
            if request.user.pk in (s.censor_id, s.examiner_id)
            else None,
        }
        for s in submissions
    ]
    # Whoever sees every submission also sees who has not handed in.
    sees_all = is_coordinator or request.user.is_superuser
    not_handed_in = (
        cohort.participants.filter(submission__isnull=True).select_related("user")
        if sees_all
        else []
    )
    return render(
        request,
        "programmes/exam.html",
        {
            "cohort": cohort,
            "relations": relations,
            "rows": rows,
            "not_handed_in": not_handed_in,
            "exam_date": exam_services.exam_date(cohort),
            "stats": selectors.exam_statistics(cohort) if "staff" in relations else None,
        },
    )


@require_POST
def submission_assign(request: AuthenticatedRequest, code: str, submission: str) -> HttpResponse:
    cohort, relations = programme_access.get_cohort_or_404(request.user, code, need=["staff"])
    item = get_object_or_404(
        programme_access.submissions_for(request.user, cohort, relations), code=submission
    )
    examiner = User.objects.filter(code=posted_code(request, f"{submission}-examiner")).first()
    censor = User.objects.filter(code=posted_code(request, f"{submission}-censor")).first()
    if run_service(
        request,
        lambda: exam_services.submission_assign(
            actor=request.user, submission=item, examiner=examiner, censor=censor
        ),
    ):
        messages.success(request, _("Saved."))
    return redirect("programmes:exam", code=code)


@require_POST
def submission_grade(request: AuthenticatedRequest, code: str, submission: str) -> HttpResponse:
    cohort, relations = programme_access.get_cohort_or_404(request.user, code)
    item = get_object_or_404(
        programme_access.submissions_for(request.user, cohort, relations), code=submission
    )
    raw = request.POST.get(f"{submission}-grade", "")
    try:
        grade = int(raw)
    except ValueError:
        messages.error(
            request, _("%(grade)s is not a grade on the 7-point scale.") % {"grade": raw}
        )
        return redirect("programmes:exam", code=code)
    if run_service(
        request,
        lambda: exam_services.submission_grade(
            actor=request.user,
            submission=item,
            grade=grade,
            reasoning=request.POST.get(f"{submission}-grade_reasoning", ""),
            reason=request.POST.get(f"{submission}-reason", ""),
        ),
    ):
        messages.success(request, _("The grade has been saved."))
    return redirect("programmes:exam", code=code)


def submission_file(request: AuthenticatedRequest, code: str, submission: str) -> FileResponse:
    cohort, relations = programme_access.get_cohort_or_404(request.user, code)
    item = get_object_or_404(
        programme_access.submissions_for(request.user, cohort, relations), code=submission
    )
    if item.upload is None:
        raise Http404
    # Reading another person's assignment is audited as such; one entry per download.
    own = item.participant.user_id == request.user.pk
    return serve_upload(
        request,
        item.upload,
        filename=item.original_name,
        subject=item.participant.user,
        municipality=cohort.municipality,
        action="upload.download" if own else "exam.read",
    )


@require_POST
def cohort_complete(request: AuthenticatedRequest, code: str) -> HttpResponse:
    cohort, _rel = programme_access.get_cohort_or_404(request.user, code, need=["staff"])
    access.require_role(request.user, cohort.municipality_id, Role.COORDINATOR)
    form = CompleteForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    else:
        done, profiles = run_service(
            request,
            lambda: services.cohort_complete(
                actor=request.user,
                cohort=cohort,
                corps_from=form.cleaned_data["corps_from"],
                corps_to=form.cleaned_data["corps_to"],
            ),
        )
        if done:
            messages.success(
                request,
                _("%(n)s graduates are now in the consultant corps.") % {"n": len(profiles)},
            )
    return redirect("programmes:cohort_detail", code=code)
