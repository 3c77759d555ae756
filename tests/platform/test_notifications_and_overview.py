# SPDX-License-Identifier: MPL-2.0
"""Notifications say what happened and where to act; "Mit overblik" shows each role
what needs them now; a later app adds a task panel without touching tasks or corps."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from procesvaerk.core.models import Notification
from procesvaerk.core.notifications import notification_send
from procesvaerk.corps import feedback_services, services
from procesvaerk.programmes import exam_services
from procesvaerk.tasks import registry
from procesvaerk.tasks import services as task_services
from procesvaerk.tasks.models import ProcessTask
from tests.corps.conftest import agree, request_task
from tests.programmes.test_exam import PDF, media, upload  # noqa: F401

pytestmark = pytest.mark.django_db


def notes(user, kind):
    return Notification.objects.filter(recipient=user, kind=kind)


def test_a_new_request_tells_the_coordinators_and_the_leader(
    corps, django_capture_on_commit_callbacks
):
    colleague = corps.helsingor_coordinator
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        task = task_services.task_request(
            actor=corps.helsingor_consultant,  # a colleague asks on behalf of the unit
            unit=corps.helsingor_unit, title="Hurtigere visitation", background="Lang ventetid",
            desired_outcome="Kortere", task_types=["mapping"], period_start=today,
            period_end=today + timedelta(days=30), size="small",
        )  # fmt: skip
    (leader_note,) = notes(corps.helsingor_leader, "tasks.requested_for_you")
    assert "Hurtigere visitation" in leader_note.text and str(task.code) in leader_note.url
    (coordinator_note,) = notes(colleague, "tasks.requested")
    assert coordinator_note.text.startswith("Ny anmodning fra")
    assert not notes(corps.holbaek_coordinator, "tasks.requested").exists()  # other municipality
    assert colleague.email in [m.to[0] for m in mail.outbox]


def test_the_leader_is_asked_to_sign_evaluate_and_consent(corps):
    task = agree(corps, request_task(corps))
    assert notes(corps.helsingor_leader, "tasks.agreement_to_sign").count() == 1
    engagement = services.engagement_assign(
        actor=corps.helsingor_coordinator,
        task=task,
        consultant=corps.hillerod_consultant,
        planned_hours=Decimal("10"),
    )
    (invitation,) = notes(corps.hillerod_consultant, "corps.invited")
    assert "#panel-people" in invitation.url
    services.engagement_respond(actor=corps.hillerod_consultant, engagement=engagement, accept=True)
    coordinator = corps.helsingor_coordinator
    task_services.task_transition(actor=coordinator, task=task, to_status="in_progress")
    task_services.task_transition(actor=coordinator, task=task, to_status="delivered")
    (evaluate,) = notes(corps.helsingor_leader, "corps.evaluate")
    assert evaluate.url == reverse("corps:evaluation", args=[task.code])
    # The leader got the specific note, not also the plain "now delivered" one.
    assert not notes(corps.helsingor_leader, "tasks.status").filter(text__contains="Leveret")
    feedback_services.case_draft(
        actor=coordinator, task=task, title="Overlevering", summary="Kortere",
        methods_used="Workshop", outcome="15 minutter",
    )  # fmt: skip
    (consent,) = notes(corps.helsingor_leader, "corps.case_consent")
    assert "#panel-case" in consent.url


def test_the_censor_is_told_of_an_assigned_submission(cw, media):  # noqa: F811
    submission = upload(cw, "opgave.pdf", PDF)
    exam_services.submission_assign(
        actor=cw.world.helsingor_coordinator, submission=submission, examiner=None,
        censor=cw.world.censor,
    )  # fmt: skip
    (note,) = notes(cw.world.censor, "programmes.submission_assigned")
    assert "Anna Andersen" in note.text
    assert note.url == reverse("programmes:exam", args=[cw.cohort.code])


def test_notifications_are_in_the_recipients_language(world):
    world.outsider.preferred_language = "en"
    world.outsider.save()
    note = notification_send(
        recipient=world.outsider,
        kind="tasks.status",
        text="The task “%(task)s” is now %(status)s.",
        params={"task": "X", "status": "Agreed"},
        url="/",
    )
    assert note.text == "The task “X” is now Agreed."
    with pytest.raises(ValueError):
        notification_send(recipient=world.outsider, kind="no.such.kind", text="x")


def test_opening_a_notification_marks_it_read_and_goes_to_the_task(client, corps):
    task = request_task(corps)
    note = notes(corps.helsingor_coordinator, "tasks.requested").get()
    client.force_login(corps.helsingor_leader)  # not the recipient
    assert client.post(reverse("core:notification_open", args=[note.pk])).status_code == 404
    client.force_login(corps.helsingor_coordinator)
    response = client.post(reverse("core:notification_open", args=[note.pk]))
    assert response.status_code == 302 and response["Location"].endswith(f"{task.code}/")
    note.refresh_from_db()
    assert note.read_at is not None


def test_overview_for_coordinator_leader_and_consultant(client, corps):
    task = request_task(corps, title="Ventende anmodning")
    waiting = agree(corps, request_task(corps, title="Aftalt opgave"))
    services.engagement_assign(
        actor=corps.helsingor_coordinator, task=waiting,
        consultant=corps.hillerod_consultant, planned_hours=Decimal("5"),
    )  # fmt: skip
    client.force_login(corps.helsingor_coordinator)
    page = client.get("/").content.decode()
    assert "<h1>Mit overblik</h1>" in page
    assert "anmodning venter på afklaring (den ældste fra i dag)" in page
    assert "har ikke svaret på invitationen til “Aftalt opgave”" in page
    client.force_login(corps.hillerod_consultant)
    page = client.get("/").content.decode()
    assert "Svar på invitationen til “Aftalt opgave”" in page
    client.force_login(corps.helsingor_leader)
    page = client.get("/").content.decode()
    assert "Din anmodning “Ventende anmodning”: Anmodet" in page
    assert str(task.code) in page
    client.force_login(corps.holbaek_coordinator)
    assert "Ventende anmodning" not in client.get("/").content.decode()


def test_overdue_tasks_show_for_the_coordinator(client, corps):
    today = timezone.localdate()
    overdue = agree(corps, request_task(corps, title="Forsinket opgave"))
    # A period that has ended cannot be requested; the task ran over it since.
    ProcessTask.objects.filter(pk=overdue.pk).update(
        period_start=today - timedelta(days=90), period_end=today - timedelta(days=3)
    )
    client.force_login(corps.helsingor_coordinator)
    page = client.get("/").content.decode()
    assert "“Forsinket opgave” er over sin periode" in page and str(overdue.code) in page


def test_a_later_app_adds_a_panel_without_touching_tasks_or_corps(client, corps, settings):
    """What an app's task_panels.py does, done here: one panel for everyone, one hidden."""
    engine = settings.TEMPLATES[0]
    here = Path(__file__).resolve().parents[1] / "templates"
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], here]}]
    task = request_task(corps)

    def shown(task, user):
        return {"greeting": f"Kort over {task.title}"}

    added = [
        registry.TaskPanel("zz-maps", "Proceskort", 99, "tests/panel.html", shown),
        registry.TaskPanel("zz-hidden", "Skjult", 98, "tests/panel.html", lambda t, u: None),
    ]
    for panel in added:
        registry.register_panel(panel)
    try:
        client.force_login(corps.helsingor_leader)
        page = client.get(reverse("tasks:task_detail", args=[task.code])).content.decode()
    finally:
        for panel in added:
            registry._panels.pop(panel.key)
    assert 'href="#panel-zz-maps"' in page and "Kort over Bedre overlevering" in page
    assert "Skjult" not in page
    # The corps' own sections are panels in the same registry, in order.
    keys = [p.key for p in registry.panels()]
    assert keys[:5] == ["request", "agreement", "people", "evaluation", "case"]


