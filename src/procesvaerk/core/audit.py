# SPDX-License-Identifier: MPL-2.0
"""Audit log services: record, purge after the retention period, extract per person."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime, timedelta
from typing import IO, TYPE_CHECKING, Any, cast

from django.conf import settings
from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from procesvaerk.core import access, registry
from procesvaerk.core.models import AuditEntry, Municipality
from procesvaerk.core.roles import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from procesvaerk.accounts.models import User

# The extract's columns, headed in the reader's language (Danish by default).
EXTRACT_COLUMNS = [
    _("Time"),
    _("Actor"),
    _("Action"),
    _("Municipality"),
    _("Whose data"),
    _("Object type"),
    _("Object"),
    _("Detail"),
]
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def audit_action_label(code: str) -> str:
    """The action as people read it: the label an app declares in its
    ``audit_actions.py``, else the code made readable ("exam.grade" -> "Exam grade")."""
    label = registry.declarations().audit_actions.get(code)
    if label is not None:
        return str(label)
    words = code.replace(".", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def audit_action_choices(user: User) -> list[tuple[str, str]]:
    """Every declared action, and any other in the entries ``user`` may read, by label."""
    codes = set(registry.declarations().audit_actions)
    codes.update(audit_entries_for(user).values_list("action", flat=True).distinct())
    return sorted(((c, audit_action_label(c)) for c in codes), key=lambda item: item[1])


def _spreadsheet_safe(value: object) -> str:
    """The cell's text, with a leading ' when a spreadsheet would run it as a formula."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


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
    # A queryset delete: entries refuse to be deleted one by one (AuditEntry.delete).
    deleted, _counts = AuditEntry.objects.filter(at__lt=cutoff).delete()
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
        # Entries of their municipalities; an entry tied to no municipality (a sign-in)
        # when it is about a member there. Never another municipality's entry, even
        # about a person who is a member in both.
        entries = entries.filter(
            Q(municipality_id__in=mids) | Q(municipality__isnull=True, subject__in=people)
        )
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


def audit_extract_csv(*, subject: Any, out: IO[str], reader: User | None = None) -> int:
    """Write every entry by or about ``subject`` as CSV (data-subject request), for
    a Danish spreadsheet: byte order mark, semicolons, headers and actions in words,
    and no cell a spreadsheet would run as a formula. A coordinator (``reader``) gets
    only the entries they may read in the log; the operator's command gets all."""
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    writer.writerow([str(column) for column in EXTRACT_COLUMNS])
    rows = 0
    scope = audit_entries_for(reader) if reader is not None else AuditEntry.objects.all()
    entries = (
        scope.filter(Q(subject=subject) | Q(actor=subject))
        .select_related("municipality")
        .order_by("at", "id")
    )
    for entry in entries.iterator():
        at = timezone.localtime(entry.at).replace(tzinfo=None, microsecond=0)
        cells = [
            at.isoformat(sep=" "),
            entry.actor_label,
            audit_action_label(entry.action),
            entry.municipality.name if entry.municipality else "",
            entry.subject_label,
            entry.object_type,
            entry.object_code,
            json.dumps(entry.detail, ensure_ascii=False) if entry.detail else "",
        ]
        writer.writerow([_spreadsheet_safe(cell) for cell in cells])
        rows += 1
    return rows
