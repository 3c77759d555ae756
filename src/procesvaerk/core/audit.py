# SPDX-License-Identifier: MPL-2.0
"""Audit log services: record, purge after the retention period, extract per person."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from typing import IO, TYPE_CHECKING, Any, cast

from django.conf import settings
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from procesvaerk.core import access
from procesvaerk.core.models import AuditEntry, Municipality
from procesvaerk.core.roles import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from procesvaerk.accounts.models import User

EXTRACT_COLUMNS = [
    "time",
    "actor",
    "action",
    "municipality",
    "whose_data",
    "object_type",
    "object",
    "detail",
]


def audit_record(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    target: Model | None = None,
    subject: Any = None,
    municipality: Municipality | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one entry. ``subject`` is the person whose data was touched."""
    if municipality is None and target is not None:
        municipality = getattr(target, "municipality", None)
    person = cast("User", actor) if actor is not None and actor.is_authenticated else None
    return AuditEntry.objects.create(
        actor=person,
        actor_label=person.email if person is not None else "",
        action=action,
        municipality=municipality,
        subject=subject,
        subject_label=subject.email if subject is not None else "",
        object_type=target._meta.label if target is not None else "",
        object_code=str(getattr(target, "code", getattr(target, "pk", ""))) if target else "",
        detail=detail or {},
    )


def audit_purge(*, now: datetime | None = None) -> int:
    """Delete entries older than the retention period; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    deleted, _ = AuditEntry.objects.filter(at__lt=cutoff).delete()
    return deleted


def audit_entries_for(
    user: User,
    *,
    action: str = "",
    person: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AuditEntry]:
    """Entries a coordinator may read: those of their municipalities, or about
    people who are members there."""
    entries = AuditEntry.objects.select_related("municipality")
    if not user.is_superuser:
        mids = access.municipality_ids(user, [Role.COORDINATOR])
        people = access.people_visible_to(user, [Role.COORDINATOR])
        entries = entries.filter(Q(municipality_id__in=mids) | Q(subject__in=people))
    if action:
        entries = entries.filter(action=action)
    if person:
        entries = entries.filter(
            Q(actor_label__icontains=person) | Q(subject_label__icontains=person)
        )
    if date_from:
        entries = entries.filter(at__date__gte=date_from)
    if date_to:
        entries = entries.filter(at__date__lte=date_to)
    return entries


def audit_extract_csv(*, subject: Any, out: IO[str]) -> int:
    """Write every entry by or about ``subject`` as CSV (data-subject request)."""
    writer = csv.writer(out)
    writer.writerow(EXTRACT_COLUMNS)
    rows = 0
    entries = (
        AuditEntry.objects.filter(Q(subject=subject) | Q(actor=subject))
        .select_related("municipality")
        .order_by("at", "id")
    )
    for entry in entries.iterator():
        writer.writerow(
            [
                timezone.localtime(entry.at).isoformat(),
                entry.actor_label,
                entry.action,
                entry.municipality.name if entry.municipality else "",
                entry.subject_label,
                entry.object_type,
                entry.object_code,
                entry.detail,
            ]
        )
        rows += 1
    return rows
