# SPDX-License-Identifier: MPL-2.0
"""GET /api/v1/jobs/{code}: a real job run by the job runner, read through the API."""

from __future__ import annotations

import uuid

import pytest

from procesvaerk.core.jobs.services import job_start

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_the_starter_reads_the_finished_job(world, bearer, settings):
    settings.TASKS = IMMEDIATE
    job = job_start(kind="core.selftest", actor=world.helsingor_coordinator, params={"n": 3})
    response = bearer(world.helsingor_coordinator).get(f"/jobs/{job.code}")
    assert response.status_code == 200, response.content
    data = response.json()
    assert set(data) == {"code", "kind", "state", "progress", "message", "result", "error"}
    assert data["code"] == str(job.code) and data["kind"] == "core.selftest"
    assert data["state"] == "done" and data["progress"] == 100
    assert data["result"] == {"counted": 3, "sum": 6}
    job.refresh_from_db()
    assert data["result"] == job.result


def test_a_queued_job_shows_its_state(world, bearer):
    # The default backend queues in the database and no worker runs in this test.
    job = job_start(kind="core.selftest", actor=world.helsingor_coordinator, params={"n": 2})
    data = bearer(world.helsingor_coordinator).get(f"/jobs/{job.code}").json()
    assert data["state"] == "queued" and data["progress"] == 0


def test_others_get_404_and_a_superuser_reads(world, bearer):
    job = job_start(kind="core.selftest", actor=world.helsingor_coordinator, params={"n": 1})
    response = bearer(world.hillerod_coordinator).get(f"/jobs/{job.code}")
    assert response.status_code == 404 and "detail" in response.json()
    assert bearer(world.outsider).get(f"/jobs/{uuid.uuid4()}").status_code == 404
    world.censor.is_superuser = True
    world.censor.save()
    assert bearer(world.censor).get(f"/jobs/{job.code}").status_code == 200
