# SPDX-License-Identifier: MPL-2.0
"""Cohort pages for coordinators and instructors, plus calendar feeds."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from procesvaerk.accounts.http import AuthenticatedRequest
from procesvaerk.accounts.models import User
from procesvaerk.core import access
from procesvaerk.core.http import posted_code
from procesvaerk.core.models import Municipality, Unit
from procesvaerk.core.roles import Role
from procesvaerk.core.service_calls import run_service
from procesvaerk.programmes import access as programme_access
from procesvaerk.programmes import selectors, services
from procesvaerk.programmes.feeds import calendar_bytes
from procesvaerk.programmes.forms import (
    ATTENDANCE_CHOICES,
    ChoosePersonForm,
    CohortForm,
    CompleteForm,
    GroupSizeForm,
    MoveForm,
)
from procesvaerk.programmes.models import (
    Activity,
    ActivityKind,
    Attendance,
    Cohort,
    LearningGroup,
    PersonalFeed,
    Programme,
)


def _cooperation_q(cohort: Cohort, prefix: str = "") -> Q:
    owner = cohort.municipality
    if owner.cooperation_id is None:
        return Q(**{f"{prefix}municipality": owner})
    return Q(**{f"{prefix}municipality__cooperation_id": owner.cooperation_id})


def cohort_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    programme = access.get_visible_or_404(Programme.objects.all(), request.user, code=code)
    municipalities = access.user_municipalities(request.user, [Role.COORDINATOR])
    if not municipalities:
        raise Http404
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cohort = services.cohort_create(
            actor=request.user,
            programme=programme,
            municipality=municipalities[0],
            name=form.cleaned_data["name"],
            start_date=form.cleaned_data["start_date"],
        )
        messages.success(request, _("The cohort has been created with its activities."))
        moved = getattr(cohort, "moved_activities", [])
        if moved:
            messages.info(
                request,
                _(
                    "These activities fell on a weekend or a public holiday and were moved to "
                    "the next working day: %(list)s. You can move them by hand on the activity."
                )
                % {
                    "list": "; ".join(
                        _("%(title)s from %(before)s to %(after)s")
                        % {
                            "title": activity.title,
                            "before": date_format(planned, "DATE_FORMAT"),
                            "after": date_format(
                                timezone.localtime(activity.starts_at).date(), "DATE_FORMAT"
                            ),
                        }
                        for activity, planned in moved
                    )
                },
            )
        return redirect("programmes:cohort_detail", code=cohort.code)
    return render(request, "programmes/cohort_create.html", {"programme": programme, "form": form})


def cohort_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    cohort, relations = programme_access.get_cohort_or_404(request.user, code)
    if "staff" not in relations:
        # Each person lands on their own slice: a censor on the submissions assigned to them.
        if "censor" in relations and "participant" not in relations:
            return redirect("programmes:exam", code=code)
        # A supervisor from outside the cohort's staff: their groups, with the journals.
        if "supervisor" in relations and "participant" not in relations:
            return redirect("programmes:my_groups")
        return redirect("programmes:my_cohort", code=code)
    activities, rows, per_activity = selectors.attendance_matrix(cohort)
    search = request.GET.get("q", "").strip()[:100]
    people = selectors.participant_candidates(cohort, search=search)
    units = Unit.objects.filter(_cooperation_q(cohort), leader__isnull=False).select_related(
        "municipality"
    )
    context = {
        "cohort": cohort,
        "activities": activities,
        "attendance_rows": rows,
        "activity_rows": list(zip(activities, per_activity, strict=True)),
        "groups": cohort.groups.prefetch_related("members__user").select_related("supervisor"),
        "workplaces": cohort.workplaces.select_related("unit__municipality", "leader", "task"),
        "participants": [r.participant for r in rows],
        "exam": selectors.exam_statistics(cohort),
        "person_form": ChoosePersonForm(
            choices=sorted(
                {
                    (
                        f"{m.user.code}:{m.municipality.code}",
                        f"{m.user.full_name} ({m.municipality.name})",
                    )
                    for m in people
                },
                key=lambda c: c[1],
            )
        ),
        "unit_choices": [(u.code, f"{u.name} ({u.municipality.name})") for u in units],
        "group_form": GroupSizeForm(),
        "instructors": cohort.instructors.all(),
        "search": search,
        "instructor_choices": _instructor_candidates(cohort).exclude(
            pk__in=cohort.instructors.values("pk")
        ),
        "complete_form": CompleteForm()
        if access.has_role(request.user, cohort.municipality_id, Role.COORDINATOR)
        else None,
        "supervisor_choices": programme_access.staff_candidates(cohort).order_by("full_name"),
    }
    return render(request, "programmes/cohort_detail.html", context)


@require_POST
def participant_add(request: AuthenticatedRequest, code: str) -> HttpResponse:
    cohort, _rel = programme_access.get_cohort_or_404(request.user, code, need=["staff"])
    user_code, _sep, municipality_code = request.POST.get("person", "").partition(":")
    user = User.objects.filter(code=user_code).first() if user_code else None
    municipality = Municipality.objects.filter(code=municipality_code).first() if user else None
    if user is None or municipality is None:
        messages.error(request, _("Choose a person."))
    elif run_service(
        request,
        lambda: services.participant_add(
            actor=request.user,
            cohort=cohort,
            user=user,
            municipality=municipality,
        ),
    ):
        messages.success(request, _("%(name)s has been added.") % {"name": user.full_name})
    return redirect("programmes:cohort_detail", code=code)


@require_POST
def instructor_add(request: AuthenticatedRequest, code: str) -> HttpResponse:
    cohort, _rel = programme_access.get_cohort_or_404(request.user, code, need=["staff"])
    user = User.objects.filter(code=posted_code(request, "instructor")).first()
    if user is None:
        messages.error(request, _("Choose a person."))
    elif run_service(
        request, lambda: services.instructor_add(actor=request.user, cohort=cohort, user=user)
    ):
        messages.success(request, _("%(name)s has been added.") % {"name": user.full_name})
    return redirect("programmes:cohort_detail", code=code)


def _instructor_candidates(cohort: Cohort) -> QuerySet[User]:
    return programme_access.staff_candidates(cohort).order_by("full_name")


@require_POST
def workplace_add(request: AuthenticatedRequest, code: str) -> HttpResponse:
    cohort, _rel = programme_access.get_cohort_or_404(request.user, code, need=["staff"])
    unit = Unit.objects.filter(_cooperation_q(cohort), code=posted_code(request, "unit")).first()
    if unit is None:
        messages.error(request, _("Choose a unit."))
    elif run_service(
        request, lambda: services.workplace_add(actor=request.user, cohort=cohort, unit=unit)
    ):
        messages.success(request, _("The training workplace has been added."))
    return redirect("programmes:cohort_detail", code=code)


@require_POST
def groups_compose(request: AuthenticatedRequest, code: str) -> HttpResponse:
    cohort, _rel = programme_access.get_cohort_or_404(request.user, code, need=["staff"])
    form = GroupSizeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a group size between 2 and 12."))
    elif run_service(
        request,
        lambda: services.groups_compose(
            actor=request.user, cohort=cohort, size=form.cleaned_data["size"]
        ),
    ):
        messages.success(request, _("The learning groups have been composed."))
    return redirect("programmes:cohort_detail", code=code)


@require_POST
def placement_update(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Edit groups and workplaces: one select per participant, plus supervisors."""
    cohort, _rel = programme_access.get_cohort_or_404(request.user, code, need=["staff"])
    groups = {str(g.code): g for g in cohort.groups.all()}
    workplaces = {str(w.code): w for w in cohort.workplaces.all()}
    for participant in cohort.participants.all():
        services.participant_set_placement(
            actor=request.user,
            participant=participant,
            group=groups.get(request.POST.get(f"group-{participant.code}", "")),
            workplace=workplaces.get(request.POST.get(f"workplace-{participant.code}", "")),
        )
    for group in groups.values():
        chosen = request.POST.get(f"supervisor-{group.code}") or None
        supervisor = User.objects.filter(code=chosen).first() if chosen else None
        run_service(request, partial(_set_supervisor, request.user, group, supervisor))
    messages.success(request, _("Saved."))
    return redirect("programmes:cohort_detail", code=code)


