# SPDX-License-Identifier: MPL-2.0
"""Demo data for programmes: the template from the seed article, one cohort of
16 midway through its plan and one finished cohort with exam grades.

Idempotent: a cohort's content is built only when the cohort is created.
"""

from __future__ import annotations

import random
from datetime import time, timedelta
from decimal import Decimal
from typing import IO

from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from procesvaerk.accounts.demo import DEMO_PASSWORD
from procesvaerk.accounts.models import Membership, User
from procesvaerk.core.models import Municipality, Unit, Visibility
from procesvaerk.core.roles import Role
from procesvaerk.core.uploads import upload_store
from procesvaerk.programmes import learning_services as learning
from procesvaerk.programmes import services
from procesvaerk.programmes.models import (
    ActivityKind as K,
)
from procesvaerk.programmes.models import (
    Cohort,
    Programme,
    Submission,
)
from procesvaerk.tasks import services as task_services

TEMPLATE_NAME = "Proceskonsulentuddannelsen"
GOALS = [
    "At koble organisationens strategiske mål om kerneopgave og hverdagsinnovation med "
    "konkret intervention på leder- og arbejdspladsniveau",
    "At facilitere og understøtte design og ledelse af innovative processer",
    "At håndtere forandringsreaktioner",
    "At etablere dialog og læringsrum",
    "At anvende metoder til at skabe ejerskab og motivation",
]
# kind, title, days after start, start time, hours
PLAN = [
    (K.KICKOFF, "Kick-off med ledere fra trænings-arbejdspladserne", 0, time(9), 3),
    (K.SCOPING, "For-proces: procesopgaverne skærpes med lederne", 7, time(9), 3),
    (K.WORKSHOP, "Workshop 1: proceskonsulentens roller og positioner", 14, time(9), 7),
    (K.LEARNING_GROUP, "Netværks- og læringsgruppe 1", 24, time(13), 3),
    (K.ACTION, "Aktion 1: første intervention på arbejdspladsen", 28, time(9), 2),
    (K.WORKSHOP, "Workshop 2: procesdesign og facilitering in the moment", 42, time(9), 7),
    (K.LEARNING_CAFE, "Læringscafé 1: supervision på procesarbejdet", 56, time(13), 3),
    (K.CAMP, "Camp/internat: procesdesign under pres", 70, time(9), 32),
    (K.ACTION, "Aktion 2: facilitering af en strategisk proces", 84, time(9), 2),
    (K.LEARNING_CAFE, "Læringscafé 2: forandringsreaktioner og ejerskab", 98, time(13), 3),
    (K.WORKSHOP, "Workshop 3: forankring og gevinster", 112, time(9), 7),
    (K.EVALUATION_DAY, "Netværks- og evalueringsdag", 126, time(9), 6),
    (K.EXAM, "Eksamen med ekstern censor", 140, time(9), 2),
    (K.EXPERIENCE_WORKSHOP, "Erfaringsworkshop (et halvt år efter)", 320, time(13), 3),
]
COOPERATION_SLUGS = [
    "fredensborg",
    "frederikssund",
    "gribskov",
    "halsnaes",
    "helsingor",
    "hillerod",
    "horsholm",
]
FIRST = [
    "Astrid",
    "Birgitte",
    "Claus",
    "Dorthe",
    "Emil",
    "Frida",
    "Gitte",
    "Hans",
    "Inge",
    "Jonas",
    "Karin",
    "Lasse",
    "Merete",
    "Niels",
    "Oda",
    "Palle",
]
LAST = ["Bach", "Dahl", "Friis", "Gram", "Juul", "Krogh", "Lund", "Moos"]
REFLECTIONS = [
    "Jeg sprang for hurtigt til løsninger. Næste gang bruger jeg mere tid på spørgsmålene.",
    "Lederen blev mere engageret, da vi koblede opgaven til kerneopgaven.",
    "Modstanden i gruppen var et tegn på, at noget vigtigt var på spil.",
]
# The finished cohort averages 10.1, as the seed's cohort did (91 / 9).
FINISHED_GRADES = [12, 12, 12, 12, 12, 10, 10, 7, 4]
PDF = b"%PDF-1.4\n% Procesvaerk demo\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _slug_municipalities() -> dict[str, Municipality]:
    codes = {
        "fredensborg": "210",
        "frederikssund": "250",
        "gribskov": "270",
        "halsnaes": "260",
        "helsingor": "217",
        "hillerod": "219",
        "horsholm": "223",
    }
    by_code = {
        m.kommunekode: m for m in Municipality.objects.filter(kommunekode__in=codes.values())
    }
    return {slug: by_code[code] for slug, code in codes.items()}


