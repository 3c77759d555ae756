# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "procesvaerk.core"
    label = "core"
    verbose_name = _("Core")
