# SPDX-License-Identifier: MPL-2.0
"""E-mail reminders, meant to run daily (``manage.py send_reminders``).

Each reminder has a key; a key is sent once, so running twice a day or
catching up after a missed day never sends duplicates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from procesvaerk.programmes.models import (
    Action,
    Activity,
    ActivityKind,
    Participant,
    ReminderLog,
    SurveySubmission,
)

if TYPE_CHECKING:
    from procesvaerk.accounts.models import User

ACTIVITY_NOTICE = timedelta(days=2)
EXPERIENCE_NOTICE = timedelta(days=14)
FOLLOW_UP_WINDOW = timedelta(days=14)


@dataclass(frozen=True)
class Reminder:
    key: str
    user: User
    subject: str
    body: str


def _local(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def _participants(activity: Activity) -> list[Participant]:
    return list(activity.cohort.participants.select_related("user"))


def reminders_due(now: datetime) -> Iterator[Reminder]:
    upcoming = Activity.objects.filter(
        starts_at__gt=now, starts_at__lte=now + EXPERIENCE_NOTICE
    ).select_related("cohort")
    for activity in upcoming:
        experience = activity.kind == ActivityKind.EXPERIENCE_WORKSHOP
        if not experience and activity.starts_at > now + ACTIVITY_NOTICE:
            continue
        people = [p.user for p in _participants(activity)] + list(activity.cohort.instructors.all())
        if experience:
            people += [w.leader for w in activity.cohort.workplaces.select_related("leader")]
        for user in {u.pk: u for u in people}.values():
            with translation.override(user.preferred_language):
                yield Reminder(
                    f"activity:{activity.code}:{user.code}",
                    user,
                    _("Reminder: %(title)s on %(when)s")
                    % {"title": activity.title, "when": _local(activity.starts_at)},
                    _("%(cohort)s: %(title)s starts %(when)s.")
                    % {
                        "cohort": activity.cohort.name,
                        "title": activity.title,
                        "when": _local(activity.starts_at),
                    },
                )
    ended = Activity.objects.filter(
        ends_at__lt=now, ends_at__gte=now - FOLLOW_UP_WINDOW
    ).select_related("cohort")
    for activity in ended:
        answered = set(
            SurveySubmission.objects.filter(activity=activity).values_list(
                "participant_id", flat=True
            )
        )
        acted = set(
            Action.objects.filter(activity=activity, done_on__isnull=False).values_list(
                "participant_id", flat=True
            )
        )
        for participant in _participants(activity):
            user = participant.user
            with translation.override(user.preferred_language):
                if participant.pk not in answered:
                    yield Reminder(
                        f"evaluation:{activity.code}:{user.code}",
                        user,
                        _("Please evaluate: %(title)s") % {"title": activity.title},
                        _("Your answers are anonymous. Evaluate %(title)s in Procesværk.")
                        % {"title": activity.title},
                    )
                if activity.kind == ActivityKind.ACTION and participant.pk not in acted:
                    yield Reminder(
                        f"action:{activity.code}:{user.code}",
                        user,
                        _("Record your action: %(title)s") % {"title": activity.title},
                        _("Write down what happened and what you learned from your action."),
                    )


def reminders_send(*, now: datetime | None = None) -> int:
    sent = 0
    for reminder in reminders_due(now or timezone.now()):
        try:
            with transaction.atomic():
                ReminderLog.objects.create(key=reminder.key)
                send_mail(
                    reminder.subject,
                    reminder.body,
                    settings.DEFAULT_FROM_EMAIL,
                    [reminder.user.email],
                )
        except IntegrityError:
            continue  # already sent
        sent += 1
    return sent
