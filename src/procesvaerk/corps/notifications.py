# SPDX-License-Identifier: MPL-2.0
"""Notifications: an in-app entry plus an e-mail, in the recipient's language."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from procesvaerk.accounts.models import User
from procesvaerk.corps.models import Notification, NotificationKind, ProcessTask, TaskStatus


def status_label(status: str) -> str:
    return str(dict(TaskStatus.choices).get(status, status))  # type: ignore[call-overload]


def notification_send(*, recipient: User, kind: str, task: ProcessTask) -> Notification:
    """An in-app notification plus an e-mail (sent once the write is committed)."""
    note = Notification.objects.create(recipient=recipient, kind=kind, task=task)
    with translation.override(recipient.preferred_language or "da"):
        subject = str(dict(NotificationKind.choices)[kind])  # type: ignore[index]
        body = _("%(what)s: %(task)s (%(status)s)") % {
            "what": subject,
            "task": task.title,
            "status": status_label(task.status),
        }
    transaction.on_commit(
        lambda: send_mail(f"Procesværk: {subject}", body, None, [recipient.email])
    )
    return note


def notification_mark_read(*, actor: Any, notification: Notification) -> None:
    if notification.recipient_id != actor.pk:
        raise PermissionDenied
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
