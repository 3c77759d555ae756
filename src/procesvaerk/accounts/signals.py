# SPDX-License-Identifier: MPL-2.0
"""Log sign-ins and failed sign-ins; the lock-out itself is django-axes'."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from procesvaerk.accounts.models import User
from procesvaerk.core.audit import audit_record

logger = logging.getLogger("procesvaerk.accounts")


@receiver(user_logged_in)
def record_login(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    audit_record(actor=user, action="login", subject=user)


@receiver(user_login_failed)
def record_failed_login(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kw: Any
) -> None:
    email = str(credentials.get("username") or credentials.get("email") or "")[:254].lower()
    address = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    logger.warning("Failed login for %s from %s", email, address)
    audit_record(
        actor=None,
        action="login.failed",
        subject=User.objects.filter(email=email).first(),
        detail={"email": email, "address": address},
    )
