# SPDX-License-Identifier: MPL-2.0
"""Writes and audited reads for what participants do and learn."""

from __future__ import annotations

import random
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from procesvaerk.core.audit import audit_record
from procesvaerk.programmes import access as programme_access
from procesvaerk.programmes import calc
from procesvaerk.programmes.models import (
    Action,
    Activity,
    ActivityKind,
    Participant,
    Reflection,
    SupervisionNote,
    SurveyResponse,
    SurveySubmission,
)

if TYPE_CHECKING:
    from procesvaerk.accounts.models import User

_SHUFFLE = random.SystemRandom()
SURVEY_SCALES = ("relevance", "learning", "facilitation")


def _require_self(actor: User, participant: Participant) -> None:
    if participant.user_id != actor.pk:
        raise PermissionDenied


@transaction.atomic
def action_create(
    *, actor: User, participant: Participant, activity: Activity | None, title: str, plan: str
) -> Action:
    _require_self(actor, participant)
    if activity is not None and activity.cohort_id != participant.cohort_id:
        raise ValidationError(_("That belongs to another cohort."))
    return Action.objects.create(
        participant=participant, activity=activity, title=title.strip(), plan=plan
    )


@transaction.atomic
def action_complete(
    *, actor: User, action: Action, done_on: date, what_happened: str, learned: str
) -> Action:
    _require_self(actor, action.participant)
    if not what_happened.strip() or not learned.strip():
        raise ValidationError(_("Describe what happened and what you learned."))
    action.done_on, action.what_happened, action.learned = done_on, what_happened, learned
    action.save(update_fields=["done_on", "what_happened", "learned", "updated_at"])
    return action


@transaction.atomic
def reflection_create(
    *, actor: User, participant: Participant, text: str, shared: bool
) -> Reflection:
    _require_self(actor, participant)
    if not text.strip():
        raise ValidationError(_("The reflection is empty."))
    return Reflection.objects.create(
        participant=participant, text=text, shared_with_supervisor=shared
    )


@transaction.atomic
def reflection_set_shared(*, actor: User, reflection: Reflection, shared: bool) -> None:
    _require_self(actor, reflection.participant)
    reflection.shared_with_supervisor = shared
    reflection.save(update_fields=["shared_with_supervisor", "updated_at"])


@transaction.atomic
def reflections_read(*, reader: Any, participant: Participant) -> QuerySet[Reflection]:
    """The reflections ``reader`` may see; a read by anyone but the author is audited."""
    own = participant.user_id == reader.pk
    if not own and not programme_access.can_read_private_learning(reader, participant, shared=True):
        raise PermissionDenied
    reflections = participant.reflections.all()
    if own:
        return reflections
    reflections = reflections.filter(shared_with_supervisor=True)
    audit_record(
        actor=reader,
        action="reflection.read",
        target=participant,
        subject=participant.user,
        municipality=participant.cohort.municipality,
        detail={"count": reflections.count()},
    )
    return reflections


@transaction.atomic
def supervision_notes_read(*, reader: Any, participant: Participant) -> QuerySet[SupervisionNote]:
    """Notes are visible to the participant and the group's supervisor; audited
    when read by the supervisor (it is another person's data)."""
    if not programme_access.can_read_private_learning(reader, participant, shared=True):
        raise PermissionDenied
    notes = participant.supervision_notes.select_related("activity", "author")
    if participant.user_id != reader.pk:
        audit_record(
            actor=reader,
            action="supervision_note.read",
            target=participant,
            subject=participant.user,
            municipality=participant.cohort.municipality,
        )
    return notes


@transaction.atomic
def supervision_note_create(
    *, actor: User, participant: Participant, activity: Activity, text: str
) -> SupervisionNote:
    group = participant.group
    if group is None or group.supervisor_id != actor.pk:
        raise PermissionDenied
    if activity.cohort_id != participant.cohort_id or activity.kind != ActivityKind.LEARNING_CAFE:
        raise ValidationError(_("Supervision notes belong to a learning café of the cohort."))
    if not text.strip():
        raise ValidationError(_("The note is empty."))
    note = SupervisionNote.objects.create(
        participant=participant, activity=activity, author=actor, text=text
    )
    audit_record(
        actor=actor,
        action="supervision_note.create",
        target=participant,
        subject=participant.user,
        municipality=participant.cohort.municipality,
    )
    return note


@transaction.atomic
def survey_submit(
    *, actor: User, participant: Participant, activity: Activity, answers: dict[str, Any]
) -> int:
    """Store the answers without a link to the participant; only once each. Returns how
    many answers the activity has (never the stored row: that would name it)."""
    _require_self(actor, participant)
    if activity.cohort_id != participant.cohort_id:
        raise ValidationError(_("That belongs to another cohort."))
    if not calc.has_taken_place(activity.starts_at, timezone.now()):
        raise ValidationError(_("An activity can be evaluated only once it has taken place."))
    for scale in SURVEY_SCALES:
        if answers.get(scale) not in (1, 2, 3, 4, 5):
            raise ValidationError(_("Answer every question on the scale from 1 to 5."))
    try:
        with transaction.atomic():
            SurveySubmission.objects.create(activity=activity, participant=participant)
    except IntegrityError:
        raise ValidationError(_("You have already evaluated this activity.")) from None
    new = {
        "municipality_id": participant.municipality_id,
        "comment": str(answers.get("comment", "")),
        **{scale: answers[scale] for scale in SURVEY_SCALES},
    }
    return _store_shuffled(activity, new)


_FIELDS = ("municipality_id", "comment", *SURVEY_SCALES)


def _store_shuffled(activity: Activity, new: dict[str, Any]) -> int:
    """Rewrite the activity's answers in a fresh random order with the new one among them.
    Rows are laid down in the order they are written (SQLite's rowid, PostgreSQL's heap),
    so an answer appended last, or updated last, would sit where its submission did."""
    held = SurveyResponse.objects.select_for_update().filter(activity=activity)
    answers = [*held.values(*_FIELDS), new]
    _SHUFFLE.shuffle(answers)
    held.delete()
    SurveyResponse.objects.bulk_create(
        [SurveyResponse(activity=activity, **answer) for answer in answers]
    )
    return len(answers)
