# SPDX-License-Identifier: MPL-2.0
"""Demo data for the corps: 8 consultants in each municipality of the
cooperation, tasks in every status with agreements, engagements, hours,
evaluations and two published cases. Idempotent: natural keys, get-or-create."""

from __future__ import annotations

import itertools
from datetime import timedelta
from decimal import Decimal
from typing import IO

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from procesvaerk.accounts.demo import DEMO_PASSWORD, FIRST_NAMES, LAST_NAMES, MUNICIPALITIES
from procesvaerk.accounts.models import Membership, User
from procesvaerk.accounts.roles import Role
from procesvaerk.core.models import Municipality, Unit, Visibility
from procesvaerk.corps.models import (
    Case,
    ConsultantProfile,
    Engagement,
    EngagementStatus,
    Evaluation,
    Retrospective,
    TimeEntry,
)
from procesvaerk.tasks.models import ProcessTask, TaskAgreement, TaskStatus, TaskTransition
from procesvaerk.tasks.workflow import TRANSITIONS

CONSULTANTS_PER_MUNICIPALITY = 8
COMPETENCE_SETS = [
    ["facilitation", "process_analysis"],
    ["facilitation", "change_management", "communication"],
    ["process_mining", "process_analysis"],
    ["business_case", "benefits_realisation"],
    ["facilitation", "citizen_involvement"],
    ["evaluation", "facilitation"],
    ["change_management", "benefits_realisation"],
    ["process_analysis", "communication"],
]
# title, task types, size, status, delivered case (title, summary, methods, outcome)
TASKS = [
    ("Ny visitationsproces for hjælpemidler", "mapping", "medium", TaskStatus.REQUESTED),
    ("Workshop om fælles kerneopgave", "facilitation", "small", TaskStatus.SCOPING),
    ("Gevinstplan for digital post", "benefits", "medium", TaskStatus.AGREED),
    ("Kortere overlevering mellem vagter", "facilitation,mapping", "large", TaskStatus.IN_PROGRESS),
    ("Forandringsstøtte ved ny ledelsesstruktur", "change", "medium", TaskStatus.DELIVERED),
    ("Hurtigere byggesagsbehandling", "mapping,benefits", "large", TaskStatus.EVALUATED),
    ("Evaluering af tavlemøder", "evaluation", "small", TaskStatus.REJECTED),
    ("Borgerinddragelse i trafikplan", "facilitation", "small", TaskStatus.CANCELLED),
]
PATH = {
    TaskStatus.REQUESTED: [],
    TaskStatus.SCOPING: [TaskStatus.SCOPING],
    TaskStatus.AGREED: [TaskStatus.SCOPING, TaskStatus.AGREED],
    TaskStatus.IN_PROGRESS: [TaskStatus.SCOPING, TaskStatus.AGREED, TaskStatus.IN_PROGRESS],
    TaskStatus.DELIVERED: [
        TaskStatus.SCOPING,
        TaskStatus.AGREED,
        TaskStatus.IN_PROGRESS,
        TaskStatus.DELIVERED,
    ],
    TaskStatus.EVALUATED: [
        TaskStatus.SCOPING,
        TaskStatus.AGREED,
        TaskStatus.IN_PROGRESS,
        TaskStatus.DELIVERED,
        TaskStatus.EVALUATED,
    ],
    TaskStatus.REJECTED: [TaskStatus.SCOPING, TaskStatus.REJECTED],
    TaskStatus.CANCELLED: [TaskStatus.CANCELLED],
}
CASES = {
    "helsingor": (
        "Byggesager på halv tid med fælles tavle",
        "En byggesagsafdeling kortlagde sin arbejdsgang fra ansøgning til afgørelse og "
        "fandt ventetid mellem faglige vurderinger. Med en fælles tavle og faste "
        "afklaringsmøder blev sagerne behandlet hurtigere.",
        "Procesworkshop, kortlægning af arbejdsgange, tavlemøder",
        "Gennemsnitlig sagsbehandlingstid faldt fra 48 til 25 dage.",
    ),
    "hillerod": (
        "Færre genhenvendelser i borgerservice",
        "Borgerservice kortlagde de hyppigste henvendelser og lavede nye "
        "selvbetjeningsvejledninger sammen med borgere.",
        "Borgerinddragelse, procesminering, prototyper",
        "Genhenvendelserne faldt med en tredjedel på tre måneder.",
    ),
}


