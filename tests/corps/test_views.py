# SPDX-License-Identifier: MPL-2.0
"""Every corps page renders in Danish for the people it is for, and roles gate it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse

from procesvaerk.corps import selectors, services
from procesvaerk.tasks import services as task_services
from procesvaerk.tasks.models import ProcessTask
from tests.corps.conftest import TODAY


def get(client, user, name, *args, **query):
    client.force_login(user)
    full = name if ":" in name else f"corps:{name}"
    return client.get(reverse(full, args=args), query)


def test_coordinator_pages(client, corps, running_task):
    coordinator = corps.helsingor_coordinator
    pages = {
        "board": "Opgavetavle",
        "consultant_list": "Konsulenter",
        "ledger": "Udlån mellem kommuner",
        "case_list": "Cases",
        "my_tasks": "Mine opgaver",
        "core:notifications": "Notifikationer",
    }
    for name, heading in pages.items():
        response = get(client, coordinator, name)
        assert response.status_code == 200, name
        assert f"<h1>{heading}</h1>" in response.content.decode(), name
    page = get(client, coordinator, "tasks:task_detail", running_task.code).content.decode()
    for text in ("Procesaftale", "Konsulenter og timer", "Tidslinje", "Kim Konsulent", "I gang"):
        assert text in page
    suggestions = get(client, coordinator, "suggestions", running_task.code)
    assert "Forslag til konsulenter" in suggestions.content.decode()


def test_board_filters(client, corps, running_task):
    other = task_services.task_request(
        actor=corps.helsingor_leader,
        unit=corps.helsingor_unit,
        title="Evaluering af tavlemøder",
        background="b",
        desired_outcome="d",
        task_types=["evaluation"],
        period_start=TODAY,
        period_end=TODAY + timedelta(days=30),
        size="small",
    )
    # Requested back then; a period that has ended can no longer be requested.
    ProcessTask.objects.filter(pk=other.pk).update(
        period_start=date(2020, 1, 1), period_end=date(2020, 2, 1)
    )
    coordinator = corps.helsingor_coordinator
    by_type = get(client, coordinator, "board", task_type="evaluation").content.decode()
    assert other.title in by_type and running_task.title not in by_type
    by_consultant = get(client, coordinator, "board", consultant="kim").content.decode()
    assert running_task.title in by_consultant and other.title not in by_consultant
    by_period = get(client, coordinator, "board", period_to="2020-12-31").content.decode()
    assert other.title in by_period and running_task.title not in by_period
    by_status = get(client, coordinator, "board", status="requested").content.decode()
    assert other.title in by_status and running_task.title not in by_status


def test_coordinator_pages_are_closed_to_others(client, corps):
    for name in ("board", "consultant_list", "ledger"):
        assert get(client, corps.helsingor_leader, name).status_code == 403


def test_request_form_shows_a_danish_message_and_saves_nothing(client, corps):
    client.force_login(corps.helsingor_leader)
    response = client.post(
        reverse("tasks:task_request"),
        {
            "title": "T",
            "unit": corps.helsingor_unit.pk,
            "background": "b",
            "desired_outcome": "d",
            "task_types": ["facilitation"],
            "kle_code": "2724",
            "period_start": "2026-03-01",
            "period_end": "2026-02-01",
            "size": "small",
        },
    )
    assert response.status_code == 200
    assert "Skriv KLE-nummeret som ##.##.##." in response.content.decode()
    assert ProcessTask.objects.count() == 0


def test_illegal_transition_from_the_page_shows_danish_and_changes_nothing(client, corps):
    from tests.corps.conftest import request_task

    task = request_task(corps)
    client.force_login(corps.helsingor_coordinator)
    response = client.post(
        reverse("tasks:task_transition", args=[task.code]),
        {"to_status": "rejected", "comment": ""},
        follow=True,
    )
    assert (
        "Giv en begrundelse, når en opgave afvises eller annulleres." in response.content.decode()
    )
    task.refresh_from_db()
    assert task.status == "requested"


def test_capacity_against_planned_and_registered(corps, running_task):
    engagement = running_task.engagements.get()
    services.time_register(
        actor=corps.hillerod_consultant, engagement=engagement, day=TODAY, hours=Decimal(4)
    )
    rows = {
        r.profile.user.full_name: r
        for r in selectors.capacity_overview(corps.helsingor_coordinator, TODAY)
    }
    kim = rows["Kim Konsulent"]
    assert kim.capacity == 20
    assert kim.registered == 4.0
    assert 9 < kim.planned < 11  # 30 planned hours spread over a ~3-month task
    assert rows["Hanne Hjælper"].planned == 0


def test_capacity_page_for_another_month_and_bad_month(client, corps, running_task):
    response = get(client, corps.helsingor_coordinator, "consultant_list", maaned="2024-02")
    page = response.content.decode()
    assert "februar 2024" in page and "Kim Konsulent" in page
    bad = get(client, corps.helsingor_coordinator, "consultant_list", maaned="2024-13")
    assert "Skriv måneden som ÅÅÅÅ-MM." in bad.content.decode()
