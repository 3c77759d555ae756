# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from procesvaerk.core.registry import NavEntry, NavSection
from procesvaerk.core.roles import Role

SECTION = NavSection(
    "corps",
    _("Corps"),
    (
        NavEntry(_("Task board"), "corps:board", roles=(Role.COORDINATOR,)),
        NavEntry(_("My tasks"), "corps:my_tasks"),
        NavEntry(_("Ask for help"), "tasks:task_request"),
        NavEntry(_("Consultants"), "corps:consultant_list", roles=(Role.COORDINATOR,)),
        NavEntry(_("Lending"), "corps:ledger", roles=(Role.COORDINATOR,)),
        NavEntry(_("Cases"), "corps:case_list"),
        NavEntry(_("My consultant profile"), "corps:profile_edit", roles=(Role.CONSULTANT,)),
    ),
)