def _consultants(
    municipality: Municipality, slug: str, leaves: list[Unit], password_hash: str, names
) -> list[User]:
    today = timezone.localdate()
    people = []
    kim = User.objects.filter(email=f"konsulent@{slug}.demo").first()
    if kim is not None:
        people.append(kim)
    index = 0
    while len(people) < CONSULTANTS_PER_MUNICIPALITY:
        first, last = next(names)
        email = f"korps.{index}@{slug}.demo"
        user, _ = User.objects.get_or_create(
            email=email, defaults={"full_name": f"{first} {last}", "password": password_hash}
        )
        people.append(user)
        index += 1
    for position, user in enumerate(people):
        Membership.objects.get_or_create(user=user, municipality=municipality, role=Role.CONSULTANT)
        cross = position % 2 == 0
        ConsultantProfile.objects.get_or_create(
            user=user,
            defaults={
                "municipality": municipality,
                "unit": leaves[1 + position % (len(leaves) - 1)],
                "competences": ",".join(COMPETENCE_SETS[position % len(COMPETENCE_SETS)]),
                "tags": "LEAN, tavlemøder" if position % 3 == 0 else "design thinking",
                "methods": "Procesworkshop, interessentanalyse, 5 x hvorfor",
                "capacity_hours": 8 + 4 * (position % 4),
                "corps_from": today - timedelta(days=180),
                "corps_to": today + timedelta(days=365 + 30 * position),
                "cross_municipality": cross,
                "visibility": Visibility.COOPERATION if cross else Visibility.PRIVATE,
            },
        )
    return people


def _task(
    municipality: Municipality,
    unit: Unit,
    coordinator: User | None,
    spec: tuple[str, str, str, str],
    number: int,
) -> ProcessTask:
    title, types, size, status = spec
    today = timezone.localdate()
    start = today - timedelta(days=120 - 20 * number)
    task, created = ProcessTask.objects.get_or_create(
        municipality=municipality,
        title=title,
        defaults={
            "unit": unit,
            "requester": unit.leader,
            "leader": unit.leader,
            "background": f"{unit.name} har bedt om hjælp: {title.lower()}.",
            "desired_outcome": "En enklere arbejdsgang, som medarbejderne står bag.",
            "core_task": unit.core_task,
            "task_types": types,
            "kle_code": "02.00.00" if "bygge" in title.lower() else "",
            "period_start": start,
            "period_end": start + timedelta(days=90),
            "size": size,
            "status": status,
        },
    )
    if not created:
        return task
    steps = [TaskStatus.REQUESTED, *PATH[TaskStatus(status)]]
    for before, after in itertools.pairwise(["", *steps]):
        assert before == "" or after in TRANSITIONS[before]
        comment = "Omprioriteret i direktionen" if after == TaskStatus.CANCELLED else ""
        if after == TaskStatus.REJECTED:
            comment = "Passer bedre til HR's egne konsulenter"
        by_leader = after in (TaskStatus.REQUESTED, TaskStatus.EVALUATED)
        actor = unit.leader if by_leader else coordinator
        TaskTransition.objects.create(
            task=task, from_status=before, to_status=after, actor=actor, comment=comment
        )
    if TaskStatus.SCOPING in steps and status not in (TaskStatus.REJECTED,):
        signed = TaskStatus.AGREED in steps
        TaskAgreement.objects.create(
            task=task,
            purpose="At give enheden en fælles og enklere arbejdsgang.",
            scope="Den nuværende arbejdsgang fra henvendelse til afslutning.",
            success_criteria="Medarbejderne oplever færre genveje og kortere ventetid.",
            roles="Lederen ejer opgaven; konsulenterne faciliterer; to medarbejdere deltager.",
            timeline="To workshops og en opfølgning over tre måneder.",
            signed_off_by=unit.leader if signed else None,
            signed_off_at=timezone.now() if signed else None,
        )
    return task


