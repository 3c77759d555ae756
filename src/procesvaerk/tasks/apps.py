# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "procesvaerk.tasks"
    label = "tasks"
    verbose_name = _("Process tasks")

    def ready(self) -> None:
        # Every app's task_panels.py registers its panels and hooks, as admin.py does.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("task_panels")