def _people(prefix: str, count: int, munis: dict[str, Municipality], password: str):
    people = []
    for index in range(count):
        slug = COOPERATION_SLUGS[index % len(COOPERATION_SLUGS)]
        user, _ = User.objects.get_or_create(
            email=f"{prefix}.{index + 1}@{slug}.demo",
            defaults={
                "full_name": f"{FIRST[index % 16]} {LAST[(index + len(prefix)) % 8]}",
                "password": password,
            },
        )
        Membership.objects.get_or_create(user=user, municipality=munis[slug], role=Role.VIEWER)
        people.append((user, munis[slug]))
    return people


def _template(helsingor: Municipality) -> Programme:
    programme, created = Programme.objects.get_or_create(
        municipality=helsingor,
        name=TEMPLATE_NAME,
        defaults={
            "visibility": Visibility.COOPERATION,
            "description": (
                "Aktionslæring: deltagerne træner på rigtige procesopgaver fra trænings-"
                "arbejdspladser mellem modulerne og bliver bagefter en del af "
                "proceskonsulentkorpset."
            ),
        },
    )
    if created:
        for order, text in enumerate(GOALS):
            programme.goals.create(order=order, text=text)
        for order, (kind, title, offset, start, hours) in enumerate(PLAN):
            programme.plan.create(
                order=order,
                kind=kind,
                title=title,
                offset_days=offset,
                start_time=start,
                duration_hours=Decimal(hours),
            )
    return programme


def _cohort(name, programme, coordinator, helsingor, start, people, supervisors):
    cohort, created = Cohort.objects.get_or_create(
        municipality=helsingor,
        name=name,
        defaults={"programme": programme, "start_date": start},
    )
    if not created:
        return cohort, False
    cohort.delete()  # rebuilt through the service so activities come from the template
    cohort = services.cohort_create(
        actor=coordinator, programme=programme, municipality=helsingor, name=name, start_date=start
    )
    cohort.instructors.add(*supervisors)
    for user, municipality in people:
        services.participant_add(
            actor=coordinator, cohort=cohort, user=user, municipality=municipality
        )
    units = Unit.objects.filter(
        municipality__kommunekode__in=["217", "219", "270"], leader__isnull=False
    ).order_by("name")[:3]
    workplaces = [services.workplace_add(actor=coordinator, cohort=cohort, unit=u) for u in units]
    for workplace in workplaces:
        _agree_at_for_process(workplace)
    groups = services.groups_compose(actor=coordinator, cohort=cohort, size=4)
    for group, supervisor in zip(groups, supervisors * 4, strict=False):
        services.group_set_supervisor(actor=coordinator, group=group, supervisor=supervisor)
    for index, participant in enumerate(cohort.participants.all()):
        participant.workplace = workplaces[index % len(workplaces)]
        participant.save(update_fields=["workplace"])
    return cohort, True


def _agree_at_for_process(workplace) -> None:
    """The workplace's task is scoped and agreed with its leader, as at the for-process."""
    task = workplace.task
    coordinator = (
        User.objects.filter(
            memberships__municipality=task.municipality, memberships__role=Role.COORDINATOR
        )
        .order_by("pk")
        .first()
    )
    if coordinator is None:
        return
    task_services.task_transition(actor=coordinator, task=task, to_status="scoping")
    agreement = task_services.agreement_save(
        actor=coordinator,
        task=task,
        purpose="Deltagerne træner procesarbejde på en rigtig opgave i arbejdspladsen.",
        scope="Én arbejdsgang, som lederen vælger; kortlægning, workshop og opfølgning.",
        success_criteria="Lederen og medarbejderne står bag en ny arbejdsgang.",
        roles="Lederen ejer opgaven; deltagerne faciliterer; underviseren superviserer.",
        timeline="Fra for-processen til eksamen.",
    )
    task_services.agreement_sign_off(
        actor=task.leader, task=task, version=task_services.agreement_version(agreement)
    )
    task_services.task_transition(
        actor=coordinator, task=task, to_status="agreed", comment="Aftalt ved for-processen."
    )


