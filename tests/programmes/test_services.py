# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from procesvaerk.core.models import AuditEntry
from procesvaerk.programmes import learning_services as learning
from procesvaerk.programmes import services
from procesvaerk.programmes.models import Activity, ActivityKind, Attendance, SurveyResponse

CPH = ZoneInfo("Europe/Copenhagen")


def test_cohort_gets_dated_activities_from_the_template(cw):
    activities = list(cw.cohort.activities.all())
    assert [a.title for a in activities] == [
        "Kick-off",
        "For-proces",
        "Workshop 1",
        "Læringscafé 1",
        "Eksamen",
    ]
    workshop = activities[2].starts_at.astimezone(CPH)
    assert (workshop.date(), workshop.hour) == (date(2026, 9, 15), 9)
    assert activities[2].ends_at - activities[2].starts_at == timedelta(hours=7)


def test_activity_moves_but_never_before_the_cohort_start(cw):
    workshop = cw.cohort.activities.get(title="Workshop 1")
    actor = cw.world.helsingor_coordinator
    services.activity_move(
        actor=actor, activity=workshop, starts_at=datetime(2026, 9, 20, 10, tzinfo=CPH)
    )
    workshop.refresh_from_db()
    assert workshop.ends_at.astimezone(CPH).hour == 17
    with pytest.raises(ValidationError, match="før holdet starter"):
        services.activity_move(
            actor=actor, activity=workshop, starts_at=datetime(2026, 8, 31, 9, tzinfo=CPH)
        )
    workshop.refresh_from_db()
    assert workshop.starts_at.astimezone(CPH).day == 20


def test_outsiders_cannot_move_activities(cw):
    workshop = cw.cohort.activities.get(title="Workshop 1")
    with pytest.raises(PermissionDenied):
        services.activity_move(
            actor=cw.world.holbaek_coordinator,
            activity=workshop,
            starts_at=datetime(2026, 9, 20, 10, tzinfo=CPH),
        )


def test_participants_must_come_from_the_cooperation(cw):
    with pytest.raises(ValidationError, match="samarbejde"):
        services.participant_add(
            actor=cw.world.helsingor_coordinator,
            cohort=cw.cohort,
            user=cw.world.holbaek_coordinator,
            municipality=cw.world.holbaek,
        )
    with pytest.raises(ValidationError, match="allerede"):
        services.participant_add(
            actor=cw.world.helsingor_coordinator,
            cohort=cw.cohort,
            user=cw.anna.user,
            municipality=cw.world.helsingor,
        )


def test_groups_mix_municipalities(cw):
    assert cw.anna.group == cw.bo.group
    assert cw.anna.municipality != cw.bo.municipality
    with pytest.raises(ValidationError):
        services.groups_compose(actor=cw.world.helsingor_coordinator, cohort=cw.cohort, size=1)


def test_attendance_is_recorded_and_checked(cw):
    kickoff = cw.cohort.activities.get(kind=ActivityKind.KICKOFF)
    services.attendance_record(
        actor=cw.instructor,
        activity=kickoff,
        statuses={cw.anna.pk: "present", cw.bo.pk: "excused"},
    )
    assert dict(Attendance.objects.values_list("participant_id", "status")) == {
        cw.anna.pk: "present",
        cw.bo.pk: "excused",
    }
    with pytest.raises(ValidationError):
        services.attendance_record(
            actor=cw.instructor, activity=kickoff, statuses={cw.anna.pk: "asleep"}
        )
    assert Attendance.objects.get(participant=cw.anna).status == "present"


