# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

import pytest

from procesvaerk.accounts.models import User
from procesvaerk.accounts.roles import Role
from procesvaerk.programmes import services
from procesvaerk.programmes.models import ActivityKind, Cohort, Participant, Programme
from tests.conftest import World, make_user

PLAN = [
    (ActivityKind.KICKOFF, "Kick-off", 0, 3),
    (ActivityKind.SCOPING, "For-proces", 7, 3),
    (ActivityKind.WORKSHOP, "Workshop 1", 14, 7),
    (ActivityKind.LEARNING_CAFE, "Læringscafé 1", 35, 3),
    (ActivityKind.EXAM, "Eksamen", 120, 2),
]


@dataclass
class CohortWorld:
    world: World
    programme: Programme
    cohort: Cohort
    anna: Participant  # Helsingør participant in group 1
    bo: Participant  # Hillerød participant in group 1
    instructor: User  # a second instructor, not the supervisor
    supervisor: User


@pytest.fixture
def cw(world: World) -> CohortWorld:
    programme = Programme.objects.create(
        municipality=world.helsingor, name="Proceskonsulentuddannelsen", visibility="cooperation"
    )
    for order, (kind, title, offset, hours) in enumerate(PLAN):
        programme.plan.create(
            order=order,
            kind=kind,
            title=title,
            offset_days=offset,
            start_time=time(9),
            duration_hours=Decimal(hours),
        )
    actor = world.helsingor_coordinator
    cohort = services.cohort_create(
        actor=actor,
        programme=programme,
        municipality=world.helsingor,
        name="Hold 2026",
        start_date=date(2026, 9, 1),
    )
    anna_user = make_user("anna@helsingor.test", "Anna Andersen", (world.helsingor, Role.VIEWER))
    bo_user = make_user("bo@hillerod.test", "Bo Berg", (world.hillerod, Role.CONSULTANT))
    supervisor = make_user(
        "sup@helsingor.test", "Sara Supervisor", (world.helsingor, Role.INSTRUCTOR)
    )
    instructor = make_user(
        "ins@helsingor.test", "Ivan Instruktør", (world.helsingor, Role.INSTRUCTOR)
    )
    anna = services.participant_add(
        actor=actor, cohort=cohort, user=anna_user, municipality=world.helsingor
    )
    bo = services.participant_add(
        actor=actor, cohort=cohort, user=bo_user, municipality=world.hillerod
    )
    (group,) = services.groups_compose(actor=actor, cohort=cohort, size=2)
    services.group_set_supervisor(actor=actor, group=group, supervisor=supervisor)
    anna.refresh_from_db()
    bo.refresh_from_db()
    return CohortWorld(world, programme, cohort, anna, bo, instructor, supervisor)


def exam_held(cw: CohortWorld) -> None:
    """Move the cohort's exam to yesterday, so grading is open."""
    from datetime import timedelta

    from django.utils import timezone

    from procesvaerk.programmes.models import Activity

    begins = timezone.now() - timedelta(days=1)
    Activity.objects.filter(cohort=cw.cohort, kind=ActivityKind.EXAM).update(
        starts_at=begins, ends_at=begins + timedelta(hours=2)
    )


def exam_ahead(cw: CohortWorld) -> None:
    """Move the cohort's exam to a week from now, whatever today's date (the fixture's
    plan has fixed dates), so tests of "not yet" do not expire with the calendar."""
    from datetime import timedelta

    from django.utils import timezone

    from procesvaerk.programmes.models import Activity

    begins = timezone.now() + timedelta(days=7)
    Activity.objects.filter(cohort=cw.cohort, kind=ActivityKind.EXAM).update(
        starts_at=begins, ends_at=begins + timedelta(hours=2)
    )
