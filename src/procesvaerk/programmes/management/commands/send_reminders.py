# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from procesvaerk.programmes.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Send due programme reminders by e-mail: activities in two days, the experience "
        "workshop two weeks ahead, missing evaluations and actions. Run daily; never sends twice."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Sent {reminders_send()} reminders.")
