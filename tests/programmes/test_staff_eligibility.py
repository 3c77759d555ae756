# SPDX-License-Identifier: MPL-2.0
"""Services accept only people who may hold the part, and record who was given it;
reading other people's grades is audited."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procesvaerk.accounts.roles import Role
from procesvaerk.core.models import AuditEntry
from procesvaerk.programmes import exam_services, services
from tests.conftest import make_user
from tests.programmes.conftest import exam_held

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


def _hand_in(participant):
    return exam_services.submission_upload(
        actor=participant.user,
        participant=participant,
        upload=SimpleUploadedFile("a.pdf", PDF),
        links="",
    )


def test_instructor_add_refuses_outsiders_censors_and_participants(cw):
    coordinator = cw.world.helsingor_coordinator
    for wrong in (
        cw.world.holbaek_coordinator,  # another cooperation
        cw.world.censor,  # a censor, not an instructor
        cw.world.hillerod_consultant,  # in the cooperation, but not teaching staff
        cw.world.outsider,
    ):
        with pytest.raises(services.ValidationError):
            services.instructor_add(actor=coordinator, cohort=cw.cohort, user=wrong)
    both = make_user("both@helsingor.test", "Both", (cw.world.helsingor, Role.INSTRUCTOR))
    services.participant_add(
        actor=coordinator, cohort=cw.cohort, user=both, municipality=cw.world.helsingor
    )
    with pytest.raises(services.ValidationError):
        services.instructor_add(actor=coordinator, cohort=cw.cohort, user=both)
    assert not cw.cohort.instructors.exists()
    services.instructor_add(actor=coordinator, cohort=cw.cohort, user=cw.instructor)
    entry = AuditEntry.objects.get(action="cohort.instructor.add")
    assert entry.subject == cw.instructor and entry.actor == coordinator


def test_supervisor_must_be_staff_of_the_cooperation_and_is_audited(cw):
    group = cw.cohort.groups.get()
    coordinator = cw.world.helsingor_coordinator
    for wrong in (cw.world.holbaek_coordinator, cw.world.censor, cw.bo.user):
        with pytest.raises(services.ValidationError):
            services.group_set_supervisor(actor=coordinator, group=group, supervisor=wrong)
    group.refresh_from_db()
    assert group.supervisor == cw.supervisor
    hillerod_instructor = make_user("i@hillerod.test", "Ida", (cw.world.hillerod, Role.INSTRUCTOR))
    services.group_set_supervisor(actor=coordinator, group=group, supervisor=hillerod_instructor)
    entry = AuditEntry.objects.filter(action="group.supervisor.set").latest("at")
    assert entry.subject == hillerod_instructor


def test_submission_assign_refuses_the_wrong_examiner_or_censor(cw, media):
    sub = _hand_in(cw.anna)
    coordinator = cw.world.helsingor_coordinator
    holbaek_censor = make_user("c@holbaek.test", "Cæcilie", (cw.world.holbaek, Role.CENSOR))
    hillerod_instructor = make_user("i@hillerod.test", "Ida", (cw.world.hillerod, Role.INSTRUCTOR))
    for examiner, censor in (
        (cw.world.hillerod_consultant, None),  # not teaching staff
        (hillerod_instructor, None),  # staff, but not of the cohort's municipality
        (cw.bo.user, None),  # a participant
        (None, holbaek_censor),  # a censor of another cooperation
        (None, cw.instructor),  # no censor role
        (cw.instructor, cw.instructor),
    ):
        with pytest.raises(exam_services.ValidationError):
            exam_services.submission_assign(
                actor=coordinator, submission=sub, examiner=examiner, censor=censor
            )
    exam_services.submission_assign(
        actor=coordinator, submission=sub, examiner=cw.instructor, censor=cw.world.censor
    )
    sub.refresh_from_db()
    assert sub.examiner == cw.instructor and sub.censor == cw.world.censor


def test_cohort_page_offers_only_eligible_people_and_searches(client, cw):
    make_user("nina@helsingor.test", "Nina Nypraktikant", (cw.world.helsingor, Role.VIEWER))
    client.force_login(cw.world.helsingor_coordinator)
    url = reverse("programmes:cohort_detail", args=[cw.cohort.code])
    page = client.get(url).content.decode()
    add_form = page.split('id="add-participant"', 1)[1].split("</section>", 1)[0]
    assert "Nina Nypraktikant" in add_form
    assert "Carl Censor" not in add_form  # a censor
    assert "Anna Andersen" not in add_form and "Bo Berg" not in add_form  # already taking part
    searched = client.get(url, {"q": "nypra"}).content.decode()
    add_form = searched.split('id="add-participant"', 1)[1].split("</section>", 1)[0]
    assert "Nina Nypraktikant" in add_form and "Lene Leder" not in add_form
    instructors = page.split('id="instructors"', 1)[1].split("</section>", 1)[0]
    # The Holbæk coordinator is outside the cooperation; the censor holds the wrong role.
    assert "Carl Censor" not in instructors and "Hans Koordinator" not in instructors


def test_reading_other_peoples_grades_is_audited(client, cw, media):
    sub = _hand_in(cw.anna)
    exam_services.submission_assign(
        actor=cw.world.helsingor_coordinator,
        submission=sub,
        examiner=cw.instructor,
        censor=cw.world.censor,
    )
    exam_held(cw)
    exam_services.submission_grade(actor=cw.world.censor, submission=sub, grade=10)
    exam_url = reverse("programmes:exam", args=[cw.cohort.code])
    client.force_login(cw.anna.user)
    client.get(exam_url)
    client.get(reverse("programmes:my_cohort", args=[cw.cohort.code]))
    assert not AuditEntry.objects.filter(action="exam.grades.read").exists()  # her own
    client.force_login(cw.world.helsingor_coordinator)
    client.get(exam_url)
    entry = AuditEntry.objects.get(action="exam.grades.read")
    assert entry.actor == cw.world.helsingor_coordinator and entry.subject == cw.anna.user
    assert entry.municipality == cw.cohort.municipality
