# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from procesvaerk.core.registry import NavEntry, NavSection
from procesvaerk.core.roles import Role

SECTIONS = [
    NavSection(
        "overview",
        _("Overview"),
        (
            NavEntry(_("My overview"), "core:home"),
            NavEntry(_("Notifications"), "core:notifications"),
            NavEntry(_("Organisation"), "core:unit_list"),
            NavEntry(_("Help: what can I do here?"), "core:help"),
        ),
    ),
    NavSection(
        "administration",
        _("Administration"),
        (
            NavEntry(_("Audit log"), "core:audit_list", roles=(Role.COORDINATOR,)),
            NavEntry(_("Django administration"), "admin:index", superuser_only=True),
        ),
    ),
]
