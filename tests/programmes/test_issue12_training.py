# SPDX-License-Identifier: MPL-2.0
"""The training, made trustworthy: people reach their work through links, the
numbers are right, and nothing is lost (issue 12)."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from procesvaerk.core.models import AuditEntry
from procesvaerk.programmes import exam_services, selectors, services
from procesvaerk.programmes import learning_services as learning
from procesvaerk.programmes.forms import GradeForm
from procesvaerk.programmes.models import (
    Activity,
    ActivityKind,
    Attendance,
    Cohort,
    Programme,
)
from tests.programmes.conftest import exam_ahead, exam_held

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ANSWERS = {"relevance": 4, "learning": 4, "facilitation": 4, "comment": ""}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


def hand_in(participant):
    return exam_services.submission_upload(
        actor=participant.user,
        participant=participant,
        upload=SimpleUploadedFile("opgave.pdf", PDF),
        links="",
    )


def assign_censor(cw, submission):
    return exam_services.submission_assign(
        actor=cw.world.helsingor_coordinator,
        submission=submission,
        examiner=cw.instructor,
        censor=cw.world.censor,
    )


# --- Censor -----------------------------------------------------------------------


def test_censor_finds_assigned_submissions_from_the_menu(cw, media, client):
    submission = assign_censor(cw, hand_in(cw.anna))
    client.force_login(cw.world.censor)
    home = client.get(reverse("programmes:programme_list")).content.decode()
    mine = reverse("programmes:my_submissions")
    assert f'href="{mine}"' in home
    response = client.get(mine)
    assert response.status_code == 200
    page = response.content.decode()
    exam_link = reverse("programmes:exam", args=[cw.cohort.code]) + f"#s-{submission.code}"
    assert "Anna Andersen" in page and "Bo Berg" not in page and "Hold 2026" in page
    assert "30. december 2026" in page  # the cohort's exam date is the deadline
    assert "Ikke bedømt" in page
    assert exam_link in page
    assert client.get(reverse("programmes:exam", args=[cw.cohort.code])).status_code == 200


def test_grades_shown_on_my_submissions_are_audited_reads(cw, media, client):
    from procesvaerk.core.models import AuditEntry

    submission = assign_censor(cw, hand_in(cw.anna))
    exam_held(cw)
    exam_services.submission_grade(actor=cw.world.censor, submission=submission, grade=10)
    client.force_login(cw.instructor)  # the examiner sees the censor's grade
    page = client.get(reverse("programmes:my_submissions")).content.decode()
    assert "Anna Andersen" in page
    entry = AuditEntry.objects.get(action="exam.grades.read", actor=cw.instructor)
    assert entry.subject == cw.anna.user


def test_censor_menu_entry_is_shown_to_censors_only(cw, client):
    mine = reverse("programmes:my_submissions")
    client.force_login(cw.world.censor)
    assert f'href="{mine}"' in client.get("/").content.decode()
    client.force_login(cw.anna.user)
    assert f'href="{mine}"' not in client.get("/").content.decode()


# --- Supervisor ---------------------------------------------------------------------


def test_supervisor_reaches_shared_reflections_from_their_groups(cw, client):
    learning.reflection_create(
        actor=cw.anna.user, participant=cw.anna, text="Delt tanke", shared=True
    )
    learning.reflection_create(
        actor=cw.anna.user, participant=cw.anna, text="Privat tanke", shared=False
    )
    client.force_login(cw.supervisor)
    groups = reverse("programmes:my_groups")
    assert f'href="{groups}"' in client.get(reverse("programmes:programme_list")).content.decode()
    page = client.get(groups).content.decode()
    journal = reverse("programmes:participant_journal", args=[cw.cohort.code, cw.anna.code])
    assert journal in page and "1 delt refleksion" in page and "Hold 2026" in page
    # ... and from the participant's row on the cohort page.
    cohort_page = client.get(reverse("programmes:cohort_detail", args=[cw.cohort.code]))
    assert journal in cohort_page.content.decode()
    read = client.get(journal).content.decode()
    assert "Delt tanke" in read and "Privat tanke" not in read


def test_a_supervisor_from_outside_the_staff_lands_on_their_groups(cw, client):
    # A graduate consultant from Hillerød supervises: no staff role in Helsingør.
    outside = cw.world.hillerod_consultant
    group = cw.cohort.groups.get()
    group.supervisor = outside
    group.save()
    client.force_login(outside)
    response = client.get(reverse("programmes:cohort_detail", args=[cw.cohort.code]))
    assert response.status_code == 302 and response.url == reverse("programmes:my_groups")
    page = client.get(response.url).content.decode()
    journal = reverse("programmes:participant_journal", args=[cw.cohort.code, cw.bo.code])
    assert journal in page
    assert client.get(journal).status_code == 200


# --- Exam page ----------------------------------------------------------------------


def test_exam_page_lists_who_has_not_handed_in_and_links_to_the_cohort(cw, media, client):
    hand_in(cw.anna)
    client.force_login(cw.world.helsingor_coordinator)
    page = client.get(reverse("programmes:exam", args=[cw.cohort.code])).content.decode()
    assert "Anna Andersen" in page
    assert "Ikke afleveret" in page and "Bo Berg" in page
    assert reverse("programmes:cohort_detail", args=[cw.cohort.code]) in page


# --- Numbers ------------------------------------------------------------------------


def test_attendance_counts_only_activities_that_have_taken_place(cw):
    coordinator = cw.world.helsingor_coordinator
    exam_ahead(cw)
    past = list(cw.cohort.activities.filter(starts_at__lte=timezone.now()).order_by("starts_at"))
    future = cw.cohort.activities.get(kind=ActivityKind.EXAM)
    assert future.starts_at > timezone.now() and len(past) >= 1
    services.attendance_record(
        actor=coordinator, activity=past[0], statuses={cw.anna.pk: Attendance.Status.PRESENT}
    )
    _activities, rows, per_activity = selectors.attendance_matrix(cw.cohort)
    anna = next(r for r in rows if r.participant == cw.anna)
    assert (anna.present, anna.held) == (1, len(past))
    assert per_activity[0] == 1 and per_activity[-1] is None


def test_a_future_activity_cannot_be_evaluated(cw, client):
    exam_ahead(cw)
    exam = cw.cohort.activities.get(kind=ActivityKind.EXAM)
    with pytest.raises(ValidationError, match="først evalueres, når den har fundet sted"):
        learning.survey_submit(
            actor=cw.anna.user, participant=cw.anna, activity=exam, answers=ANSWERS
        )
    client.force_login(cw.anna.user)
    page = client.get(reverse("programmes:my_cohort", args=[cw.cohort.code])).content.decode()
    assert reverse("programmes:survey", args=[cw.cohort.code, exam.code]) not in page


def test_a_camp_shows_its_date_range_on_the_page_and_in_the_feed(cw, client):
    camp = Activity.objects.create(
        cohort=cw.cohort,
        kind=ActivityKind.CAMP,
        title="Internat",
        starts_at=timezone.make_aware(timezone.datetime(2026, 10, 13, 9)),
        ends_at=timezone.make_aware(timezone.datetime(2026, 10, 15, 15)),
    )
    client.force_login(cw.world.helsingor_coordinator)
    page = client.get(reverse("programmes:cohort_detail", args=[cw.cohort.code])).content.decode()
    assert "13. oktober 2026</time>–<time" in page and "15. oktober 2026" in page
    calendar_page = client.get(reverse("programmes:calendar", args=[cw.cohort.code]))
    assert "15. oktober 2026" in calendar_page.content.decode()
    feed = client.get(reverse("programmes:cohort_feed", args=[cw.cohort.feed_token]))
    events = {str(e["uid"]): e for e in Calendar.from_ical(feed.content).walk("VEVENT")}
    event = events[f"{camp.code}@procesvaerk"]
    assert event.decoded("dtstart") == date(2026, 10, 13)
    assert event.decoded("dtend") == date(2026, 10, 16)  # exclusive: all of the 15th


def test_plan_generator_moves_activities_off_weekends_and_holidays(world, client):
    programme = Programme.objects.create(municipality=world.helsingor, name="Skabelon")
    for order, (title, offset) in enumerate([("Kick-off", 0), ("Workshop", 4), ("Café", 5)]):
        programme.plan.create(
            order=order,
            kind=ActivityKind.WORKSHOP,
            title=title,
            offset_days=offset,
            start_time=time(9),
            duration_hours=Decimal(3),
        )
    client.force_login(world.helsingor_coordinator)
    # Start on skærtorsdag 2 April 2026 -> Tuesday 7 April; +4 is 2. påskedag -> 7 April;
    # +5 is 7 April already.
    response = client.post(
        reverse("programmes:cohort_create", args=[programme.code]),
        {"name": "Påskeholdet", "start_date": "2026-04-02"},
        follow=True,
    )
    cohort = Cohort.objects.get(name="Påskeholdet")
    days = [timezone.localtime(a.starts_at).date() for a in cohort.activities.all()]
    assert days == [date(2026, 4, 7)] * 3
    page = response.content.decode()
    assert "flyttet til næste arbejdsdag" in page
    assert "Kick-off fra 2. april 2026 til 7. april 2026" in page
    assert "Workshop fra 6. april 2026 til 7. april 2026" in page
    assert "Café fra" not in page
    # The coordinator can still move an activity by hand, even onto a Saturday.
    kickoff = cohort.activities.get(title="Kick-off")
    saturday = timezone.make_aware(timezone.datetime(2026, 4, 11, 10))
    services.activity_move(actor=world.helsingor_coordinator, activity=kickoff, starts_at=saturday)
    kickoff.refresh_from_db()
    assert kickoff.starts_at == saturday


def test_training_workplace_is_named_with_unit_and_municipality(cw, client):
    workplace = services.workplace_add(
        actor=cw.world.helsingor_coordinator, cohort=cw.cohort, unit=cw.world.helsingor_unit
    )
    assert str(workplace) == "Hjemmeplejen, Helsingør"
    services.participant_set_placement(
        actor=cw.world.helsingor_coordinator, participant=cw.anna, group=None, workplace=workplace
    )
    client.force_login(cw.world.helsingor_coordinator)
    page = client.get(reverse("programmes:cohort_detail", args=[cw.cohort.code])).content.decode()
    assert page.count("Hjemmeplejen, Helsingør") >= 3  # the list and each participant's select
    client.force_login(cw.anna.user)
    mine = client.get(reverse("programmes:my_cohort", args=[cw.cohort.code])).content.decode()
    assert "Hjemmeplejen, Helsingør" in mine


# --- Nothing is lost ----------------------------------------------------------------


def test_complete_asks_for_confirmation_and_only_once(cw, client):
    coordinator = cw.world.helsingor_coordinator
    url = reverse("programmes:cohort_complete", args=[cw.cohort.code])
    dates = {"corps_from": "2027-01-01", "corps_to": "2027-12-31"}
    client.force_login(coordinator)
    page = client.post(url, dates, follow=True).content.decode()
    assert "Bekræft, at du vil afslutte holdet." in page
    cw.cohort.refresh_from_db()
    assert cw.cohort.completed_at is None
    page = client.post(url, {**dates, "confirm": "on"}, follow=True).content.decode()
    cw.cohort.refresh_from_db()
    assert cw.cohort.completed_at is not None
    assert url not in page  # no second "Afslut holdet" on a completed cohort
    with pytest.raises(ValidationError, match="allerede afsluttet"):
        services.cohort_complete(
            actor=coordinator,
            cohort=cw.cohort,
            corps_from=date(2027, 1, 1),
            corps_to=date(2027, 12, 31),
        )


def test_grade_field_starts_empty():
    html = str(GradeForm(prefix="x")["grade"])
    assert '<option value="" selected>' in html
    assert 'value="-3" selected' not in html
    assert not GradeForm({"x-grade": ""}, prefix="x").is_valid()


def test_grading_opens_on_the_exam_date(cw, media):
    submission = assign_censor(cw, hand_in(cw.anna))
    exam_ahead(cw)
    exam = cw.cohort.activities.get(kind="exam")
    opens = timezone.localtime(exam.starts_at).strftime("%d.%m.%Y")  # Danish SHORT_DATE_FORMAT
    with pytest.raises(ValidationError, match=f"Bedømmelsen åbner på eksamensdagen, {opens}"):
        exam_services.submission_grade(actor=cw.world.censor, submission=submission, grade=7)
    submission.refresh_from_db()
    assert submission.grade is None
    exam_held(cw)
    exam_services.submission_grade(
        actor=cw.world.censor, submission=submission, grade=7, reasoning="God analyse."
    )
    submission.refresh_from_db()
    assert (submission.grade, submission.censor_reasoning) == (7, "God analyse.")
    assert submission.examiner_reasoning == ""
    # The examiner writes their own reasoning; the censor's stays.
    exam_services.submission_grade(
        actor=submission.examiner, submission=submission, grade=7, reasoning="Enig."
    )
    submission.refresh_from_db()
    assert (submission.censor_reasoning, submission.examiner_reasoning) == ("God analyse.", "Enig.")


def test_reasoning_has_a_maximum_length(cw, media):
    submission = assign_censor(cw, hand_in(cw.anna))
    exam_held(cw)
    with pytest.raises(ValidationError, match="højst være på 2000 tegn"):
        exam_services.submission_grade(
            actor=cw.world.censor, submission=submission, grade=7, reasoning="x" * 2001
        )


def test_grade_changed_after_completion_needs_a_reason_and_is_audited(cw, media, client):
    submission = assign_censor(cw, hand_in(cw.anna))
    exam_held(cw)
    exam_services.submission_grade(actor=cw.world.censor, submission=submission, grade=7)
    services.cohort_complete(
        actor=cw.world.helsingor_coordinator,
        cohort=cw.cohort,
        corps_from=date(2027, 1, 1),
        corps_to=date(2027, 12, 31),
    )
    submission.refresh_from_db()
    with pytest.raises(ValidationError, match="angiv en begrundelse"):
        exam_services.submission_grade(actor=cw.world.censor, submission=submission, grade=10)
    submission.refresh_from_db()
    assert submission.grade == 7
    client.force_login(cw.world.censor)
    page = client.get(reverse("programmes:exam", args=[cw.cohort.code])).content.decode()
    assert f'name="{submission.code}-reason"' in page
    client.post(
        reverse("programmes:submission_grade", args=[cw.cohort.code, submission.code]),
        {f"{submission.code}-grade": "10", f"{submission.code}-reason": "Klage imødekommet."},
    )
    submission.refresh_from_db()
    assert submission.grade == 10
    entry = AuditEntry.objects.filter(action="exam.grade").order_by("-pk").first()
    assert entry.detail == {"grade": 10, "previous": 7, "reason": "Klage imødekommet."}


def test_exam_date_defaults_to_cohort_exam_activity(cw):
    assert exam_services.exam_date(cw.cohort) == date(2026, 12, 30)
    cw.cohort.activities.filter(kind=ActivityKind.EXAM).delete()
    assert exam_services.exam_date(cw.cohort) is None
