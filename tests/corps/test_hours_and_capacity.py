# SPDX-License-Identifier: MPL-2.0
"""Issue 12, the corps: hours inside the periods, correction until the month is
approved, the coordinator's view of entries, the ledger's basis, capacity in matching
and on the consultants page, and what the coordinator and leader are shown."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from procesvaerk.core.models import AuditEntry
from procesvaerk.corps import feedback_services, hours_services, matching, selectors, services
from procesvaerk.corps.models import ConsultantProfile, Engagement, HoursApproval, TimeEntry
from procesvaerk.tasks import services as task_services
from procesvaerk.tasks.models import ProcessTask
from tests.corps.conftest import TODAY, request_task

pytestmark = pytest.mark.django_db


def _engagement(task: ProcessTask, world) -> Engagement:
    return Engagement.objects.get(task=task, consultant=world.hillerod_consultant)


def _register(world, engagement, day, hours="2"):
    return hours_services.time_register(
        actor=world.hillerod_consultant, engagement=engagement, day=day, hours=Decimal(hours)
    )


# --- 1. hours ---------------------------------------------------------------------


def test_hours_must_fall_inside_the_task_and_corps_periods(corps, running_task):
    engagement = _engagement(running_task, corps)
    before_task = running_task.period_start - timedelta(days=1)
    with pytest.raises(ValidationError, match="opgavens periode"):
        _register(corps, engagement, before_task)
    with pytest.raises(ValidationError, match="opgavens periode"):
        _register(corps, engagement, date(2020, 1, 6))
    with pytest.raises(ValidationError, match="fremtiden"):
        _register(corps, engagement, TODAY + timedelta(days=1))
    ConsultantProfile.objects.filter(user=corps.hillerod_consultant).update(
        corps_from=TODAY - timedelta(days=5)
    )
    with pytest.raises(ValidationError, match="korpsperiode"):
        _register(corps, engagement, TODAY - timedelta(days=10))
    assert not TimeEntry.objects.exists()
    assert _register(corps, engagement, TODAY).hours == Decimal("2")


def test_the_time_page_shows_a_date_outside_the_period_on_the_field(client, corps, running_task):
    engagement = _engagement(running_task, corps)
    client.force_login(corps.hillerod_consultant)
    response = client.post(
        reverse("corps:time_entries", args=[engagement.code]),
        {"day": "2020-01-06", "hours": "3"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_day_error"' in page and "opgavens periode" in page
    assert not TimeEntry.objects.exists()


def test_the_consultant_corrects_and_deletes_own_entries_audited(client, corps, running_task):
    engagement = _engagement(running_task, corps)
    entry = _register(corps, engagement, TODAY, "2")
    with pytest.raises(PermissionDenied):
        hours_services.time_update(
            actor=corps.helsingor_coordinator, entry=entry, day=TODAY, hours=Decimal("1")
        )
    client.force_login(corps.hillerod_consultant)
    page = client.get(reverse("corps:time_entries", args=[engagement.code])).content.decode()
    edit_url = reverse("corps:time_entry_edit", args=[entry.code])
    assert edit_url in page
    response = client.post(edit_url, {"day": TODAY.isoformat(), "hours": "3.5", "note": "Rettet"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.hours == Decimal("3.5") and entry.note == "Rettet"
    assert AuditEntry.objects.filter(action="corps.time.update").count() == 1
    client.post(reverse("corps:time_entry_delete", args=[entry.code]))
    assert not TimeEntry.objects.filter(pk=entry.pk).exists()
    assert AuditEntry.objects.filter(action="corps.time.delete").count() == 1


def test_an_approved_month_is_locked(client, corps, running_task):
    engagement = _engagement(running_task, corps)
    entry = _register(corps, engagement, TODAY, "2")
    with pytest.raises(PermissionDenied):  # Hillerød's coordinator: not the task's municipality
        hours_services.hours_approve(
            actor=corps.hillerod_coordinator,
            consultant=corps.hillerod_consultant,
            municipality=corps.helsingor,
            year=TODAY.year,
            month=TODAY.month,
        )
    coordinator = corps.helsingor_coordinator
    client.force_login(coordinator)
    hours_url = reverse("corps:hours")
    page = client.get(
        hours_url,
        {"konsulent": corps.hillerod_consultant.code, "maaned": f"{TODAY:%Y-%m}"},
    ).content.decode()
    assert "Godkend timerne for Kim Konsulent" in page
    client.post(
        reverse("corps:hours_approve"),
        {
            "konsulent": corps.hillerod_consultant.code,
            "kommune": corps.helsingor.code,
            "maaned": f"{TODAY:%Y-%m}",
        },
    )
    assert HoursApproval.objects.filter(approved_by=coordinator).count() == 1
    assert AuditEntry.objects.filter(action="corps.hours.approve").count() == 1
    for attempt in (
        lambda: hours_services.time_update(
            actor=corps.hillerod_consultant, entry=entry, day=TODAY, hours=Decimal("1")
        ),
        lambda: hours_services.time_delete(actor=corps.hillerod_consultant, entry=entry),
        lambda: _register(corps, engagement, TODAY, "1"),
    ):
        with pytest.raises(ValidationError, match="godkendt"):
            attempt()
    entry.refresh_from_db()
    assert entry.hours == Decimal("2")
    client.force_login(corps.hillerod_consultant)
    page = client.get(reverse("corps:time_entries", args=[engagement.code])).content.decode()
    assert reverse("corps:time_entry_edit", args=[entry.code]) not in page
    assert "Ja, låst" in page


def test_the_coordinator_reaches_individual_entries_by_links(client, corps, running_task):
    engagement = _engagement(running_task, corps)
    _register(corps, engagement, TODAY, "2.5")
    client.force_login(corps.helsingor_coordinator)
    task_page = client.get(reverse("tasks:task_detail", args=[running_task.code])).content.decode()
    by_task = f"{reverse('corps:hours')}?opgave={running_task.code}"
    assert by_task in task_page
    consultants = client.get(reverse("corps:consultant_list")).content.decode()
    by_consultant = f"{reverse('corps:hours')}?konsulent={corps.hillerod_consultant.code}"
    assert by_consultant in consultants
    page = client.get(reverse("corps:hours"), {"opgave": running_task.code}).content.decode()
    assert "2,5" in page and "Kim Konsulent" in page
    client.force_login(corps.holbaek_coordinator)  # neither lender nor borrower
    page = client.get(reverse("corps:hours"), {"opgave": running_task.code}).content.decode()
    assert "Kim Konsulent" not in page


def test_the_ledger_states_its_basis_and_shows_what_is_approved(client, corps, running_task):
    engagement = _engagement(running_task, corps)
    _register(corps, engagement, TODAY, "4")
    quarters = selectors.lending_ledger(corps.helsingor_coordinator)
    row = next(r for r in quarters[0]["rows"] if r.municipality == corps.helsingor)
    assert (row.borrowed, row.borrowed_approved) == (Decimal("4"), Decimal("0"))
    hours_services.hours_approve(
        actor=corps.helsingor_coordinator,
        consultant=corps.hillerod_consultant,
        municipality=corps.helsingor,
        year=TODAY.year,
        month=TODAY.month,
    )
    quarters = selectors.lending_ledger(corps.helsingor_coordinator)
    lender = next(r for r in quarters[0]["rows"] if r.municipality == corps.hillerod)
    assert (lender.lent, lender.lent_approved) == (Decimal("4"), Decimal("4"))
    client.force_login(corps.helsingor_coordinator)
    page = client.get(reverse("corps:ledger")).content.decode()
    assert "heraf godkendt" in page and "godkendt eller ej" in page


# --- 2. capacity ------------------------------------------------------------------


NEED = matching.Need(
    municipality_id=1,
    cooperation_id=1,
    unit_id=1,
    competences=frozenset({"facilitation", "benefits_realisation"}),
    period_start=date(2026, 1, 1),
    period_end=date(2026, 1, 31),
    hours=40,
    competence_labels={"benefits_realisation": "Gevinstrealisering"},
)


def _candidate(**extra):
    values = {
        "key": 1,
        "name": "A",
        "municipality_id": 1,
        "municipality_name": "X",
        "cooperation_id": 1,
        "unit_id": None,
        "competences": frozenset({"facilitation"}),
        "cross_municipality": False,
        "capacity_per_month": 10,
        "corps_from": date(2025, 1, 1),
        "corps_to": date(2027, 1, 1),
    }
    values.update(extra)
    return matching.Candidate(**values)


def test_the_reason_names_the_missing_competence():
    suggestion = matching.score_candidate(NEED, _candidate())
    assert suggestion is not None
    assert any("mangler: Gevinstrealisering" in r for r in suggestion.reasons)


def test_matching_defaults_to_at_most_the_hours_left_and_warns():
    suggestion = matching.score_candidate(NEED, _candidate())
    assert suggestion is not None
    assert suggestion.hours_left == pytest.approx(10.2, abs=0.1)
    assert suggestion.default_hours == 10.0 and suggestion.over_capacity
    roomy = matching.score_candidate(NEED, _candidate(capacity_per_month=100))
    assert roomy is not None and roomy.default_hours == 40 and not roomy.over_capacity


def test_suggestions_page_warns_and_starts_at_what_is_left(client, corps, agreed_task):
    ConsultantProfile.objects.update(capacity_hours=1)
    client.force_login(corps.helsingor_coordinator)
    page = client.get(reverse("corps:suggestions", args=[agreed_task.code])).content.decode()
    assert "mere end de" in page  # the warning
    assert f'value="{agreed_task.estimated_hours}"' not in page
    kim = next(
        s
        for s in selectors.suggestions_for(agreed_task, corps.helsingor_coordinator)
        if s.candidate.key == corps.hillerod_consultant.pk
    )
    assert f'value="{kim.default_hours:.1f}"' in page
    response = client.post(
        reverse("corps:suggestions", args=[agreed_task.code]),
        {"consultant": corps.hillerod_consultant.code, "planned_hours": "80"},
        follow=True,
    )
    assert "har kun" in response.content.decode()


def test_consultants_page_highlights_overbooking_and_searches_by_name(client, corps, running_task):
    ConsultantProfile.objects.filter(user=corps.hillerod_consultant).update(capacity_hours=1)
    client.force_login(corps.helsingor_coordinator)
    page = client.get(reverse("corps:consultant_list")).content.decode()
    assert page.count('class="pv-over-capacity"') == 1 and "Booket over kapacitet" in page
    found = client.get(reverse("corps:consultant_list"), {"navn": "kim"}).content.decode()
    assert "Kim Konsulent" in found and "Hanne Hjælper" not in found


# --- 3. the task ------------------------------------------------------------------


def test_a_period_that_has_ended_is_refused_on_request_and_correction(client, corps):
    ended = {"period_start": TODAY - timedelta(days=40), "period_end": TODAY - timedelta(days=1)}
    form = {
        "title": "Ny titel",
        "unit": corps.helsingor_unit.pk,
        "background": "b",
        "desired_outcome": "d",
        "task_types": ["facilitation"],
        "period_start": ended["period_start"].isoformat(),
        "period_end": ended["period_end"].isoformat(),
        "size": "small",
    }
    client.force_login(corps.helsingor_leader)
    response = client.post(reverse("tasks:task_request"), form)
    page = response.content.decode()
    assert 'id="id_period_end_error"' in page and "allerede sluttet" in page
    assert not ProcessTask.objects.exists()
    task = request_task(corps)
    response = client.post(reverse("tasks:task_edit", args=[task.code]), form)
    page = response.content.decode()
    assert 'id="id_period_end_error"' in page and "allerede sluttet" in page
    task.refresh_from_db()
    assert task.title != "Ny titel"


# --- 4. nothing is lost --------------------------------------------------------


def test_the_retrospective_opens_with_what_was_written(client, corps, running_task):
    task_services.task_transition(
        actor=corps.helsingor_coordinator, task=running_task, to_status="delivered"
    )
    feedback_services.retrospective_save(
        actor=corps.hillerod_consultant,
        task=running_task,
        start="Flere workshops",
        stop="Lange mails",
        keep="Tavlemøder",
    )
    client.force_login(corps.hillerod_consultant)
    page = client.get(reverse("corps:retrospective", args=[running_task.code])).content.decode()
    assert "Flere workshops" in page and "Lange mails" in page and "Tavlemøder" in page


def test_the_consultants_reply_is_shown_to_the_coordinator(client, corps, agreed_task):
    engagement = services.engagement_assign(
        actor=corps.helsingor_coordinator,
        task=agreed_task,
        consultant=corps.hillerod_consultant,
        planned_hours=Decimal("10"),
    )
    services.engagement_respond(
        actor=corps.hillerod_consultant,
        engagement=engagement,
        accept=False,
        comment="Jeg er på ferie i marts",
    )
    client.force_login(corps.helsingor_coordinator)
    task_page = client.get(reverse("tasks:task_detail", args=[agreed_task.code])).content.decode()
    assert "Jeg er på ferie i marts" in task_page
    page = client.get(reverse("corps:suggestions", args=[agreed_task.code])).content.decode()
    assert "Jeg er på ferie i marts" in page


@pytest.mark.parametrize(
    ("value", "message"),
    [("", "Skriv de planlagte timer"), ("-3", "mindst 0,5"), ("0", "mindst 0,5")],
)
def test_empty_or_negative_planned_hours_get_a_danish_message_on_the_field(
    client, corps, agreed_task, value, message
):
    client.force_login(corps.helsingor_coordinator)
    response = client.post(
        reverse("corps:suggestions", args=[agreed_task.code]),
        {"consultant": corps.hillerod_consultant.code, "planned_hours": value},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "form-error-message" in page and message in page
    assert not Engagement.objects.exists()


def test_the_leader_reads_the_whole_case_before_consenting(client, corps, running_task):
    task_services.task_transition(
        actor=corps.helsingor_coordinator, task=running_task, to_status="delivered"
    )
    feedback_services.case_draft(
        actor=corps.helsingor_coordinator,
        task=running_task,
        title="Kortere overlevering",
        summary="Et resumé uden navne",
        methods_used="Procesworkshop og tavlemøder",
        outcome="Overlevering på 12 minutter",
    )
    client.force_login(corps.helsingor_leader)
    page = client.get(reverse("tasks:task_detail", args=[running_task.code])).content.decode()
    consent = page.index(reverse("corps:case_publish", args=[running_task.code]))
    for text in ("Et resumé uden navne", "Procesworkshop og tavlemøder", "Overlevering på 12"):
        assert -1 < page.find(text) < consent
