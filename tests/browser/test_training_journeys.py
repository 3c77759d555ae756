# SPDX-License-Identifier: MPL-2.0
"""The censor's and the supervisor's journeys, by clicking only from the home page,
axe-clean on every page (issue 12)."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from procesvaerk.accounts.roles import Role
from procesvaerk.core.models import AuditEntry
from procesvaerk.programmes import exam_services, services
from procesvaerk.programmes import learning_services as learning
from procesvaerk.programmes.models import ActivityKind, Programme, Submission
from tests.browser.conftest import assert_no_axe_violations, open_menu
from tests.browser.test_corps_flow import sign_in
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _cohort(world):
    """A cohort whose exam was held 60 days ago, two participants in one group."""
    programme = Programme.objects.create(
        municipality=world.helsingor, name="Proceskonsulentuddannelsen", visibility="cooperation"
    )
    for order, (kind, title, offset) in enumerate(
        [
            (ActivityKind.KICKOFF, "Kick-off", 0),
            (ActivityKind.LEARNING_CAFE, "Læringscafé 1", 30),
            (ActivityKind.EXAM, "Eksamen", 90),
        ]
    ):
        programme.plan.create(
            order=order,
            kind=kind,
            title=title,
            offset_days=offset,
            start_time=time(9),
            duration_hours=Decimal(3),
        )
    coordinator = world.helsingor_coordinator
    cohort = services.cohort_create(
        actor=coordinator,
        programme=programme,
        municipality=world.helsingor,
        name="Hold Forår",
        start_date=date.today() - timedelta(days=150),
    )
    anna = make_user("anna@helsingor.test", "Anna Andersen", (world.helsingor, Role.VIEWER))
    bo = make_user("bo@hillerod.test", "Bo Berg", (world.hillerod, Role.CONSULTANT))
    supervisor = make_user(
        "sup@helsingor.test", "Sara Supervisor", (world.helsingor, Role.INSTRUCTOR)
    )
    participants = [
        services.participant_add(
            actor=coordinator, cohort=cohort, user=user, municipality=municipality
        )
        for user, municipality in ((anna, world.helsingor), (bo, world.hillerod))
    ]
    (group,) = services.groups_compose(actor=coordinator, cohort=cohort, size=2)
    services.group_set_supervisor(actor=coordinator, group=group, supervisor=supervisor)
    for participant in participants:
        participant.refresh_from_db()
    return cohort, participants, supervisor


def test_censor_journey_from_home_to_grade_by_clicking(page, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    _cohort_made, (anna, bo), _supervisor = _cohort(world)
    for participant in (anna, bo):
        submission = exam_services.submission_upload(
            actor=participant.user,
            participant=participant,
            upload=SimpleUploadedFile("opgave.pdf", PDF),
            links="",
        )
    exam_services.submission_assign(
        actor=world.helsingor_coordinator,
        submission=Submission.objects.get(participant=anna),
        examiner=None,
        censor=world.censor,
    )

    sign_in(page, "censor@eksamen.test")
    assert_no_axe_violations(page)
    open_menu(page, "Uddannelse", "Mine eksamensopgaver")
    page.get_by_role("heading", name="Mine eksamensopgaver").wait_for()
    assert_no_axe_violations(page)
    assert page.get_by_role("cell", name="Hold Forår").is_visible()
    assert page.get_by_role("cell", name="Ikke bedømt").is_visible()
    assert not page.get_by_text("Bo Berg").count()
    page.get_by_role("link", name="Anna Andersen").click()
    page.get_by_role("heading", name="Eksamen: Hold Forår").wait_for()
    assert "Adgang nægtet" not in page.content()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="opgave.pdf").wait_for()
    page.get_by_label("Karakter", exact=True).select_option(label="10")
    page.get_by_label("Begrundelse for karakteren").fill("Klar analyse og god facilitering.")
    page.get_by_role("button", name="Gem karakter").click()
    page.get_by_text("Karakteren er gemt.").wait_for()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Mine eksamensopgaver").first.click()
    page.get_by_role("heading", name="Mine eksamensopgaver").wait_for()
    assert page.get_by_role("cell", name="10", exact=True).is_visible()
    assert_no_axe_violations(page)
    # ... and the Uddannelse page leads there too.
    open_menu(page, "Uddannelse", "Uddannelse")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Se dine eksamensopgaver").click()
    page.get_by_role("heading", name="Mine eksamensopgaver").wait_for()
    graded = Submission.objects.get(participant=anna)
    assert (graded.grade, graded.censor_reasoning) == (10, "Klar analyse og god facilitering.")
    submission.refresh_from_db()
    assert submission.grade is None  # Bo's is not assigned to this censor: untouched


def test_supervisor_journey_to_shared_reflections_by_clicking(page, world):
    cohort, (anna, _bo), supervisor = _cohort(world)
    learning.reflection_create(
        actor=anna.user, participant=anna, text="Jeg turde stille det svære spørgsmål.", shared=True
    )
    learning.reflection_create(
        actor=anna.user, participant=anna, text="Min private tanke.", shared=False
    )

    sign_in(page, "sup@helsingor.test")
    assert_no_axe_violations(page)
    open_menu(page, "Uddannelse", "Mine læringsgrupper")
    page.get_by_role("heading", name="Mine læringsgrupper").wait_for()
    assert_no_axe_violations(page)
    assert page.get_by_text("1 delt refleksion").first.is_visible()
    page.get_by_role("link", name="Anna Andersen").click()
    page.get_by_role("heading", name="Anna Andersen").wait_for()
    assert_no_axe_violations(page)
    assert page.get_by_text("Jeg turde stille det svære spørgsmål.").is_visible()
    assert not page.get_by_text("Min private tanke.").count()
    page.get_by_label("Supervisionsnote").fill("Arbejd videre med de åbne spørgsmål.")
    page.get_by_role("button", name="Gem").click()
    page.get_by_text("Noten er gemt.").wait_for()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Mine læringsgrupper").first.click()
    page.get_by_text("1 supervisionsnote").first.wait_for()
    assert_no_axe_violations(page)
    # The other way: Uddannelse, the cohort, the participant's row.
    open_menu(page, "Uddannelse", "Uddannelse")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Hold Forår").click()
    page.get_by_role("heading", name="Hold Forår").wait_for()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Anna Andersen").click()
    page.get_by_role("heading", name="Anna Andersen").wait_for()
    assert_no_axe_violations(page)
    assert "Adgang nægtet" not in page.content()
    assert AuditEntry.objects.filter(actor=supervisor, subject=anna.user).exists()
    assert cohort.participants.count() == 2
