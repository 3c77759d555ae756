# SPDX-License-Identifier: MPL-2.0
"""The audit log's actions recorded by core, with the label shown to people."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "audit.extract": _("Audit log extracted"),
    "upload.download": _("File downloaded"),
}
