# SPDX-License-Identifier: MPL-2.0
"""The workflow as a pure state machine: no database, every pair of statuses."""

from __future__ import annotations

import itertools

import pytest

from procesvaerk.tasks.models import TaskStatus
from procesvaerk.tasks.workflow import (
    TRANSITIONS,
    TaskFacts,
    WorkflowError,
    allowed_moves,
    check_move,
    next_step,
)

S = TaskStatus
ALL = list(S.values)
# Facts under which every guard on data is met, so only the move itself is judged.
READY = {
    "is_coordinator": True,
    "agreement_written": True,
    "agreement_signed": True,
    "accepted_consultants": 1,
    "evaluated": True,
}


@pytest.mark.parametrize("a,b", list(itertools.product(ALL, ALL)))
def test_a_coordinator_may_make_exactly_the_listed_moves(a, b):
    facts = TaskFacts(status=a, **READY)
    if b in TRANSITIONS[a]:
        check_move(facts, b, "fordi")
    else:
        with pytest.raises(WorkflowError):
            check_move(facts, b, "fordi")


def test_closed_statuses_lead_nowhere():
    for status in (S.EVALUATED, S.REJECTED, S.CANCELLED):
        assert TRANSITIONS[status] == ()
        assert allowed_moves(TaskFacts(status=status, **READY)) == []


@pytest.mark.parametrize(
    "status,to,missing",
    [
        (S.SCOPING, S.AGREED, {"agreement_signed": False}),
        (S.AGREED, S.IN_PROGRESS, {"accepted_consultants": 0}),
        (S.DELIVERED, S.EVALUATED, {"evaluated": False}),
    ],
)
def test_guards_on_data_refuse_with_a_message(status, to, missing):
    facts = TaskFacts(status=status, **{**READY, **missing})
    with pytest.raises(WorkflowError) as refused:
        check_move(facts, to)
    assert str(refused.value)


def test_rejecting_or_cancelling_needs_a_reason():
    for to in (S.REJECTED, S.CANCELLED):
        with pytest.raises(WorkflowError):
            check_move(TaskFacts(status=S.REQUESTED, **READY), to, "   ")
        check_move(TaskFacts(status=S.REQUESTED, **READY), to, "Ikke vores opgave")


def test_the_leader_may_only_cancel_and_others_nothing():
    leader = TaskFacts(status=S.AGREED, is_leader=True)
    assert allowed_moves(leader) == [S.CANCELLED]
    check_move(leader, S.CANCELLED, "Projektet er stoppet")
    with pytest.raises(PermissionError):
        check_move(leader, S.IN_PROGRESS)
    stranger = TaskFacts(status=S.AGREED)
    assert allowed_moves(stranger) == []
    with pytest.raises(PermissionError):
        check_move(stranger, S.CANCELLED, "nej")


def test_what_happens_next_speaks_to_the_viewer():
    scoping = {"status": S.SCOPING, "agreement_written": True}
    assert "godkend" in next_step(TaskFacts(**scoping, is_leader=True)).lower()
    assert "lederen" in next_step(TaskFacts(**scoping)).lower()
    delivered = TaskFacts(status=S.DELIVERED, is_leader=True)
    assert "evaluér" in next_step(delivered).lower()
    for status in ALL:  # every status has a line, for every viewer
        assert next_step(TaskFacts(status=status))
        assert next_step(TaskFacts(status=status, is_coordinator=True))