def test_the_old_notifications_address_still_arrives(client, world):
    client.force_login(world.outsider)
    response = client.get("/korps/notifikationer/")
    assert response.status_code == 301 and response["Location"] == reverse("core:notifications")


def test_a_leader_signs_only_the_agreement_they_read(client, corps):
    task = request_task(corps)
    coordinator = corps.helsingor_coordinator
    task_services.task_transition(actor=coordinator, task=task, to_status="scoping")
    fields = {"purpose": "Formål", "scope": "Afgrænsning", "success_criteria": "Kriterier",
              "roles": "Roller", "timeline": "Tidsplan"}  # fmt: skip
    agreement = task_services.agreement_save(actor=coordinator, task=task, **fields)
    seen = task_services.agreement_version(agreement)
    # The coordinator changes it while the leader has the page open.
    task_services.agreement_save(actor=coordinator, task=task, **{**fields, "scope": "Mere"})
    client.force_login(corps.helsingor_leader)
    url = reverse("tasks:agreement_sign", args=[task.code])
    page = client.post(url, {"version": seen}, follow=True).content.decode()
    assert "Procesaftalen er ændret, efter du åbnede den" in page
    assert "<dd>Mere</dd>" in page  # the new text is shown to read
    client.post(url, {})  # no version at all is no way round it
    agreement.refresh_from_db()
    assert agreement.signed_off_at is None
    agreement.refresh_from_db()
    assert agreement.signed_off_at is None
    fresh = task_services.agreement_version(agreement)
    client.post(url, {"version": fresh})
    agreement.refresh_from_db()
    first = agreement.signed_off_at
    assert first is not None
    client.post(url, {"version": fresh})  # the double click
    agreement.refresh_from_db()
    assert agreement.signed_off_at == first


def test_a_double_answer_tells_the_coordinator_once(corps, agreed_task):
    engagement = services.engagement_assign(
        actor=corps.helsingor_coordinator, task=agreed_task,
        consultant=corps.hillerod_consultant, planned_hours=Decimal("5"),
    )  # fmt: skip
    stale = type(engagement).objects.get(pk=engagement.pk)  # the second click's copy
    services.engagement_respond(actor=corps.hillerod_consultant, engagement=engagement, accept=True)
    with pytest.raises(ValidationError):
        services.engagement_respond(actor=corps.hillerod_consultant, engagement=stale, accept=False)
    assert notes(corps.helsingor_coordinator, "corps.accepted").count() == 1
    assert not notes(corps.helsingor_coordinator, "corps.declined").exists()


def test_a_leader_who_is_also_coordinator_is_told_once(corps):
    from procesvaerk.accounts.services import membership_grant

    leader = corps.helsingor_leader
    membership_grant(
        actor=corps.helsingor_coordinator, user=leader, municipality=corps.helsingor,
        role="coordinator",
    )  # fmt: skip
    today = timezone.localdate()
    task_services.task_request(
        actor=corps.helsingor_consultant, unit=corps.helsingor_unit, title="Én besked",
        background="b", desired_outcome="d", task_types=["mapping"], period_start=today,
        period_end=today, size="small",
    )  # fmt: skip
    assert Notification.objects.filter(recipient=leader).count() == 1
