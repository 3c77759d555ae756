# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.test import override_settings

from procesvaerk.accounts.demo import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Load the demo data of every app (idempotent: a second run adds nothing)."

    def handle(self, *args: Any, **options: Any) -> None:
        # Demo events are not news: notifications are recorded in the app, but the e-mails
        # the services send (after each commit) go nowhere instead of filling the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            self._load()
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password: {DEMO_PASSWORD}):"))
        for email, name, _slug, _roles in DEMO_LOGINS:
            self.stdout.write(f"  {email:32} {name}")
        self.stdout.write("  admin@procesvaerk.demo           Administrator (Django admin)")

    def _load(self) -> None:
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if not config.name.startswith("procesvaerk.") or find_spec(module_name) is None:
                continue
            self.stdout.write(f"Demo data: {config.label}")
            import_module(module_name).load(self.stdout)
