# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from procesvaerk.accounts.models import User
from procesvaerk.core.audit import audit_extract_csv


class Command(BaseCommand):
    help = "Write every audit entry by or about one person as CSV (data-subject request)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            person = User.objects.get(email=options["email"].lower())
        except User.DoesNotExist:
            raise CommandError(f"No user with e-mail {options['email']}") from None
        audit_extract_csv(subject=person, out=self.stdout)
