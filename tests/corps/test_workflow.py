# SPDX-License-Identifier: MPL-2.0
"""The task workflow: every legal move works and is recorded; every illegal
move gives a Danish message and changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from procesvaerk.core.models import Notification
from procesvaerk.corps import feedback_services, services
from procesvaerk.tasks import services as task_services
from procesvaerk.tasks import workflow
from procesvaerk.tasks.models import ProcessTask, TaskAgreement, TaskStatus, TaskTransition
from tests.corps.conftest import agree, request_task

ALL = [s for s, _label in TaskStatus.choices]
ILLEGAL = [(a, b) for a in ALL for b in ALL if b not in workflow.TRANSITIONS[a]]


def test_request_makes_the_unit_leader_the_leader_and_records_the_start(corps):
    task = request_task(corps, unit=corps.helsingor_unit)
    assert task.status == "requested"
    assert task.leader == corps.helsingor_leader
    assert task.municipality == corps.helsingor
    assert task.core_task == "Pleje i hjemmet"  # taken from the unit when left empty
    assert list(task.transitions.values_list("from_status", "to_status")) == [("", "requested")]


def test_request_rejects_a_malformed_kle_code_in_danish(corps):
    with pytest.raises(ValidationError) as error:
        request_task(corps, kle_code="27.2410")
    assert "Skriv KLE-nummeret som ##.##.##." in str(error.value)
    assert ProcessTask.objects.count() == 0


def test_request_needs_a_role_in_the_units_municipality(corps):
    with pytest.raises(PermissionDenied):
        task_services.task_request(
            actor=corps.holbaek_coordinator,
            unit=corps.helsingor_unit,
            title="x",
            background="x",
            desired_outcome="x",
            task_types=["facilitation"],
            period_start=timezone.localdate(),
            period_end=timezone.localdate(),
            size="small",
        )


def test_the_happy_path_is_recorded_as_a_timeline(corps, running_task):
    task = running_task
    coordinator = corps.helsingor_coordinator
    task_services.task_transition(
        actor=coordinator, task=task, to_status="delivered", comment="Færdig"
    )
    feedback_services.evaluation_submit(
        actor=corps.helsingor_leader,
        task=task,
        purpose_met=5,
        process_quality=4,
        consultant_quality=5,
        recommend=5,
        comment="Tak",
    )
    task.refresh_from_db()
    assert task.status == "evaluated"
    steps = list(task.transitions.values_list("from_status", "to_status"))
    assert steps == [
        ("", "requested"),
        ("requested", "scoping"),
        ("scoping", "agreed"),
        ("agreed", "in_progress"),
        ("in_progress", "delivered"),
        ("delivered", "evaluated"),
    ]
    delivered = task.transitions.get(to_status="delivered")
    assert delivered.actor == coordinator and delivered.comment == "Færdig"


@pytest.mark.parametrize("start", ["requested", "scoping"])
def test_reject_needs_a_reason(corps, start):
    task = request_task(corps)
    ProcessTask.objects.filter(pk=task.pk).update(status=start)
    task.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        task_services.task_transition(
            actor=corps.helsingor_coordinator, task=task, to_status="rejected"
        )
    assert "Giv en begrundelse" in error.value.messages[0]
    task_services.task_transition(
        actor=corps.helsingor_coordinator,
        task=task,
        to_status="rejected",
        comment="Uden for korpsets område",
    )
    task.refresh_from_db()
    assert task.status == "rejected"
    assert task.transitions.last().comment == "Uden for korpsets område"


@pytest.mark.parametrize("start", ["requested", "scoping", "agreed", "in_progress"])
def test_cancel_with_reason_from_every_open_status(corps, start):
    task = request_task(corps)
    ProcessTask.objects.filter(pk=task.pk).update(status=start)
    task.refresh_from_db()
    task_services.task_transition(
        actor=corps.helsingor_leader, task=task, to_status="cancelled", comment="Omprioriteret"
    )
    task.refresh_from_db()
    assert task.status == "cancelled"


@pytest.mark.parametrize(("start", "target"), ILLEGAL)
def test_illegal_transitions_change_nothing(corps, start, target):
    task = request_task(corps)
    ProcessTask.objects.filter(pk=task.pk).update(status=start)
    task.refresh_from_db()
    before = TaskTransition.objects.count()
    with pytest.raises(ValidationError) as error:
        task_services.task_transition(
            actor=corps.helsingor_coordinator, task=task, to_status=target, comment="x"
        )
    assert "En opgave kan ikke gå fra" in error.value.messages[0]
    task.refresh_from_db()
    assert task.status == start
    assert TaskTransition.objects.count() == before


def test_agreed_needs_a_signed_agreement(corps):
    task = request_task(corps)
    coordinator = corps.helsingor_coordinator
    task_services.task_transition(actor=coordinator, task=task, to_status="scoping")
    with pytest.raises(ValidationError) as error:
        task_services.task_transition(actor=coordinator, task=task, to_status="agreed")
    assert "aftale" in error.value.messages[0]
    agreement = task_services.agreement_save(
        actor=coordinator,
        task=task,
        purpose="a",
        scope="b",
        success_criteria="c",
        roles="d",
        timeline="e",
    )
    with pytest.raises(ValidationError):  # not signed off yet
        task_services.task_transition(actor=coordinator, task=task, to_status="agreed")
    with pytest.raises(PermissionDenied):  # only the leader signs off
        task_services.agreement_sign_off(
            actor=coordinator, task=task, version=task_services.agreement_version(agreement)
        )
    task_services.agreement_sign_off(
        actor=corps.helsingor_leader, task=task, version=task_services.agreement_version(agreement)
    )
    task_services.task_transition(actor=coordinator, task=task, to_status="agreed")
    task.refresh_from_db()
    assert task.status == "agreed"


def test_changing_the_agreement_withdraws_the_sign_off(corps):
    task = request_task(corps)
    coordinator = corps.helsingor_coordinator
    task_services.task_transition(actor=coordinator, task=task, to_status="scoping")
    fields = dict(purpose="a", scope="b", success_criteria="c", roles="d", timeline="e")
    agreement = task_services.agreement_save(actor=coordinator, task=task, **fields)
    task_services.agreement_sign_off(
        actor=corps.helsingor_leader, task=task, version=task_services.agreement_version(agreement)
    )
    agreement = task_services.agreement_save(
        actor=coordinator, task=task, **{**fields, "scope": "bredere"}
    )
    assert TaskAgreement.objects.get(task=task).signed_off_at is None


def test_in_progress_needs_an_accepted_consultant(corps, agreed_task):
    with pytest.raises(ValidationError) as error:
        task_services.task_transition(
            actor=corps.helsingor_coordinator, task=agreed_task, to_status="in_progress"
        )
    assert "mindst én konsulent" in error.value.messages[0]


def test_evaluated_only_through_the_leaders_evaluation(corps, running_task):
    coordinator = corps.helsingor_coordinator
    task_services.task_transition(actor=coordinator, task=running_task, to_status="delivered")
    with pytest.raises(ValidationError):
        task_services.task_transition(actor=coordinator, task=running_task, to_status="evaluated")
    with pytest.raises(PermissionDenied):
        feedback_services.evaluation_submit(
            actor=coordinator,
            task=running_task,
            purpose_met=3,
            process_quality=3,
            consultant_quality=3,
            recommend=3,
        )
    with pytest.raises(ValidationError):
        feedback_services.evaluation_submit(
            actor=corps.helsingor_leader,
            task=running_task,
            purpose_met=6,
            process_quality=3,
            consultant_quality=3,
            recommend=3,
        )
    running_task.refresh_from_db()
    assert running_task.status == "delivered"


def test_only_a_coordinator_of_the_owner_moves_a_task(corps):
    task = request_task(corps)
    for actor in (corps.hillerod_coordinator, corps.holbaek_coordinator, corps.helsingor_leader):
        with pytest.raises(PermissionDenied):
            task_services.task_transition(actor=actor, task=task, to_status="scoping")
    task.refresh_from_db()
    assert task.status == "requested"


def test_notifications_on_assignment_acceptance_status_and_evaluation_request(
    corps, agreed_task, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    kim = corps.hillerod_consultant
    with django_capture_on_commit_callbacks(execute=True):
        engagement = services.engagement_assign(
            actor=corps.helsingor_coordinator,
            task=agreed_task,
            consultant=kim,
            planned_hours=Decimal("10"),
        )
    assert Notification.objects.filter(recipient=kim, kind="corps.invited").exists()
    assert [m.to for m in mail.outbox] == [[kim.email]]
    assert "Du er blevet spurgt om at tage en opgave" in mail.outbox[0].subject
    services.engagement_respond(actor=kim, engagement=engagement, accept=True)
    assert Notification.objects.filter(
        recipient=corps.helsingor_coordinator, kind="corps.accepted"
    ).exists()
    task_services.task_transition(
        actor=corps.helsingor_coordinator, task=agreed_task, to_status="in_progress"
    )
    assert Notification.objects.filter(recipient=kim, kind="tasks.status").exists()
    task_services.task_transition(
        actor=corps.helsingor_coordinator, task=agreed_task, to_status="delivered"
    )
    assert Notification.objects.filter(
        recipient=corps.helsingor_leader, kind="corps.evaluate"
    ).exists()


def test_agree_helper_matches_the_workflow(corps):
    task = agree(corps, request_task(corps))
    assert task.status == "agreed"


def test_decline_notifies_the_coordinator_and_frees_the_consultant(corps, agreed_task):
    engagement = services.engagement_assign(
        actor=corps.helsingor_coordinator,
        task=agreed_task,
        consultant=corps.hillerod_consultant,
        planned_hours=Decimal("10"),
    )
    services.engagement_respond(
        actor=corps.hillerod_consultant,
        engagement=engagement,
        accept=False,
        comment="Fuld kalender",
    )
    engagement.refresh_from_db()
    assert engagement.status == "declined" and engagement.response_comment == "Fuld kalender"
    assert Notification.objects.filter(
        recipient=corps.helsingor_coordinator, kind="corps.declined"
    ).exists()
    with pytest.raises(ValidationError):  # a declined engagement does not count
        task_services.task_transition(
            actor=corps.helsingor_coordinator, task=agreed_task, to_status="in_progress"
        )


def test_retrospective_and_case_only_after_delivery(corps, running_task):
    kim = corps.hillerod_consultant
    texts = {"start": "Tjek ind", "stop": "Lange mails", "keep": "Tavlen"}
    with pytest.raises(ValidationError):
        feedback_services.retrospective_save(actor=kim, task=running_task, **texts)
    with pytest.raises(ValidationError):
        feedback_services.case_draft(
            actor=corps.helsingor_coordinator,
            task=running_task,
            title="T",
            summary="S",
            methods_used="M",
            outcome="O",
        )
    task_services.task_transition(
        actor=corps.helsingor_coordinator, task=running_task, to_status="delivered"
    )
    with pytest.raises(PermissionDenied):  # not on the task
        feedback_services.retrospective_save(
            actor=corps.helsingor_consultant, task=running_task, **texts
        )
    retro = feedback_services.retrospective_save(actor=kim, task=running_task, **texts)
    again = feedback_services.retrospective_save(
        actor=kim, task=running_task, **{**texts, "keep": "Mere"}
    )
    assert retro.pk == again.pk and again.keep == "Mere"


def test_anyone_in_the_municipality_may_request_and_the_unit_leader_leads(corps):
    from procesvaerk.accounts.roles import Role
    from tests.conftest import make_user

    colleague = make_user("kollega@helsingor.test", "Kaj Kollega", (corps.helsingor, Role.VIEWER))
    task = task_services.task_request(
        actor=colleague,
        unit=corps.helsingor_unit,
        title="Hjælp til tavlemøder",
        background="b",
        desired_outcome="d",
        task_types=["facilitation"],
        period_start=timezone.localdate(),
        period_end=timezone.localdate(),
        size="small",
    )
    assert task.requester == colleague and task.leader == corps.helsingor_leader
    assert Notification.objects.filter(
        recipient=corps.helsingor_leader, url__contains=str(task.code)
    ).exists()
