# SPDX-License-Identifier: MPL-2.0
"""Jobs: progress, failure and retry, stale pickup, access, the htmx partial, and one
run through the real worker process."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from procesvaerk.core.jobs import JobContext, register_job
from procesvaerk.core.jobs.services import (
    job_requeue_stale,
    job_retry,
    job_run,
    job_start,
    job_status_dict,
)
from procesvaerk.core.models import Job, JobState

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
BASE_DIR = Path(__file__).resolve().parents[2]

SEEN: list[tuple[int, str]] = []


def _watched(context: JobContext, *, n: int) -> dict:
    """Records what another reader sees of the row after each report."""
    for step in range(1, n + 1):
        context.report(step * 100 // n, f"trin {step}")
        row = Job.objects.get(pk=context.job.pk)
        SEEN.append((row.progress, row.progress_message))
    return {"steps": n}


def _crashes(context: JobContext) -> None:
    raise RuntimeError("database password is hunter2")  # must not reach the user


register_job("tests.watched", _watched, "Watched")
register_job("tests.crashes", _crashes, "Crashes")


@pytest.fixture
def immediate(settings):
    settings.TASKS = IMMEDIATE


def test_progress_is_written_to_the_row_as_the_job_runs(world, immediate):
    SEEN.clear()
    job = job_start(kind="tests.watched", actor=world.helsingor_coordinator, params={"n": 4})
    assert SEEN == [(25, "trin 1"), (50, "trin 2"), (75, "trin 3"), (100, "trin 4")]
    assert job.state == JobState.DONE and job.result == {"steps": 4}
    assert job.attempts == 1 and job.started_at and job.finished_at and job.heartbeat_at
    assert job_status_dict(job) == {
        "code": str(job.code),
        "kind": "tests.watched",
        "state": "done",
        "progress": 100,
        "message": "trin 4",
        "result": {"steps": 4},
        "error": "",
    }


def test_selftest_counts_with_danish_progress(world, immediate):
    job = job_start(kind="core.selftest", actor=world.helsingor_coordinator, params={"n": 3})
    assert (job.state, job.result) == ("done", {"counted": 3, "sum": 6})
    assert job.progress_message == "Har talt til 3 af 3"


def test_validation_failure_shows_its_danish_message_and_retry_runs_again(world, immediate):
    me = world.helsingor_coordinator
    job = job_start(kind="core.selftest", actor=me, params={"n": 5, "fail_at": 3})
    assert job.state == JobState.FAILED
    assert job.error == "Selvtesten stoppede ved trin 3."
    assert job.progress == 40  # two of five steps were done before it stopped
    with pytest.raises(PermissionDenied):
        job_retry(job=job, actor=world.holbaek_coordinator)
    Job.objects.filter(pk=job.pk).update(params={"n": 5})  # the cause is fixed
    job = job_retry(job=job, actor=me)
    assert (job.state, job.error, job.attempts) == ("done", "", 2)


def test_unexpected_failure_gets_the_generic_danish_text_and_the_log_the_traceback(
    world, immediate, caplog
):
    job = job_start(kind="tests.crashes", actor=world.helsingor_coordinator)
    assert job.state == JobState.FAILED
    assert job.error.startswith("Noget gik galt") and "hunter2" not in job.error
    assert "hunter2" in caplog.text and "Traceback" in caplog.text


def test_a_running_job_with_a_dead_worker_is_picked_up_again(world, settings):
    settings.JOB_STALE_MINUTES = 10
    # Queued on the database backend: nothing runs until a worker does.
    job = job_start(kind="core.selftest", actor=world.helsingor_coordinator, params={"n": 2})
    assert job.state == JobState.QUEUED
    long_ago = timezone.now() - timedelta(minutes=11)
    recent = timezone.now() - timedelta(minutes=2)
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, heartbeat_at=long_ago)
    alive = Job.objects.create(kind="core.selftest", state=JobState.RUNNING, heartbeat_at=recent)
    assert job_requeue_stale() == 1
    job.refresh_from_db()
    alive.refresh_from_db()
    assert job.state == JobState.QUEUED and alive.state == JobState.RUNNING
    job_run(job_id=job.pk)  # what the worker does with the task it was given again
    job.refresh_from_db()
    assert job.state == JobState.DONE
    job_run(job_id=job.pk)  # a duplicate task is harmless
    job.refresh_from_db()
    assert job.attempts == 1 and job.result == {"counted": 2, "sum": 3}


def test_only_the_starter_or_a_superuser_sees_a_job(world, immediate, client):
    job = job_start(kind="core.selftest", actor=world.helsingor_coordinator, params={"n": 1})
    url = reverse("core:job_status", args=[job.code])
    client.force_login(world.hillerod_coordinator)
    assert client.get(url).status_code == 404
    assert client.post(reverse("core:job_retry", args=[job.code])).status_code == 404
    client.force_login(world.helsingor_coordinator)
    page = client.get(url)
    assert page.status_code == 200 and "<progress" in page.content.decode()


def test_the_htmx_partial_polls_while_running_and_stops_when_done(world, client):
    me = world.helsingor_coordinator
    job = job_start(kind="core.selftest", actor=me, params={"n": 4})  # queued, no worker
    client.force_login(me)
    url = reverse("core:job_status", args=[job.code])
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and 'hx-trigger="every 1s"' in partial
    assert f'hx-get="{url}"' in partial and "I kø" in partial
    job_run(job_id=job.pk)
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in partial and 'value="100"' in partial and "Færdig" in partial
    assert "<script" not in partial


def test_a_failed_job_offers_retry_to_its_starter_only(world, immediate, client, django_user_model):
    me = world.helsingor_coordinator
    job = job_start(kind="core.selftest", actor=me, params={"n": 2, "fail_at": 1})
    client.force_login(me)
    url = reverse("core:job_status", args=[job.code])
    page = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Selvtesten stoppede ved trin 1." in page and "Prøv igen" in page
    assert "csrfmiddlewaretoken" in page and "hx-trigger" not in page
    boss = django_user_model.objects.create_superuser("boss@x.test", "pw-123456789")
    client.force_login(boss)
    assert "Prøv igen" in client.get(url).content.decode()
    Job.objects.filter(pk=job.pk).update(params={"n": 2})
    response = client.post(
        reverse("core:job_retry", args=[job.code]), headers={"HX-Request": "true"}
    )
    assert "Færdig" in response.content.decode()
    job.refresh_from_db()
    assert job.state == JobState.DONE


def _database_url() -> str:
    cfg = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{cfg['NAME']}"
    password = f":{cfg['PASSWORD']}" if cfg["PASSWORD"] else ""
    return (
        f"postgres://{cfg['USER']}{password}@{cfg['HOST'] or '127.0.0.1'}:"
        f"{cfg['PORT'] or 5432}/{cfg['NAME']}"
    )


@pytest.mark.django_db(transaction=True)
def test_a_job_runs_through_the_real_worker_process(world, settings):
    settings.JOB_STALE_MINUTES = 1
    me = world.helsingor_coordinator
    job = job_start(kind="core.selftest", actor=me, params={"n": 5})
    stale = job_start(kind="core.selftest", actor=me, params={"n": 3})
    # A worker died while running this one: the worker's start-up sweep takes it again.
    Job.objects.filter(pk=stale.pk).update(
        state=JobState.RUNNING, heartbeat_at=timezone.now() - timedelta(minutes=5), attempts=1
    )
    env = {**os.environ, "DATABASE_URL": _database_url(), "JOB_STALE_MINUTES": "1"}
    run = subprocess.run(
        [
            *(sys.executable, "-W", "ignore", "manage.py", "run_worker", "--batch"),
            *("--no-reload", "--no-startup-delay", "--interval", "0"),
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    job.refresh_from_db()
    stale.refresh_from_db()
    assert (job.state, job.progress, job.result) == ("done", 100, {"counted": 5, "sum": 15})
    assert job.progress_message == "Har talt til 5 af 5"
    assert (stale.state, stale.attempts, stale.result) == ("done", 2, {"counted": 3, "sum": 6})


def test_the_starter_finds_the_job_from_the_overview(world, immediate, client):
    job = job_start(kind="core.selftest", actor=world.helsingor_leader, params={"n": 2})
    client.force_login(world.helsingor_leader)
    page = client.get("/").content.decode()
    assert "Dine baggrundsjob" in page and reverse("core:job_status", args=[job.code]) in page
    assert "Færdig (100 %)" in page
    client.force_login(world.helsingor_coordinator)  # not theirs
    assert "Dine baggrundsjob" not in client.get("/").content.decode()