def _engage(task: ProcessTask, consultants: list[User], password_hash: str) -> None:
    if task.status not in (
        TaskStatus.AGREED,
        TaskStatus.IN_PROGRESS,
        TaskStatus.DELIVERED,
        TaskStatus.EVALUATED,
    ):
        return
    today = timezone.localdate()
    for consultant in consultants:
        profile = consultant.consultant_profile
        engagement, created = Engagement.objects.get_or_create(
            task=task,
            consultant=consultant,
            defaults={
                "home_municipality_id": profile.municipality_id,
                "planned_hours": Decimal(task.estimated_hours) / len(consultants),
                "status": EngagementStatus.ACCEPTED
                if task.status != TaskStatus.AGREED
                else EngagementStatus.PROPOSED,
            },
        )
        if not created or task.status == TaskStatus.AGREED:
            continue
        for week in range(4):
            day = min(task.period_start + timedelta(days=7 * week + 3), today)
            TimeEntry.objects.create(
                engagement=engagement,
                date=day,
                hours=Decimal("3.5"),
                note="Workshop og forberedelse",
                from_municipality_id=profile.municipality_id,
                to_municipality_id=task.municipality_id,
            )
        if task.status in (TaskStatus.DELIVERED, TaskStatus.EVALUATED):
            Retrospective.objects.get_or_create(
                task=task,
                author=consultant,
                defaults={
                    "start": "Aftale opfølgning med lederen fra starten.",
                    "stop": "Lange mails før workshops.",
                    "keep": "Tavlen og de korte tjek-ind.",
                },
            )


@transaction.atomic
def load(out: IO[str]) -> None:
    password_hash = make_password(DEMO_PASSWORD)  # hashed once
    names = itertools.cycle(itertools.product(reversed(FIRST_NAMES), LAST_NAMES))
    pools: dict[str, list[User]] = {}
    places: dict[str, tuple[str, Municipality, Unit | None, User | None]] = {}
    for name, code, slug, member in MUNICIPALITIES:
        if not member:
            continue
        municipality = Municipality.objects.get(kommunekode=code)
        leaves = list(
            Unit.objects.filter(municipality=municipality, children__isnull=True).order_by("pk")
        )
        pools[slug] = _consultants(municipality, slug, leaves, password_hash, names)
        led = next((u for u in leaves if u.leader_id), None)
        coordinator = User.objects.filter(
            memberships__municipality=municipality, memberships__role=Role.COORDINATOR
        ).first()
        places[slug] = (name, municipality, led, coordinator)
    for slug, (name, municipality, led, coordinator) in places.items():
        if led is None:
            continue
        specs = TASKS if slug in ("helsingor", "hillerod") else TASKS[3:6]
        for number, spec in enumerate(specs):
            task = _task(municipality, led, coordinator, spec, number)
            # One local consultant, and on bigger tasks one from the neighbour.
            team = [pools[slug][number % CONSULTANTS_PER_MUNICIPALITY]]
            if slug == "helsingor" and "hillerod" in pools:
                team.append(pools["hillerod"][0])
            team = [c for c in team if c.consultant_profile.unit_id != task.unit_id]
            _engage(task, team, password_hash)
            if task.status == TaskStatus.EVALUATED:
                Evaluation.objects.get_or_create(
                    task=task,
                    defaults={
                        "leader": task.leader,
                        "purpose_met": 5,
                        "process_quality": 4,
                        "consultant_quality": 5,
                        "recommend": 5,
                        "comment": "Konsulenterne fik alle med.",
                    },
                )
                if slug in CASES:
                    title, summary, methods, outcome = CASES[slug]
                    now = timezone.now()
                    Case.objects.get_or_create(
                        task=task,
                        defaults={
                            "municipality": municipality,
                            "visibility": Visibility.COOPERATION,
                            "title": title,
                            "summary": summary,
                            "methods_used": methods,
                            "outcome": outcome,
                            "leader_agreed_at": now,
                            "published_at": now,
                        },
                    )
        out.write(f"  korps {name}: {len(pools[slug])} konsulenter\n")