def _history(cohort: Cohort, coordinator: User, now, rng: random.Random) -> None:
    """Attendance, actions, reflections, café notes and evaluations up to ``now``."""
    participants = list(cohort.participants.select_related("user", "group"))
    for activity in cohort.activities.filter(ends_at__lt=now):
        services.attendance_record(
            actor=coordinator,
            activity=activity,
            statuses={
                p.pk: rng.choices(["present", "absent", "excused"], [0.85, 0.05, 0.1])[0]
                for p in participants
            },
        )
        for p in participants[: max(3, len(participants) * 3 // 4)]:
            learning.survey_submit(
                actor=p.user,
                participant=p,
                activity=activity,
                answers={
                    "relevance": rng.randint(3, 5),
                    "learning": rng.randint(3, 5),
                    "facilitation": rng.randint(2, 5),
                    "comment": "",
                },
            )
        if activity.kind == K.ACTION:
            for p in participants:
                action = learning.action_create(
                    actor=p.user,
                    participant=p,
                    activity=activity,
                    title=activity.title,
                    plan="Facilitere et møde om arbejdsgangen med medarbejderne.",
                )
                if rng.random() < 0.7:
                    learning.action_complete(
                        actor=p.user,
                        action=action,
                        done_on=activity.starts_at.date(),
                        what_happened="Mødet gav et fælles billede af flaskehalsene.",
                        learned="At tjekke rammen med lederen før mødet.",
                    )
        if activity.kind == K.LEARNING_CAFE:
            for p in participants:
                if p.group and p.group.supervisor:
                    learning.supervision_note_create(
                        actor=p.group.supervisor,
                        participant=p,
                        activity=activity,
                        text="Arbejder godt med rammesætning; næste skridt er at lade gruppen "
                        "eje løsningen.",
                    )
    for index, p in enumerate(participants):
        learning.reflection_create(
            actor=p.user,
            participant=p,
            text=REFLECTIONS[index % len(REFLECTIONS)],
            shared=index % 2 == 0,
        )


@transaction.atomic
def load(out: IO[str]) -> None:
    rng = random.Random(2026)  # same demo every time
    password = make_password(DEMO_PASSWORD)
    munis = _slug_municipalities()
    helsingor = munis["helsingor"]
    coordinator = User.objects.get(email="koordinator@helsingor.demo")
    supervisors = [coordinator]
    for index in range(1, 4):
        user, _ = User.objects.get_or_create(
            email=f"underviser.{index}@helsingor.demo",
            defaults={
                "full_name": f"Underviser {FIRST[index]} {LAST[index]}",
                "password": password,
            },
        )
        Membership.objects.get_or_create(user=user, municipality=helsingor, role=Role.INSTRUCTOR)
        supervisors.append(user)
    programme = _template(helsingor)
    today = timezone.localdate()

    consultant = User.objects.get(email="konsulent@hillerod.demo")
    midway_people = [(consultant, munis["hillerod"]), *_people("deltager", 15, munis, password)]
    midway, created = _cohort(
        "Hold 2026 Nordsjælland",
        programme,
        coordinator,
        helsingor,
        today - timedelta(days=63),
        midway_people,
        supervisors,
    )
    if created:
        _history(midway, coordinator, timezone.now(), rng)
        out.write(f"  cohort {midway.name}: 16 participants, midway\n")

    finished, created = _cohort(
        "Hold 2025 Nordsjælland",
        programme,
        coordinator,
        helsingor,
        today - timedelta(days=400),
        _people("dimittend", 12, munis, password),
        supervisors,
    )
    if created:
        _history(finished, coordinator, timezone.now() - timedelta(days=200), rng)
        censor = User.objects.get(email="censor@eksamen.demo")
        graded = list(finished.participants.select_related("user"))[: len(FINISHED_GRADES)]
        for participant, grade in zip(graded, FINISHED_GRADES, strict=True):
            stored = upload_store(
                actor=participant.user,
                kind="document",
                upload=SimpleUploadedFile("opgave.pdf", PDF),
            )
            submission = Submission(
                participant=participant,
                upload=stored,
                original_name="opgave.pdf",
                links="",
                examiner=supervisors[1],
                censor=censor,
                grade=grade,
                graded_at=timezone.now(),
            )
            submission.save()
        services.cohort_complete(
            actor=coordinator,
            cohort=finished,
            corps_from=today - timedelta(days=150),
            corps_to=today + timedelta(days=215),
        )
        out.write(f"  cohort {finished.name}: finished, exam average 10.1\n")
