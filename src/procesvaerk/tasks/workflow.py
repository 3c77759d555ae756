# SPDX-License-Identifier: MPL-2.0
"""The task workflow as a pure state machine: statuses, moves, guards and the
"what happens next" line. No database here; ``tasks.services`` gathers the
facts (from this app and, through the registry, from others) and applies it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from procesvaerk.tasks.models import TaskStatus

S = TaskStatus
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.REQUESTED: (S.SCOPING, S.REJECTED, S.CANCELLED),
    S.SCOPING: (S.AGREED, S.REJECTED, S.CANCELLED),
    S.AGREED: (S.IN_PROGRESS, S.CANCELLED),
    S.IN_PROGRESS: (S.DELIVERED, S.CANCELLED),
    S.DELIVERED: (S.EVALUATED,),
    S.EVALUATED: (),
    S.REJECTED: (),
    S.CANCELLED: (),
}
NEEDS_REASON = frozenset({S.REJECTED, S.CANCELLED})
EDITABLE_REQUEST = frozenset({S.REQUESTED, S.SCOPING})
OPEN_FOR_ASSIGNMENT = frozenset({S.SCOPING, S.AGREED, S.IN_PROGRESS})
OPEN_FOR_HOURS = frozenset({S.AGREED, S.IN_PROGRESS, S.DELIVERED})
LIVE = frozenset({S.SCOPING, S.AGREED, S.IN_PROGRESS})
DONE = frozenset({S.DELIVERED, S.EVALUATED})
CLOSED = frozenset({S.EVALUATED, S.REJECTED, S.CANCELLED})


class WorkflowError(Exception):
    """A move the workflow does not allow; the message is for the user."""


@dataclass(frozen=True)
class TaskFacts:
    """What the guards need to know about one task and one actor."""

    status: str
    is_coordinator: bool = False
    is_leader: bool = False
    agreement_written: bool = False
    agreement_signed: bool = False
    accepted_consultants: int = 0
    evaluated: bool = False


def status_label(status: str) -> str:
    return str(dict(TaskStatus.choices).get(status, status))  # type: ignore[call-overload]


def allowed_moves(facts: TaskFacts) -> list[str]:
    """The statuses this actor may offer to move to (guards on data are checked on the move)."""
    moves = list(TRANSITIONS.get(facts.status, ()))
    if facts.is_coordinator:
        return moves
    return [s for s in moves if s == S.CANCELLED and facts.is_leader]


def check_move(facts: TaskFacts, to_status: str, comment: str = "") -> None:
    """Raise ``WorkflowError`` (or ``PermissionError`` for a missing right) unless
    ``to_status`` is a legal next step for this actor."""
    if not (facts.is_coordinator or (to_status == S.CANCELLED and facts.is_leader)):
        raise PermissionError(to_status)
    if to_status not in TRANSITIONS.get(facts.status, ()):
        raise WorkflowError(
            _("A task cannot go from “%(from)s” to “%(to)s”.")
            % {"from": status_label(facts.status), "to": status_label(to_status)}
        )
    if to_status in NEEDS_REASON and not comment.strip():
        raise WorkflowError(_("Give a reason when a task is rejected or cancelled."))
    if to_status == S.AGREED and not facts.agreement_signed:
        raise WorkflowError(
            _("The task needs an agreement signed off by the leader before it is agreed.")
        )
    if to_status == S.IN_PROGRESS and facts.accepted_consultants < 1:
        raise WorkflowError(_("The task needs at least one consultant who has accepted."))
    if to_status == S.EVALUATED and not facts.evaluated:
        raise WorkflowError(_("The leader evaluates the task; that moves it to evaluated."))


def next_step(facts: TaskFacts) -> str:
    """One short line for the viewer: what happens next, and whether it is theirs to do."""
    status = facts.status
    if status == S.REQUESTED:
        if facts.is_coordinator:
            return _("Read the request and start scoping it, or reject it with a reason.")
        return _("The coordinator reads the request and starts scoping it.")
    if status == S.SCOPING:
        if not facts.agreement_written:
            if facts.is_coordinator:
                return _("Write the agreement with the leader (for-proces) and find consultants.")
            return _("The coordinator writes the agreement with the leader.")
        if not facts.agreement_signed:
            if facts.is_leader:
                return _("Read the agreement and sign it off.")
            return _("The leader signs off the agreement.")
        if facts.is_coordinator:
            return _("The agreement is signed off: move the task to agreed.")
        return _("The coordinator moves the task to agreed.")
    if status == S.AGREED:
        if facts.accepted_consultants < 1:
            return _("A consultant must accept the task before the work starts.")
        if facts.is_coordinator:
            return _("A consultant has accepted: start the work (in progress).")
        return _("The coordinator starts the work.")
    if status == S.IN_PROGRESS:
        return _("The consultants do the work and register their hours; then it is delivered.")
    if status == S.DELIVERED:
        if facts.is_leader:
            return _("Evaluate the help you received.")
        return _("The leader evaluates the help.")
    if status == S.EVALUATED:
        return _("The task is done and evaluated.")
    return _("The task is closed.")
