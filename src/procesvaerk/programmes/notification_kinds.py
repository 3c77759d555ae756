# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from procesvaerk.core.registry import NotificationKind

KINDS = [
    NotificationKind("programmes.submission_assigned", _("An exam assignment to grade")),
]