def _set_supervisor(actor: User, group: LearningGroup, supervisor: User | None) -> None:
    services.group_set_supervisor(actor=actor, group=group, supervisor=supervisor)


def activity_detail(request: AuthenticatedRequest, code: str, activity: str) -> HttpResponse:
    cohort, _relations = programme_access.get_cohort_or_404(request.user, code, need=["staff"])
    item = get_object_or_404(Activity, cohort=cohort, code=activity)
    move_form = MoveForm(request.POST if "move" in request.POST else None)
    if move_form.is_bound and move_form.is_valid():
        moved = run_service(
            request,
            lambda: services.activity_move(
                actor=request.user, activity=item, starts_at=move_form.cleaned_data["starts_at"]
            ),
            move_form,
        )
        if moved:
            messages.success(request, _("The activity has been moved."))
            return redirect("programmes:activity_detail", code=code, activity=activity)
    if "attendance" in request.POST:
        statuses = {
            p.pk: request.POST[f"p-{p.code}"]
            for p in cohort.participants.all()
            if request.POST.get(f"p-{p.code}")
        }
        if run_service(
            request,
            lambda: services.attendance_record(
                actor=request.user, activity=item, statuses=statuses
            ),
        ):
            messages.success(request, _("Attendance has been recorded."))
            return redirect("programmes:activity_detail", code=code, activity=activity)
    recorded = {a.participant_id: a.status for a in Attendance.objects.filter(activity=item)}
    participants = [(p, recorded.get(p.pk, "")) for p in cohort.participants.select_related("user")]
    return render(
        request,
        "programmes/activity_detail.html",
        {
            "cohort": cohort,
            "activity": item,
            "move_form": move_form,
            "participants": participants,
            "choices": ATTENDANCE_CHOICES,
            "evaluation": selectors.activity_evaluations(item),
            "workplaces": cohort.workplaces.select_related("unit__municipality", "task")
            if item.kind == ActivityKind.SCOPING
            else [],
        },
    )


