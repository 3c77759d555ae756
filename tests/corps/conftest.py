# SPDX-License-Identifier: MPL-2.0
"""Corps fixtures on top of the shared personas: profiles and tasks at each step."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from procesvaerk.accounts.roles import Role
from procesvaerk.corps import services
from procesvaerk.corps.models import ConsultantProfile
from procesvaerk.tasks import services as task_services
from procesvaerk.tasks.models import ProcessTask
from tests.conftest import World, make_user

TODAY = timezone.localdate()


def make_profile(world: World, user, municipality, *, cross: bool = True, unit=None, **extra):
    return services.profile_save(
        actor=user,
        user=user,
        municipality=municipality,
        unit=unit,
        competences=extra.pop("competences", ["facilitation", "process_analysis"]),
        tags=extra.pop("tags", "LEAN, tavlemøder"),
        methods=extra.pop("methods", "Procesworkshop"),
        capacity_hours=extra.pop("capacity_hours", 20),
        corps_from=extra.pop("corps_from", TODAY - timedelta(days=90)),
        corps_to=extra.pop("corps_to", TODAY + timedelta(days=365)),
        cross_municipality=cross,
    )


def request_task(world: World, **extra) -> ProcessTask:
    values = {
        "unit": world.helsingor_unit,
        "title": "Bedre overlevering i hjemmeplejen",
        "background": "Overleveringen mellem vagter tager lang tid.",
        "desired_outcome": "En kortere og sikrere overlevering.",
        "task_types": ["facilitation", "mapping"],
        "period_start": TODAY - timedelta(days=30),
        "period_end": TODAY + timedelta(days=60),
        "size": "medium",
        "kle_code": "27.24.10",
    }
    values.update(extra)
    return task_services.task_request(actor=world.helsingor_leader, **values)


def agree(world: World, task: ProcessTask) -> ProcessTask:
    coordinator = world.helsingor_coordinator
    task_services.task_transition(actor=coordinator, task=task, to_status="scoping")
    agreement = task_services.agreement_save(
        actor=coordinator,
        task=task,
        purpose="Kortere overlevering",
        scope="Dag- og aftenvagt",
        success_criteria="Overlevering under 15 minutter",
        roles="Leder ejer, konsulent faciliterer",
        timeline="Tre workshops i foråret",
    )
    task_services.agreement_sign_off(
        actor=world.helsingor_leader, task=task, version=task_services.agreement_version(agreement)
    )
    return task_services.task_transition(actor=coordinator, task=task, to_status="agreed")


@pytest.fixture
def corps(world: World):
    """World plus: a Helsingør consultant, Kim (Hillerød) shared with the
    cooperation, and a Holbæk consultant."""
    world.helsingor_consultant = make_user(
        "konsulent@helsingor.test", "Hanne Hjælper", (world.helsingor, Role.CONSULTANT)
    )
    world.holbaek_consultant = make_user(
        "konsulent@holbaek.test", "Bo Byggesag", (world.holbaek, Role.CONSULTANT)
    )
    make_profile(world, world.helsingor_consultant, world.helsingor, cross=False)
    make_profile(world, world.hillerod_consultant, world.hillerod, cross=True)
    make_profile(world, world.holbaek_consultant, world.holbaek, cross=True)
    return world


@pytest.fixture
def agreed_task(corps) -> ProcessTask:
    return agree(corps, request_task(corps))


@pytest.fixture
def running_task(corps, agreed_task) -> ProcessTask:
    """Agreed, with Kim from Hillerød accepted and the task in progress."""
    engagement = services.engagement_assign(
        actor=corps.helsingor_coordinator,
        task=agreed_task,
        consultant=corps.hillerod_consultant,
        planned_hours=Decimal("30"),
    )
    services.engagement_respond(actor=corps.hillerod_consultant, engagement=engagement, accept=True)
    return task_services.task_transition(
        actor=corps.helsingor_coordinator, task=agreed_task, to_status="in_progress"
    )


__all__ = ["ConsultantProfile", "agree", "date", "make_profile", "request_task"]
