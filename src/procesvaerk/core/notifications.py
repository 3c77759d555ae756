# SPDX-License-Identifier: MPL-2.0
"""Notifications for every app: an in-app entry with a short text in the
recipient's language and a link to where they act, plus an e-mail for kinds
that ask for one (sent once the write is committed)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.functional import Promise

from procesvaerk.core.models import Notification
from procesvaerk.core.registry import declarations

if TYPE_CHECKING:
    from procesvaerk.accounts.models import User


def notification_send(
    *,
    recipient: User,
    kind: str,
    text: str | Promise,
    url: str = "",
    params: Mapping[str, Any] | None = None,
) -> Notification:
    """``text`` is a lazy msgid (with ``%(name)s`` placeholders filled from
    ``params``), rendered in the recipient's language."""
    registered = declarations().kinds.get(kind)
    if registered is None:
        raise ValueError(f"Unknown notification kind {kind!r}: declare it in notification_kinds.py")
    with translation.override(recipient.preferred_language or "da"):
        rendered = str(text) % dict(params or {}) if params else str(text)
        subject = str(registered.label)
    note = Notification.objects.create(
        recipient=recipient, kind=kind, text=rendered[:400], url=url[:500]
    )
    if registered.email and recipient.email:
        body = f"{rendered}\n\n{url}" if url else rendered
        transaction.on_commit(
            lambda: send_mail(f"Procesværk: {subject}", body, None, [recipient.email])
        )
    return note


def notification_mark_read(*, actor: User, notification: Notification) -> None:
    if notification.recipient_id != actor.pk:
        raise PermissionDenied
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def notifications_for(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