def cohort_calendar(request: AuthenticatedRequest, code: str) -> HttpResponse:
    cohort, relations = programme_access.get_cohort_or_404(request.user, code)
    feed = PersonalFeed.objects.filter(user=request.user).first()  # made only by a POST
    return render(
        request,
        "programmes/calendar.html",
        {
            "cohort": cohort,
            "months": selectors.months(list(cohort.activities.all())),
            "cohort_feed": _webcal(request, "programmes:cohort_feed", cohort.feed_token)
            if "staff" in relations
            else "",
            "may_reset_cohort_feed": access.has_role(
                request.user, cohort.municipality_id, Role.COORDINATOR
            ),
            "personal_feed": _webcal(request, "programmes:personal_feed", feed.token)
            if feed
            else "",
        },
    )


def _webcal(request: HttpRequest, name: str, token: object) -> str:
    """The feed's address as a ``webcal:`` link, which calendar apps subscribe to."""
    url = request.build_absolute_uri(reverse(name, args=[token]))
    return "webcal:" + url.split(":", 1)[1]


@login_not_required  # the token in the address is the key (Outlook cannot sign in)
def cohort_feed(request: HttpRequest, token: str) -> HttpResponse:
    cohort = get_object_or_404(Cohort, feed_token=token)
    body = calendar_bytes(cohort.name, cohort.activities.select_related("cohort"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@login_not_required  # as above
def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Every activity of the cohorts the person takes part in, teaches or supervises."""
    # A deactivated person's link stops working.
    feed = get_object_or_404(
        PersonalFeed.objects.select_related("user"), token=token, user__is_active=True
    )
    user = feed.user
    activities = (
        Activity.objects.filter(
            Q(cohort__participants__user=user)
            | Q(cohort__instructors=user)
            | Q(cohort__groups__supervisor=user)
            | Q(cohort__workplaces__leader=user)
        )
        .distinct()
        .select_related("cohort")
    )
    return HttpResponse(
        calendar_bytes(user.full_name, activities), content_type="text/calendar; charset=utf-8"
    )
