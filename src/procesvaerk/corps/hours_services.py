# SPDX-License-Identifier: MPL-2.0
"""Hours: registering, correcting and deleting a consultant's own entries, and the
coordinator's approval of a consultant's month, after which the month is locked.

Every refusal is a ``ValidationError`` in the user's language and changes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from procesvaerk.accounts.models import User
from procesvaerk.core import access
from procesvaerk.core.audit import audit_record
from procesvaerk.core.models import Municipality
from procesvaerk.core.roles import Role
from procesvaerk.corps.models import (
    ConsultantProfile,
    Engagement,
    EngagementStatus,
    HoursApproval,
    TimeEntry,
)
from procesvaerk.tasks.workflow import OPEN_FOR_HOURS


def month_approved(consultant_id: int, municipality_id: int, day: date) -> bool:
    return HoursApproval.objects.filter(
        consultant_id=consultant_id,
        municipality_id=municipality_id,
        year=day.year,
        month=day.month,
    ).exists()


def _refuse_locked(engagement: Engagement, day: date) -> None:
    if month_approved(engagement.consultant_id, engagement.task.municipality_id, day):
        raise ValidationError(
            _(
                "The coordinator has approved your hours for %(month)s; they can no longer be "
                "changed."
            )
            % {"month": date_format(day, "YEAR_MONTH_FORMAT")}
        )


def _check_day_and_hours(engagement: Engagement, day: date, hours: Decimal) -> None:
    """A day inside the task's period, the consultant's corps period, not in the future."""
    if not Decimal("0.5") <= hours <= Decimal("24"):
        raise ValidationError({"hours": _("Register between 0.5 and 24 hours a day.")})
    if day > timezone.localdate():
        raise ValidationError({"day": _("Hours cannot be registered in the future.")})
    task = engagement.task
    if not task.period_start <= day <= task.period_end:
        raise ValidationError(
            {
                "day": _("The date must be within the task's period, %(start)s to %(end)s.")
                % {
                    "start": date_format(task.period_start, "SHORT_DATE_FORMAT"),
                    "end": date_format(task.period_end, "SHORT_DATE_FORMAT"),
                }
            }
        )
    profile = ConsultantProfile.objects.filter(user_id=engagement.consultant_id).first()
    if profile is not None and not profile.corps_from <= day <= profile.corps_to:
        raise ValidationError(
            {
                "day": _("The date must be within your corps period, %(start)s to %(end)s.")
                % {
                    "start": date_format(profile.corps_from, "SHORT_DATE_FORMAT"),
                    "end": date_format(profile.corps_to, "SHORT_DATE_FORMAT"),
                }
            }
        )
    _refuse_locked(engagement, day)


@transaction.atomic
def time_register(
    *, actor: User, engagement: Engagement, day: date, hours: Decimal, note: str = ""
) -> TimeEntry:
    if actor.pk != engagement.consultant_id:
        raise PermissionDenied
    if engagement.status != EngagementStatus.ACCEPTED:
        raise ValidationError(_("Accept the task before you register hours."))
    if engagement.task.status not in OPEN_FOR_HOURS:
        raise ValidationError(
            _("Hours can be registered once the task is agreed and until it is delivered.")
        )
    _check_day_and_hours(engagement, day, hours)
    return TimeEntry.objects.create(
        engagement=engagement,
        date=day,
        hours=hours,
        note=note.strip(),
        from_municipality_id=engagement.home_municipality_id,
        to_municipality_id=engagement.task.municipality_id,
    )


def _own_entry(actor: User, entry: TimeEntry) -> Engagement:
    engagement = entry.engagement
    if actor.pk != engagement.consultant_id:
        raise PermissionDenied
    _refuse_locked(engagement, entry.date)
    return engagement


@transaction.atomic
def time_update(
    *, actor: User, entry: TimeEntry, day: date, hours: Decimal, note: str = ""
) -> TimeEntry:
    """The consultant corrects their own entry until the month is approved."""
    engagement = _own_entry(actor, entry)
    _check_day_and_hours(engagement, day, hours)
    before = {"date": entry.date.isoformat(), "hours": str(entry.hours), "note": entry.note}
    entry.date, entry.hours, entry.note = day, hours, note.strip()
    entry.save(update_fields=["date", "hours", "note", "updated_at"])
    audit_record(
        actor=actor,
        action="corps.time.update",
        target=entry,
        subject=actor,
        municipality=engagement.task.municipality,
        detail={"before": before, "after": {"date": day.isoformat(), "hours": str(hours)}},
    )
    return entry


@transaction.atomic
def time_delete(*, actor: User, entry: TimeEntry) -> None:
    """The consultant deletes their own entry until the month is approved."""
    engagement = _own_entry(actor, entry)
    audit_record(
        actor=actor,
        action="corps.time.delete",
        target=entry,
        subject=actor,
        municipality=engagement.task.municipality,
        detail={"date": entry.date.isoformat(), "hours": str(entry.hours), "note": entry.note},
    )
    entry.delete()


@transaction.atomic
def hours_approve(
    *, actor: User, consultant: User, municipality: Municipality, year: int, month: int
) -> HoursApproval:
    """A coordinator of ``municipality`` approves the consultant's hours of one month
    on the municipality's tasks; the consultant can then no longer change them."""
    access.require_role(actor, municipality, Role.COORDINATOR)
    first = date(year, month, 1)
    if first > timezone.localdate():
        raise ValidationError(_("A month can be approved once it has begun."))
    entries = TimeEntry.objects.filter(
        engagement__consultant=consultant,
        to_municipality=municipality,
        date__year=year,
        date__month=month,
    )
    if not entries.exists():
        raise ValidationError(_("There are no hours to approve in the month."))
    if HoursApproval.objects.filter(
        consultant=consultant, municipality=municipality, year=year, month=month
    ).exists():
        raise ValidationError(_("The month is already approved."))
    try:
        with transaction.atomic():
            approval = HoursApproval.objects.create(
                consultant=consultant,
                municipality=municipality,
                year=year,
                month=month,
                approved_by=actor,
                approved_at=timezone.now(),
            )
    except IntegrityError:  # approved at the same moment by someone else
        raise ValidationError(_("The month is already approved.")) from None
    audit_record(
        actor=actor,
        action="corps.hours.approve",
        target=approval,
        subject=consultant,
        municipality=municipality,
        detail={"month": f"{year:04d}-{month:02d}"},
    )
    return approval
