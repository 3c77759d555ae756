# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from procesvaerk.core.registry import NotificationKind

KINDS = [
    NotificationKind("corps.invited", _("You have been asked to take a task")),
    NotificationKind("corps.accepted", _("A consultant accepted the task")),
    NotificationKind("corps.declined", _("A consultant declined the task")),
    NotificationKind("corps.evaluate", _("Please evaluate the help you received")),
    NotificationKind("corps.case_consent", _("A case awaits your consent")),
]
