# SPDX-License-Identifier: MPL-2.0
"""What each role can do in the core pages; shown on the help page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from procesvaerk.core.roles import Role

CAPABILITIES = {
    Role.COORDINATOR: [
        _("See the municipality's organisation and its people."),
        _("Read and filter the audit log and extract it per person."),
    ],
    Role.INSTRUCTOR: [_("See the municipality's organisation.")],
    Role.CONSULTANT: [_("See the municipality's organisation.")],
    Role.LEADER: [_("See the municipality's organisation and the units you lead.")],
    Role.CENSOR: [_("See the municipality's organisation.")],
    Role.VIEWER: [_("See the municipality's organisation.")],
}
