# SPDX-License-Identifier: MPL-2.0
"""GET /api/v1/jobs/{code}: only when ``core.models.Job`` exists (the jobs work brings it)."""

from __future__ import annotations

import uuid

import pytest

from procesvaerk.core import models

Job = getattr(models, "Job", None)
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(Job is None, reason="core.models.Job is not on this branch yet"),
]


def _job(user, **extra):
    values = {"kind": "test", "state": "running", "progress": 40, "started_by": user}
    values.update(extra)
    return Job.objects.create(**values)


def test_the_starter_reads_state_and_progress(world, bearer):
    job = _job(world.helsingor_coordinator, progress_message="Halvvejs")
    response = bearer(world.helsingor_coordinator).get(f"/jobs/{job.code}")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["code"] == str(job.code)
    assert data["state"] == str(job.state) and data["progress"] == job.progress
    assert data["message"] == "Halvvejs"
    assert set(data) == {"code", "kind", "state", "progress", "message", "result", "error"}


def test_others_get_404_superuser_reads(world, bearer):
    job = _job(world.helsingor_coordinator)
    assert bearer(world.hillerod_coordinator).get(f"/jobs/{job.code}").status_code == 404
    assert bearer(world.outsider).get(f"/jobs/{uuid.uuid4()}").status_code == 404
    world.censor.is_superuser = True
    world.censor.save()
    assert bearer(world.censor).get(f"/jobs/{job.code}").status_code == 200
