# SPDX-License-Identifier: MPL-2.0
"""The training's cards on "Mit overblik": this week's learning activities for staff,
the next ones for participants, submissions to grade for the censor, and shared
reflections and notes to write for the supervisor."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.db.models import Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from procesvaerk.core import access
from procesvaerk.core.registry import HomeCard, HomeItem
from procesvaerk.core.roles import Role
from procesvaerk.programmes.models import (
    Activity,
    ActivityKind,
    LearningGroup,
    Participant,
    Reflection,
    Submission,
    SupervisionNote,
)

if TYPE_CHECKING:
    from procesvaerk.accounts.models import User


def _activity_item(activity: Activity) -> HomeItem:
    when = timezone.localtime(activity.starts_at)
    text = _("%(when)s: %(title)s (%(cohort)s)") % {
        "when": date_format(when, "SHORT_DATETIME_FORMAT"),
        "title": activity.title,
        "cohort": activity.cohort.name,
    }
    url = reverse(
        "programmes:activity_detail",
        kwargs={"code": activity.cohort.code, "activity": activity.code},
    )
    return HomeItem(text, url, None, activity.starts_at)


def staff_items(user: User) -> list[HomeItem]:
    now = timezone.now()
    staff = Q(
        cohort__municipality_id__in=access.municipality_ids(
            user, [Role.COORDINATOR, Role.INSTRUCTOR]
        )
    )
    week = (
        Activity.objects.filter(
            staff | Q(cohort__instructors=user),
            starts_at__gte=now - timedelta(days=now.weekday()),
            starts_at__lt=now + timedelta(days=7 - now.weekday()),
            cohort__completed_at__isnull=True,
        )
        .select_related("cohort")
        .distinct()
    )
    return [_activity_item(a) for a in week.order_by("starts_at")[:10]]


def participant_items(user: User) -> list[HomeItem]:
    """A participant's next activities, linked to their own page of the cohort (the
    activity page is the staff's)."""
    upcoming = (
        Activity.objects.filter(cohort__participants__user=user, starts_at__gte=timezone.now())
        .select_related("cohort")
        .order_by("starts_at")[:3]
    )
    items = []
    for activity in upcoming:
        item = _activity_item(activity)
        url = reverse("programmes:my_cohort", kwargs={"code": activity.cohort.code})
        items.append(HomeItem(item.text, url, None, item.when))
    return items


def censor_items(user: User) -> list[HomeItem]:
    """Per cohort, how far the grading is (always a way to the submissions, also when all are
    graded), then each submission that waits, with the exam date."""
    items = []
    assigned = Submission.objects.filter(censor=user)
    for cohort_id, name, code in (
        assigned.values_list(
            "participant__cohort_id", "participant__cohort__name", "participant__cohort__code"
        )
        .distinct()
        .order_by("participant__cohort__name")
    ):
        mine = assigned.filter(participant__cohort_id=cohort_id)
        text = _("%(graded)d of %(total)d assigned assignments graded (%(cohort)s)") % {
            "graded": mine.filter(grade__isnull=False).count(),
            "total": mine.count(),
            "cohort": name,
        }
        items.append(HomeItem(text, reverse("programmes:exam", kwargs={"code": code})))
    waiting = Submission.objects.filter(censor=user, grade__isnull=True).select_related(
        "participant__user", "participant__cohort"
    )
    for submission in waiting:
        cohort = submission.participant.cohort
        deadline = cohort.activities.filter(kind=ActivityKind.EXAM).aggregate(at=Min("starts_at"))[
            "at"
        ]
        text = _("Grade %(name)s's assignment (%(cohort)s), exam %(deadline)s") % {
            "name": submission.participant.user.full_name,
            "cohort": cohort.name,
            "deadline": date_format(timezone.localtime(deadline), "SHORT_DATE_FORMAT")
            if deadline
            else "–",
        }
        url = reverse("programmes:exam", kwargs={"code": cohort.code})
        items.append(HomeItem(text, url, None, deadline))
    return items


def is_supervisor(user: User) -> bool:
    return LearningGroup.objects.filter(supervisor=user).exists()


def supervisor_items(user: User) -> list[HomeItem]:
    items = []
    recent = timezone.now() - timedelta(days=30)
    for participant in Participant.objects.filter(group__supervisor=user).select_related(
        "user", "cohort"
    ):
        url = reverse(
            "programmes:participant_journal",
            kwargs={"code": participant.cohort.code, "participant": participant.code},
        )
        shared = Reflection.objects.filter(
            participant=participant, shared_with_supervisor=True, created_at__gte=recent
        )
        if count := shared.count():
            text = ngettext(
                "reflection shared with you by %(name)s",
                "reflections shared with you by %(name)s",
                count,
            ) % {"name": participant.user.full_name}
            latest = shared.order_by("-created_at").first()
            items.append(HomeItem(text, url, count, latest.created_at if latest else None))
        cafes = Activity.objects.filter(
            cohort=participant.cohort,
            kind=ActivityKind.LEARNING_CAFE,
            starts_at__lte=timezone.now(),
            starts_at__gte=recent,
        ).exclude(
            pk__in=SupervisionNote.objects.filter(participant=participant).values("activity_id")
        )
        for cafe in cafes:
            text = _("Write the supervision note for %(name)s from %(cafe)s") % {
                "name": participant.user.full_name,
                "cafe": cafe.title,
            }
            items.append(HomeItem(text, url, None, cafe.starts_at))
    return items


CARDS = [
    HomeCard(
        "programmes.staff",
        _("Learning activities this week"),
        (Role.COORDINATOR, Role.INSTRUCTOR),
        staff_items,
        order=12,
    ),
    HomeCard(
        "programmes.participant",
        _("Your next learning activities"),
        (),
        participant_items,
        order=32,
        applies=lambda user: Participant.objects.filter(user=user).exists(),
    ),
    HomeCard(
        "programmes.censor",
        _("Exam assignments to grade"),
        (Role.CENSOR,),
        censor_items,
        order=40,
        empty=_("No exam assignment has been assigned to you yet."),
        # A censor may be one by assignment without the role in that municipality.
        applies=lambda user: Submission.objects.filter(censor=user).exists() or None,
    ),
    HomeCard(
        "programmes.supervisor",
        _("Supervision"),
        (),
        supervisor_items,
        order=45,
        applies=is_supervisor,
    ),
]
