# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from procesvaerk.core.registry import NavEntry, NavSection

SECTION = NavSection(
    "programmes",
    _("Training"),
    (NavEntry(_("Programmes"), "programmes:programme_list"),),
)
