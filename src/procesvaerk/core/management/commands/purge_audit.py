# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from procesvaerk.core.audit import audit_purge


class Command(BaseCommand):
    help = "Delete audit entries older than AUDIT_RETENTION_DAYS (default 183, about 6 months)."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = audit_purge()
        self.stdout.write(
            f"Deleted {deleted} audit entries older than {settings.AUDIT_RETENTION_DAYS} days."
        )
