# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from procesvaerk.core.audit import audit_extract_csv


class Command(BaseCommand):
    help = "Write every audit entry by or about one person as CSV (data-subject request)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            person = get_user_model().objects.get(email=options["email"].lower())
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user with e-mail {options['email']}") from None
        audit_extract_csv(subject=person, out=self.stdout)  # type: ignore[arg-type]
