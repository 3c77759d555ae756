# SPDX-License-Identifier: MPL-2.0
"""The audit log's actions recorded by accounts, with the label shown to people."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "login": _("Signed in"),
    "login.failed": _("Failed sign-in"),
    "membership.grant": _("Role granted"),
    "membership.revoke": _("Role removed"),
    "token.create": _("Access token created"),
    "token.revoke": _("Access token revoked"),
    "user.update": _("Profile changed"),
}
