# SPDX-License-Identifier: MPL-2.0
"""A request can be corrected by its requester, leader or coordinator until it is agreed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from procesvaerk.tasks import services as task_services
from tests.corps.conftest import TODAY, agree, request_task

CHANGES = {
    "title": "Kortere overlevering mellem vagter",
    "background": "Overleveringen tager 40 minutter.",
    "desired_outcome": "Overlevering på 15 minutter.",
    "task_types": ["mapping"],
    "period_start": TODAY,
    "period_end": TODAY + timedelta(days=90),
    "size": "large",
    "kle_code": "27.24.10",
}


@pytest.mark.django_db
def test_leader_and_coordinator_correct_the_request_until_agreed(corps):
    task = request_task(corps)
    task_services.task_request_update(actor=corps.helsingor_leader, task=task, **CHANGES)
    task.refresh_from_db()
    assert (task.title, task.task_types, task.size) == (CHANGES["title"], "mapping", "large")
    assert task.core_task == corps.helsingor_unit.core_task  # empty means the unit's
    task_services.task_transition(actor=corps.helsingor_coordinator, task=task, to_status="scoping")
    task_services.task_request_update(
        actor=corps.helsingor_coordinator, task=task, **{**CHANGES, "title": "Ny titel"}
    )
    task.refresh_from_db()
    assert task.title == "Ny titel"


@pytest.mark.django_db
def test_others_and_late_changes_are_refused_and_change_nothing(corps):
    task = request_task(corps)
    with pytest.raises(PermissionDenied):  # a colleague in the municipality, not on the task
        task_services.task_request_update(actor=corps.helsingor_consultant, task=task, **CHANGES)
    with pytest.raises(ValidationError, match="slutte efter"):
        task_services.task_request_update(
            actor=corps.helsingor_leader,
            task=task,
            **{**CHANGES, "period_end": TODAY - timedelta(days=1)},
        )
    agree(corps, task)
    with pytest.raises(ValidationError, match="indtil opgaven er aftalt"):
        task_services.task_request_update(actor=corps.helsingor_coordinator, task=task, **CHANGES)
    task.refresh_from_db()
    assert task.title == "Bedre overlevering i hjemmeplejen"


@pytest.mark.django_db
def test_edit_page(client, corps):
    task = request_task(corps)
    url = reverse("tasks:task_edit", args=[task.code])
    client.force_login(corps.helsingor_leader)
    detail = client.get(reverse("tasks:task_detail", args=[task.code])).content.decode()
    assert url in detail
    page = client.get(url).content.decode()
    assert "Ret anmodningen" in page and "Bedre overlevering i hjemmeplejen" in page
    form = {**CHANGES, "period_start": TODAY.isoformat(), "period_end": "2000-01-01"}
    response = client.post(url, form)
    assert "Den ønskede periode skal slutte efter, den begynder." in response.content.decode()
    task.refresh_from_db()
    assert task.title == "Bedre overlevering i hjemmeplejen"
    form["period_end"] = (TODAY + timedelta(days=30)).isoformat()
    response = client.post(url, form)
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.title == CHANGES["title"]
    client.force_login(corps.hillerod_coordinator)  # another municipality's coordinator
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_edit_link_and_page_close_once_agreed(client, corps):
    task = agree(corps, request_task(corps))
    url = reverse("tasks:task_edit", args=[task.code])
    client.force_login(corps.helsingor_leader)
    assert url not in client.get(reverse("tasks:task_detail", args=[task.code])).content.decode()
    response = client.get(url, follow=True)
    assert "Anmodningen kan kun ændres, indtil opgaven er aftalt." in response.content.decode()
