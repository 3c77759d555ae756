# SPDX-License-Identifier: MPL-2.0
"""Benchmark: ranking 2,000 consultants for one task, and the coordinator
board with 10,000 tasks.

Run on PostgreSQL (a throwaway test database is created and dropped):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/procesvaerk \\
        SECRET_KEY=bench .venv/bin/python benchmarks/matching.py

Prints one line per measurement (median of ``--repeat`` runs) and the query
count of the board page. Deterministic data (fixed seed).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procesvaerk.config.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")


def _median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--consultants", type=int, default=2000)
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["*"]
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from procesvaerk.accounts.models import Membership, User
        from procesvaerk.core.models import Cooperation, Municipality, Unit, Visibility
        from procesvaerk.corps import matching, selectors
        from procesvaerk.corps.models import (
            Competence,
            ConsultantProfile,
            Engagement,
            ProcessTask,
            TaskStatus,
        )

        rng = random.Random(42)
        coop = Cooperation.objects.create(name="Bench")
        towns = [
            Municipality.objects.create(
                name=f"Kommune {i}", kommunekode=f"{600 + i}", cooperation=coop
            )
            for i in range(7)
        ]
        coordinator = User.objects.create_user("k@bench.test", "x", full_name="Koordinator")
        leader = User.objects.create_user("l@bench.test", "x", full_name="Leder")
        Membership.objects.bulk_create(
            [Membership(user=coordinator, municipality=m, role="coordinator") for m in towns]
        )
        units = [
            Unit.objects.create(municipality=m, name=f"Enhed {i}", leader=leader)
            for m in towns
            for i in range(10)
        ]
        today = date(2026, 6, 1)
        users = User.objects.bulk_create(
            [
                User(email=f"c{i}@bench.test", full_name=f"Konsulent {i:04d}", password="!")  # noqa: S106 (unusable)
                for i in range(args.consultants)
            ]
        )
        vocab = Competence.values
        profiles = []
        for i, user in enumerate(users):
            unit = units[i % len(units)]
            cross = i % 2 == 0
            profiles.append(
                ConsultantProfile(
                    user=user,
                    municipality=unit.municipality,
                    unit=unit,
                    competences=",".join(rng.sample(vocab, 3)),
                    capacity_hours=rng.choice([8, 12, 16, 20]),
                    corps_from=today - timedelta(days=rng.randint(0, 300)),
                    corps_to=today + timedelta(days=rng.randint(30, 600)),
                    cross_municipality=cross,
                    visibility=Visibility.COOPERATION if cross else Visibility.PRIVATE,
                )
            )
        ConsultantProfile.objects.bulk_create(profiles)
        statuses = TaskStatus.values
        tasks = ProcessTask.objects.bulk_create(
            [
                ProcessTask(
                    municipality=unit.municipality,
                    unit=unit,
                    requester=leader,
                    leader=leader,
                    title=f"Opgave {i}",
                    background="b",
                    desired_outcome="d",
                    task_types=rng.choice(["facilitation", "mapping", "benefits,change"]),
                    period_start=today - timedelta(days=rng.randint(0, 200)),
                    period_end=today + timedelta(days=rng.randint(10, 200)),
                    size=rng.choice(["small", "medium", "large"]),
                    status=statuses[i % len(statuses)],
                )
                for i, unit in enumerate(rng.choice(units) for _ in range(args.tasks))
            ]
        )
        Engagement.objects.bulk_create(
            [
                Engagement(
                    task=task,
                    consultant=users[rng.randrange(len(users))],
                    home_municipality=task.municipality,
                    planned_hours=Decimal(rng.choice([10, 20, 30])),
                    status="accepted",
                )
                for task in tasks
            ],
            ignore_conflicts=True,
        )
        target = ProcessTask.objects.select_related("municipality").get(pk=tasks[0].pk)
        coordinator = User.objects.get(pk=coordinator.pk)

        queries: list[str] = []

        def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            suggestions = selectors.suggestions_for(target, coordinator, limit=20)
        n_rank = len(queries)
        candidates = selectors.candidates_for(target, coordinator)
        need = selectors.need_for(target)
        full = _median_ms(
            lambda: selectors.suggestions_for(target, coordinator, limit=20), args.repeat
        )
        pure = _median_ms(lambda: matching.rank(need, candidates), args.repeat)

        client = Client()
        client.force_login(coordinator)
        queries.clear()
        with connection.execute_wrapper(count):
            response = client.get("/korps/opgaver/", secure=True)
        assert response.status_code == 200, response.status_code
        n_board = len(queries)
        check = client.get("/korps/opgaver/", {"task_type": "mapping"}, secure=True)
        assert check.status_code == 200, check.status_code
        board_only = _median_ms(lambda: selectors.board(coordinator, {}), args.repeat)
        candidates_ms = _median_ms(
            lambda: selectors.candidates_for(target, coordinator), args.repeat
        )
        board = _median_ms(lambda: client.get("/korps/opgaver/", secure=True), args.repeat)
        filtered = _median_ms(
            lambda: client.get(
                "/korps/opgaver/",
                {"task_type": "mapping", "status": "in_progress"},
                secure=True,
            ),
            args.repeat,
        )

        vendor = connection.vendor
        print(f"database: {vendor}; consultants visible: {len(candidates)} of {args.consultants}")
        print(f"rank {len(candidates)} consultants, pure function: {pure:.1f} ms")
        print(f"suggestions for one task incl. {n_rank} queries: {full:.1f} ms")
        print(f"board, {args.tasks} tasks, full page, {n_board} queries: {board:.1f} ms")
        print(f"board selector only: {board_only:.1f} ms; candidates_for: {candidates_ms:.1f} ms")
        print(f"board filtered by type and status: {filtered:.1f} ms")
        print(f"suggestions returned: {len(suggestions)}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
