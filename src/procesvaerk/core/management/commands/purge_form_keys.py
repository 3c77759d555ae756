# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from procesvaerk.core.middleware import form_submissions_purge


class Command(BaseCommand):
    help = "Forget the once-per-form claims older than two days (run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = form_submissions_purge()
        self.stdout.write(f"Forgot {deleted} form submissions older than two days.")
