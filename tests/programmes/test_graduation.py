# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from procesvaerk.corps.models import ConsultantProfile
from procesvaerk.programmes import services
from procesvaerk.programmes.models import Submission
from procesvaerk.tasks.models import ProcessTask


def test_training_workplace_gets_a_process_task_led_by_its_leader(cw):
    workplace = services.workplace_add(
        actor=cw.world.helsingor_coordinator, cohort=cw.cohort, unit=cw.world.helsingor_unit
    )
    task = ProcessTask.objects.get(pk=workplace.task_id)
    assert task.leader == cw.world.helsingor_leader
    assert task.unit == cw.world.helsingor_unit
    assert task.status == "requested"
    with pytest.raises(ValidationError):
        services.workplace_add(
            actor=cw.world.helsingor_coordinator, cohort=cw.cohort, unit=cw.world.helsingor_unit
        )
    with pytest.raises(ValidationError):  # Holbæk is outside the cooperation
        services.workplace_add(
            actor=cw.world.helsingor_coordinator, cohort=cw.cohort, unit=cw.world.holbaek_unit
        )
    assert ProcessTask.objects.count() == 1


def test_graduation_creates_profiles_for_all_but_failed(cw, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    Submission.objects.create(participant=cw.bo, original_name="x.pdf", grade=0)
    with pytest.raises(PermissionDenied):
        services.cohort_complete(
            actor=cw.instructor,
            cohort=cw.cohort,
            corps_from=date(2027, 1, 1),
            corps_to=date(2027, 12, 31),
        )
    with pytest.raises(ValidationError):
        services.cohort_complete(
            actor=cw.world.helsingor_coordinator,
            cohort=cw.cohort,
            corps_from=date(2027, 12, 31),
            corps_to=date(2027, 1, 1),
        )
    profiles = services.cohort_complete(
        actor=cw.world.helsingor_coordinator,
        cohort=cw.cohort,
        corps_from=date(2027, 1, 1),
        corps_to=date(2027, 12, 31),
    )
    assert [p.user for p in profiles] == [cw.anna.user]
    profile = ConsultantProfile.objects.get(user=cw.anna.user)
    assert (profile.corps_from, profile.corps_to) == (date(2027, 1, 1), date(2027, 12, 31))
    assert profile.municipality == cw.world.helsingor
    assert cw.anna.user.memberships.filter(role="consultant").exists()
    assert not ConsultantProfile.objects.filter(user=cw.bo.user).exists()
    # A cohort is completed once: a second completion is refused and changes nothing.
    with pytest.raises(ValidationError, match="allerede afsluttet"):
        services.cohort_complete(
            actor=cw.world.helsingor_coordinator,
            cohort=cw.cohort,
            corps_from=date(2027, 2, 1),
            corps_to=date(2028, 1, 31),
        )
    assert ConsultantProfile.objects.get(user=cw.anna.user).corps_to == date(2027, 12, 31)
    assert ConsultantProfile.objects.count() == 1
