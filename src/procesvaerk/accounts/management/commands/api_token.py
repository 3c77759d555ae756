# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from procesvaerk.accounts.models import User
from procesvaerk.accounts.services import token_create


class Command(BaseCommand):
    help = "Make a personal access token for the JSON API and print its secret (shown once)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="manage.py api_token")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(email=options["email"].strip().lower())
        except User.DoesNotExist:
            raise CommandError(f"No user with e-mail {options['email']}") from None
        try:
            _token, secret = token_create(actor=user, name=options["name"])
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(secret)
