# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "procesvaerk.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from procesvaerk.core import signals  # noqa: F401  (deletes files with their record)
        from procesvaerk.core.jobs import selftest  # noqa: F401  (registers core.selftest)

        # Each app registers its job kinds in its own jobs.py, found here the way
        # the admin finds admin.py, so that the web process and the worker agree.
        autodiscover_modules("jobs")
