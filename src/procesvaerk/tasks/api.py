# SPDX-License-Identifier: MPL-2.0
"""The process task in the JSON API (``/api/v1/tasks``).

Thin: the access rules are ``tasks.access`` (another municipality's private task is
404), the writes are ``tasks.services``; their refusals become JSON errors in
``config/api.py``.
"""

from __future__ import annotations

from datetime import date
from typing import Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from procesvaerk.core import access
from procesvaerk.core.api_common import READ_ERRORS, WRITE_ERRORS, CleanInput, Error
from procesvaerk.core.bounded_forms import TEXT_LIMIT
from procesvaerk.core.models import Unit
from procesvaerk.tasks import services, workflow
from procesvaerk.tasks.access import get_task_for_user, involved_q, tasks_visible_to
from procesvaerk.tasks.models import ProcessTask

router = Router(tags=["tasks"])

StatusName = Literal[
    "requested", "scoping", "agreed", "in_progress", "delivered", "evaluated", "rejected",
    "cancelled",
]  # fmt: skip
Kind = Literal["facilitation", "mapping", "benefits", "change", "evaluation"]
Size = Literal["small", "medium", "large"]


class MunicipalityOut(Schema):
    kommunekode: str
    name: str


class Named(Schema):
    code: UUID
    name: str


class TaskSummary(Schema):
    code: UUID
    title: str
    status: str
    status_label: str
    municipality: MunicipalityOut
    unit: Named
    period_start: date
    period_end: date
    size: str
    url: str


class TaskOut(TaskSummary):
    leader: Named
    requester: Named
    task_types: list[str]
    allowed_transitions: list[str]


class TaskPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[TaskSummary]


class TaskFilters(CleanInput):
    status: StatusName | None = None
    municipality: str | None = Field(None, pattern=r"^\d{3}$", description="kommunekode")
    mine: bool = Field(False, description="only tasks I lead, requested or work on")
    limit: int = Field(25, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


class TaskIn(CleanInput):
    unit: UUID = Field(description="the code of the unit that asks for help")
    title: str = Field(min_length=1, max_length=200)
    background: str = Field(min_length=1, max_length=TEXT_LIMIT)
    desired_outcome: str = Field(min_length=1, max_length=TEXT_LIMIT)
    task_types: list[Kind] = Field(min_length=1)
    period_start: date
    period_end: date
    size: Size
    core_task: str = Field("", max_length=TEXT_LIMIT)
    kle_code: str = Field("", max_length=8)


class TransitionIn(CleanInput):
    to_status: StatusName
    comment: str = Field("", max_length=TEXT_LIMIT)


def _person(user: object) -> dict[str, object]:
    return {"code": user.code, "name": str(user)}  # type: ignore[attr-defined]


def _summary(task: ProcessTask) -> dict[str, object]:
    return {
        "code": task.code,
        "title": task.title,
        "status": task.status,
        "status_label": workflow.status_label(task.status),
        "municipality": task.municipality,
        "unit": task.unit,
        "period_start": task.period_start,
        "period_end": task.period_end,
        "size": task.size,
        "url": services.task_url(task),
    }


def _detail(task: ProcessTask, user: object) -> dict[str, object]:
    facts = services.task_facts(task, user)  # type: ignore[arg-type]
    return {
        **_summary(task),
        "leader": _person(task.leader),
        "requester": _person(task.requester),
        "task_types": task.type_list,
        "allowed_transitions": workflow.allowed_moves(facts),
    }


@router.get("/tasks", response={200: TaskPage, **READ_ERRORS}, summary="List tasks")
def task_list(request: HttpRequest, filters: Query[TaskFilters]) -> TaskPage | dict[str, object]:
    """The tasks the user may read, newest first."""
    tasks = tasks_visible_to(request.user).select_related("municipality", "unit")
    if filters.status:
        tasks = tasks.filter(status=filters.status)
    if filters.municipality:
        tasks = tasks.filter(municipality__kommunekode=filters.municipality)
    if filters.mine:
        tasks = tasks.filter(involved_q(request.user))
    window = tasks[filters.offset : filters.offset + filters.limit]
    return {
        "count": tasks.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [_summary(task) for task in window],
    }


@router.get("/tasks/{code}", response={200: TaskOut, **READ_ERRORS}, summary="One task")
def task_detail(request: HttpRequest, code: UUID) -> dict[str, object]:
    return _detail(get_task_for_user(request.user, code), request.user)


@router.post("/tasks", response={201: TaskOut, **WRITE_ERRORS}, summary="Request help")
def task_create(request: HttpRequest, data: TaskIn) -> Status[dict[str, object]]:
    """Ask for help for a unit (anyone with a role in its municipality)."""
    unit = access.get_visible_or_404(Unit.objects.all(), request.user, code=data.unit)
    values = data.dict(exclude={"unit"})
    task = services.task_request(actor=request.user, unit=unit, **values)  # type: ignore[arg-type]
    return Status(201, _detail(get_task_for_user(request.user, task.code), request.user))


@router.post(
    "/tasks/{code}/transitions",
    response={200: TaskOut, 409: Error, **WRITE_ERRORS},
    summary="Move a task in the workflow",
)
def task_transition(request: HttpRequest, code: UUID, data: TransitionIn) -> dict[str, object]:
    """Coordinators move a task; its leader may cancel it. A move the workflow does
    not allow from the current status is 409."""
    task = get_task_for_user(request.user, code)
    try:
        services.task_transition(
            actor=request.user,  # type: ignore[arg-type]
            task=task,
            to_status=data.to_status,
            comment=data.comment,
        )
    except ValidationError as error:
        raise HttpError(409, " ".join(error.messages)) from None
    return _detail(get_task_for_user(request.user, code), request.user)
