# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from procesvaerk.core.registry import NavEntry, NavSection
from procesvaerk.core.roles import Role

SECTION = NavSection(
    "programmes",
    _("Training"),
    (
        NavEntry(_("Programmes"), "programmes:programme_list"),
        NavEntry(_("My exam assignments"), "programmes:my_submissions", roles=(Role.CENSOR,)),
        NavEntry(
            _("My learning groups"),
            "programmes:my_groups",
            roles=(Role.INSTRUCTOR, Role.COORDINATOR),
        ),
    ),
)
