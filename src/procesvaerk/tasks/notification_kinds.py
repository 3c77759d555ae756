# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from procesvaerk.core.registry import NotificationKind

KINDS = [
    NotificationKind("tasks.requested", _("New request for help")),
    NotificationKind("tasks.requested_for_you", _("Help was requested for your unit")),
    NotificationKind("tasks.status", _("The task changed status")),
    NotificationKind("tasks.agreement_to_sign", _("An agreement to sign off")),
]
