# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from procesvaerk.core.roles import Role

CAPABILITIES = {
    Role.COORDINATOR: [
        _(
            "Run the consultant corps: scope tasks, match and assign consultants, "
            "follow hours and lending."
        ),
    ],
    Role.CONSULTANT: [_("Keep your consultant profile, accept tasks and register hours.")],
    Role.LEADER: [
        _("Ask the consultant corps for help, sign off agreements and evaluate the help."),
    ],
}
