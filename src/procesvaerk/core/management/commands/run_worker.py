# SPDX-License-Identifier: MPL-2.0
"""The job worker: django-tasks-db's ``db_worker``, after a sweep that queues again
the jobs a dead worker left running (see JOB_STALE_MINUTES)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from procesvaerk.core.jobs.services import job_requeue_stale


class Command(DbWorkerCommand):
    help = "Run background jobs (db_worker with a start-up sweep for jobs of dead workers)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--sweep-only",
            action="store_true",
            help="Only queue again the jobs of dead workers, then exit (e.g. from cron).",
        )

    def handle(self, *args: Any, sweep_only: bool = False, **options: Any) -> None:  # type: ignore[override]
        requeued = job_requeue_stale()
        if requeued and options.get("verbosity", 1):
            self.stdout.write(f"Queued {requeued} job(s) of a dead worker again.")
        if not sweep_only:
            super().handle(*args, **options)
