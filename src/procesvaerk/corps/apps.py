# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorpsConfig(AppConfig):
    name = "procesvaerk.corps"
    label = "corps"
    verbose_name = _("Consultant corps")
