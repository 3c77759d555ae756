# SPDX-License-Identifier: MPL-2.0
"""The tasks resource: the site's rights, the real services, JSON errors, never a 500."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.test import Client

from procesvaerk.core.models import Unit
from procesvaerk.tasks.models import ProcessTask, TaskTransition
from tests.api.conftest import API
from tests.corps.conftest import TODAY, request_task

pytestmark = pytest.mark.django_db


def _request_body(unit_code, **extra):
    body = {
        "unit": str(unit_code),
        "title": "Hurtigere visitation",
        "background": "Sagerne venter for længe.",
        "desired_outcome": "Kortere ventetid.",
        "task_types": ["mapping"],
        "period_start": str(TODAY),
        "period_end": str(TODAY + timedelta(days=30)),
        "size": "small",
    }
    body.update(extra)
    return body


def test_list_and_detail_for_the_coordinator(corps, bearer):
    task = request_task(corps)
    client = bearer(corps.helsingor_coordinator)
    page = client.get("/tasks").json()
    assert page["count"] == 1
    assert page["items"][0]["code"] == str(task.code)
    assert page["items"][0]["municipality"] == {"kommunekode": "217", "name": "Helsingør"}
    detail = client.get(f"/tasks/{task.code}").json()
    assert detail["status"] == "requested" and detail["status_label"] == "Anmodet"
    assert detail["leader"]["name"] == "Lene Leder"
    assert detail["task_types"] == ["facilitation", "mapping"]
    assert detail["allowed_transitions"] == ["scoping", "rejected", "cancelled"]
    assert detail["url"] == f"/korps/opgaver/{task.code}/"


def test_filters_and_paging(corps, bearer):
    first = request_task(corps, title="Første")
    request_task(corps, title="Anden")
    client = bearer(corps.helsingor_coordinator)
    assert client.get("/tasks", status="scoping").json()["count"] == 0
    assert client.get("/tasks", status="requested").json()["count"] == 2
    assert client.get("/tasks", municipality="316").json()["count"] == 0
    assert client.get("/tasks", municipality="217").json()["count"] == 2
    page = client.get("/tasks", limit=1, offset=1).json()
    assert page["count"] == 2 and [i["title"] for i in page["items"]] == [first.title]
    assert client.get("/tasks", mine="true").json()["count"] == 0
    assert bearer(corps.helsingor_leader).get("/tasks", mine="true").json()["count"] == 2


def test_another_municipality_private_task_is_404(corps, bearer):
    task = request_task(corps)
    ProcessTask.objects.filter(pk=task.pk).update(visibility="private")
    client = bearer(corps.holbaek_coordinator)
    response = client.get(f"/tasks/{task.code}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Findes ikke."}
    assert client.get("/tasks").json()["count"] == 0
    body = {"to_status": "scoping", "comment": ""}
    assert client.post(f"/tasks/{task.code}/transitions", body).status_code == 404


def test_signed_in_user_without_role_sees_nothing(corps, bearer):
    task = request_task(corps)
    client = bearer(corps.outsider)
    assert client.get("/tasks").json()["count"] == 0
    assert client.get(f"/tasks/{task.code}").status_code == 404
    response = client.post("/tasks", _request_body(corps.helsingor_unit.code))
    assert response.status_code in (403, 404)


def test_reader_without_the_role_is_403_in_danish(corps, bearer):
    task = request_task(corps)
    response = bearer(corps.censor).post(
        f"/tasks/{task.code}/transitions", {"to_status": "scoping", "comment": ""}
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "Du har ikke adgang til at gøre det."}


def test_create_and_transition_roundtrip(corps, bearer):
    client = bearer(corps.helsingor_coordinator)
    response = client.post("/tasks", _request_body(corps.helsingor_unit.code))
    assert response.status_code == 201, response.content
    created = response.json()
    task = ProcessTask.objects.get(code=created["code"])
    assert task.requester == corps.helsingor_coordinator
    assert task.leader == corps.helsingor_leader and created["status"] == "requested"
    url = f"/tasks/{task.code}/transitions"
    moved = client.post(url, {"to_status": "scoping", "comment": "Vi ser på det"})
    assert moved.status_code == 200 and moved.json()["status"] == "scoping"
    assert TaskTransition.objects.filter(task=task, to_status="scoping").exists()
    # scoping -> agreed needs a signed agreement: a conflict with the task's state
    refused = client.post(url, {"to_status": "agreed", "comment": ""})
    assert refused.status_code == 409
    assert "aftale" in refused.json()["detail"]
    # a reason is needed to reject
    assert client.post(url, {"to_status": "rejected", "comment": " "}).status_code == 409
    # not a next step at all
    assert client.post(url, {"to_status": "evaluated", "comment": ""}).status_code == 409
    assert ProcessTask.objects.get(pk=task.pk).status == "scoping"


def test_service_refusal_is_400_in_danish(corps, bearer):
    client = bearer(corps.helsingor_coordinator)
    body = _request_body(
        corps.helsingor_unit.code,
        period_start=str(TODAY),
        period_end=str(TODAY - timedelta(days=1)),
    )
    response = client.post("/tasks", body)
    assert response.status_code == 400
    assert response.json() == {"detail": "Den ønskede periode skal slutte efter, den begynder."}
    ended = client.post(
        "/tasks",
        _request_body(
            corps.helsingor_unit.code,
            period_start=str(TODAY - timedelta(days=10)),
            period_end=str(TODAY - timedelta(days=1)),
        ),
    )
    assert ended.status_code == 400 and "allerede sluttet" in ended.json()["detail"]
    bad_kle = client.post("/tasks", _request_body(corps.helsingor_unit.code, kle_code="12"))
    assert bad_kle.status_code == 400 and "KLE" in bad_kle.json()["detail"]
    unit = Unit.objects.create(municipality=corps.helsingor, name="Uden leder")
    no_leader = client.post("/tasks", _request_body(unit.code))
    assert no_leader.status_code == 400 and "leder" in no_leader.json()["detail"]
    # another municipality's private unit is missing, as its tasks are
    assert client.post("/tasks", _request_body(corps.holbaek_unit.code)).status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "/tasks/not-a-uuid", None),
        ("get", "/tasks?limit=0", None),
        ("get", "/tasks?limit=abc", None),
        ("get", "/tasks?status=nope", None),
        ("get", "/tasks?municipality=%00", None),
        ("get", "/tasks?offset=99999999999999999999999", None),
        ("post", "/tasks", "not json"),
        ("post", "/tasks", "[]"),
        ("post", "/tasks", '{"unit": "x"}'),
        ("post", "/tasks", '{"title": "\\u0000"}'),
        ("post", f"/tasks/{uuid.uuid4()}/transitions", '{"to_status": 1}'),
        ("post", f"/tasks/{uuid.uuid4()}/transitions", '{"to_status": "scoping"}'),
    ],
)
def test_bad_input_is_a_json_4xx_never_500(corps, bearer, method, path, body):
    client = bearer(corps.helsingor_coordinator)
    if method == "get":
        response = client.client.get(API + path, headers=client.headers)
    else:
        response = client.client.post(
            API + path, body, content_type="application/json", headers=client.headers
        )
    assert 400 <= response.status_code < 500, response.content
    assert isinstance(response.json()["detail"], str)


def test_validation_error_is_422_in_danish(corps, bearer):
    response = bearer(corps.helsingor_coordinator).get("/tasks", limit=1000)
    assert response.status_code == 422
    data = response.json()
    assert data["detail"] == "Forespørgslen er ikke gyldig."
    assert data["errors"][0]["loc"][-1] == "limit"


def test_unknown_api_address_is_json_404(db):
    response = Client().get(f"{API}/nothing-here/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Findes ikke."}
