# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.urls import reverse


def test_coordinator_adds_instructor_from_the_cooperation(client, cw):
    client.force_login(cw.world.helsingor_coordinator)
    url = reverse("programmes:instructor_add", args=[cw.cohort.code])
    client.post(url, {"instructor": str(cw.instructor.code)})
    assert list(cw.cohort.instructors.all()) == [cw.instructor]
    # Someone without the instructor role is not offered and not accepted.
    client.post(url, {"instructor": str(cw.world.holbaek_coordinator.code)})
    assert cw.cohort.instructors.count() == 1