def test_reflections_are_private_until_shared_and_reads_are_audited(cw):
    learning.reflection_create(actor=cw.anna.user, participant=cw.anna, text="Privat", shared=False)
    learning.reflection_create(actor=cw.anna.user, participant=cw.anna, text="Delt", shared=True)
    seen = learning.reflections_read(reader=cw.supervisor, participant=cw.anna)
    assert [r.text for r in seen] == ["Delt"]
    entry = AuditEntry.objects.get(action="reflection.read")
    assert (entry.actor, entry.subject) == (cw.supervisor, cw.anna.user)
    for outsider in (
        cw.bo.user,
        cw.instructor,
        cw.world.helsingor_coordinator,
        cw.world.hillerod_coordinator,
    ):
        with pytest.raises(PermissionDenied):
            learning.reflections_read(reader=outsider, participant=cw.anna)
    assert [
        r.text for r in learning.reflections_read(reader=cw.anna.user, participant=cw.anna)
    ] == ["Delt", "Privat"]
    assert AuditEntry.objects.filter(action="reflection.read").count() == 1


def test_supervision_notes_only_by_the_supervisor_for_cafes(cw):
    cafe = cw.cohort.activities.get(kind=ActivityKind.LEARNING_CAFE)
    workshop = cw.cohort.activities.get(kind=ActivityKind.WORKSHOP)
    learning.supervision_note_create(
        actor=cw.supervisor, participant=cw.anna, activity=cafe, text="God fremdrift"
    )
    with pytest.raises(PermissionDenied):
        learning.supervision_note_create(
            actor=cw.instructor, participant=cw.anna, activity=cafe, text="x"
        )
    with pytest.raises(ValidationError):
        learning.supervision_note_create(
            actor=cw.supervisor, participant=cw.anna, activity=workshop, text="x"
        )
    assert [
        n.text for n in learning.supervision_notes_read(reader=cw.anna.user, participant=cw.anna)
    ] == ["God fremdrift"]
    for outsider in (
        cw.bo.user,
        cw.instructor,
        cw.world.helsingor_coordinator,
        cw.world.holbaek_coordinator,
    ):
        with pytest.raises(PermissionDenied):
            learning.supervision_notes_read(reader=outsider, participant=cw.anna)
    learning.supervision_notes_read(reader=cw.supervisor, participant=cw.anna)
    assert (
        AuditEntry.objects.filter(
            action="supervision_note.read", actor=cw.supervisor, subject=cw.anna.user
        ).count()
        == 1
    )


def test_survey_is_anonymous_and_once_per_person(cw):
    kickoff = cw.cohort.activities.get(kind=ActivityKind.KICKOFF)
    answers = {"relevance": 5, "learning": 4, "facilitation": 3, "comment": "Godt"}
    learning.survey_submit(
        actor=cw.anna.user, participant=cw.anna, activity=kickoff, answers=answers
    )
    field_names = {f.name for f in SurveyResponse._meta.get_fields()}
    assert "participant" not in field_names and "user" not in field_names
    with pytest.raises(ValidationError, match="allerede"):
        learning.survey_submit(
            actor=cw.anna.user, participant=cw.anna, activity=kickoff, answers=answers
        )
    with pytest.raises(ValidationError):
        learning.survey_submit(
            actor=cw.bo.user,
            participant=cw.bo,
            activity=kickoff,
            answers={**answers, "learning": 9},
        )
    assert SurveyResponse.objects.count() == 1


def test_actions_are_planned_and_completed_by_the_participant(cw):
    action = learning.action_create(
        actor=cw.anna.user,
        participant=cw.anna,
        activity=Activity.objects.first(),
        title="Interview",
        plan="Interview tre medarbejdere",
    )
    with pytest.raises(PermissionDenied):
        learning.action_complete(
            actor=cw.bo.user,
            action=action,
            done_on=date(2026, 9, 10),
            what_happened="x",
            learned="y",
        )
    with pytest.raises(ValidationError):
        learning.action_complete(
            actor=cw.anna.user,
            action=action,
            done_on=date(2026, 9, 10),
            what_happened=" ",
            learned="y",
        )
    learning.action_complete(
        actor=cw.anna.user,
        action=action,
        done_on=date(2026, 9, 10),
        what_happened="Tre interviews",
        learned="Lyt mere",
    )
    action.refresh_from_db()
    assert action.is_done and action.learned == "Lyt mere"
