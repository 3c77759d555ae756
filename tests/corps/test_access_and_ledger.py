# SPDX-License-Identifier: MPL-2.0
"""Access across municipalities, engagements, hours, the lending ledger and cases."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from procesvaerk.core.models import Visibility
from procesvaerk.corps import feedback_services, selectors, services
from procesvaerk.corps.models import ConsultantProfile, TimeEntry
from procesvaerk.tasks import services as task_services
from tests.corps.conftest import TODAY, request_task


def login(client, user):
    client.force_login(user)
    return client


def test_another_municipalitys_private_task_is_404(client, corps):
    task = request_task(corps)
    url = reverse("tasks:task_detail", args=[task.code])
    assert login(client, corps.helsingor_coordinator).get(url).status_code == 200
    for outsider in (corps.holbaek_coordinator, corps.hillerod_coordinator, corps.outsider):
        client.logout()
        assert login(client, outsider).get(url).status_code == 404


def test_an_engaged_consultant_from_another_municipality_sees_the_task(client, corps, running_task):
    url = reverse("tasks:task_detail", args=[running_task.code])
    response = login(client, corps.hillerod_consultant).get(url)
    assert response.status_code == 200
    assert "Registrér timer" in response.content.decode()


def test_profiles_coordinator_sees_own_and_cooperation_shared_only(corps):
    names = {
        p.user.full_name for p in selectors.profiles_for_coordinator(corps.helsingor_coordinator)
    }
    assert names == {"Hanne Hjælper", "Kim Konsulent"}  # not Holbæk's, though it is shared
    holbaek = {
        p.user.full_name for p in selectors.profiles_for_coordinator(corps.holbaek_coordinator)
    }
    assert holbaek == {"Bo Byggesag"}
    assert not selectors.profiles_for_coordinator(corps.helsingor_leader).exists()


def test_a_consultant_edits_only_their_own_profile(corps):
    profile = ConsultantProfile.objects.get(user=corps.hillerod_consultant)
    assert profile.visibility == Visibility.COOPERATION
    with pytest.raises(PermissionDenied):
        services.profile_save(
            actor=corps.helsingor_consultant,
            user=corps.hillerod_consultant,
            municipality=corps.hillerod,
            unit=None,
            competences=[],
            tags="",
            methods="",
            capacity_hours=5,
            corps_from=TODAY,
            corps_to=TODAY,
            cross_municipality=False,
        )


def test_suggestions_exclude_own_unit_and_non_shared_consultants(corps, agreed_task):
    ConsultantProfile.objects.filter(user=corps.helsingor_consultant).update(
        unit=corps.helsingor_unit
    )
    ranked = selectors.suggestions_for(agreed_task, corps.helsingor_coordinator)
    assert [s.candidate.name for s in ranked] == ["Kim Konsulent"]
    with pytest.raises(ValidationError):
        services.engagement_assign(
            actor=corps.helsingor_coordinator,
            task=agreed_task,
            consultant=corps.helsingor_consultant,
            planned_hours=Decimal(5),
        )
    with pytest.raises(ValidationError):  # Holbæk is outside the cooperation
        services.engagement_assign(
            actor=corps.helsingor_coordinator,
            task=agreed_task,
            consultant=corps.holbaek_consultant,
            planned_hours=Decimal(5),
        )


def test_accept_decline_and_hours_rules(corps, agreed_task):
    coordinator = corps.helsingor_coordinator
    engagement = services.engagement_assign(
        actor=coordinator,
        task=agreed_task,
        consultant=corps.hillerod_consultant,
        planned_hours=Decimal(8),
    )
    with pytest.raises(PermissionDenied):
        services.engagement_respond(actor=coordinator, engagement=engagement, accept=True)
    with pytest.raises(ValidationError):  # not accepted yet
        services.time_register(
            actor=corps.hillerod_consultant, engagement=engagement, day=TODAY, hours=Decimal(2)
        )
    services.engagement_respond(actor=corps.hillerod_consultant, engagement=engagement, accept=True)
    with pytest.raises(ValidationError):
        services.engagement_respond(
            actor=corps.hillerod_consultant, engagement=engagement, accept=False
        )
    with pytest.raises(ValidationError):
        services.time_register(
            actor=corps.hillerod_consultant, engagement=engagement, day=TODAY, hours=Decimal(25)
        )
    with pytest.raises(ValidationError):
        services.time_register(
            actor=corps.hillerod_consultant,
            engagement=engagement,
            day=TODAY + timedelta(days=1),
            hours=Decimal(2),
        )
    entry = services.time_register(
        actor=corps.hillerod_consultant, engagement=engagement, day=TODAY, hours=Decimal("2.5")
    )
    assert (entry.from_municipality, entry.to_municipality) == (corps.hillerod, corps.helsingor)


def _hours(corps, task, consultant, day, hours):
    engagement = task.engagements.filter(consultant=consultant).first()
    if engagement is None:
        engagement = services.engagement_assign(
            actor=corps.helsingor_coordinator,
            task=task,
            consultant=consultant,
            planned_hours=Decimal(40),
        )
        services.engagement_respond(actor=consultant, engagement=engagement, accept=True)
    return services.time_register(
        actor=consultant, engagement=engagement, day=day, hours=Decimal(hours)
    )


def test_ledger_sums_hours_lent_and_borrowed_per_quarter(corps, running_task):
    # Kim (Hillerød) works for Helsingør in two quarters; Hanne (Helsingør) works at home.
    q1, q2 = date(TODAY.year, 2, 10), date(TODAY.year, 5, 10)
    if q2 > TODAY:
        q1, q2 = date(TODAY.year - 1, 2, 10), date(TODAY.year - 1, 5, 10)
    # Hours fall inside the task's and the corps periods: both ran since q1.
    type(running_task).objects.filter(pk=running_task.pk).update(period_start=q1)
    ConsultantProfile.objects.update(corps_from=q1)
    running_task.refresh_from_db()
    _hours(corps, running_task, corps.hillerod_consultant, q1, "3")
    _hours(corps, running_task, corps.hillerod_consultant, q1, "4.5")
    _hours(corps, running_task, corps.hillerod_consultant, q2, "2")
    _hours(corps, running_task, corps.helsingor_consultant, q1, "6")  # at home: not lending
    ledger = selectors.lending_ledger(corps.helsingor_coordinator)
    table = {
        (q["year"], q["quarter"]): {
            r.municipality.name: (r.lent, r.borrowed, r.balance) for r in q["rows"]
        }
        for q in ledger
    }
    assert table[(q1.year, 1)] == {
        "Helsingør": (Decimal(0), Decimal("7.5"), Decimal("-7.5")),
        "Hillerød": (Decimal("7.5"), Decimal(0), Decimal("7.5")),
    }
    assert table[(q2.year, 2)]["Hillerød"] == (Decimal(2), Decimal(0), Decimal(2))
    assert TimeEntry.objects.count() == 4
    assert selectors.lending_ledger(corps.holbaek_coordinator) == []  # not in the cooperation


@pytest.fixture
def published_case(corps, running_task):
    task_services.task_transition(
        actor=corps.helsingor_coordinator, task=running_task, to_status="delivered"
    )
    case = feedback_services.case_draft(
        actor=corps.helsingor_coordinator,
        task=running_task,
        title="Kortere overlevering i hjemmeplejen",
        summary="Vagtskiftet blev kortlagt og forenklet sammen med medarbejderne.",
        methods_used="Procesworkshop, tavlemøder",
        outcome="Overleveringerne blev halveret.",
    )
    return feedback_services.case_publish(actor=corps.helsingor_leader, case=case)


def test_case_needs_the_leaders_agreement_and_is_then_shared_with_the_cooperation(
    corps, running_task
):
    task_services.task_transition(
        actor=corps.helsingor_coordinator, task=running_task, to_status="delivered"
    )
    case = feedback_services.case_draft(
        actor=corps.helsingor_coordinator,
        task=running_task,
        title="T",
        summary="S",
        methods_used="M",
        outcome="O",
    )
    assert not selectors.case_search(corps.hillerod_coordinator, "").exists()
    with pytest.raises(PermissionDenied):
        feedback_services.case_publish(actor=corps.helsingor_coordinator, case=case)
    feedback_services.case_publish(actor=corps.helsingor_leader, case=case)
    assert selectors.case_search(corps.hillerod_coordinator, "").count() == 1


def test_a_shared_case_is_visible_to_members_not_to_holbaek(client, corps, published_case):
    url = reverse("corps:case_detail", args=[published_case.code])
    assert login(client, corps.hillerod_consultant).get(url).status_code == 200
    client.logout()
    assert login(client, corps.holbaek_coordinator).get(url).status_code == 404
    assert not selectors.case_search(corps.holbaek_coordinator, "").exists()


def test_case_search_in_danish(corps, published_case):
    user = corps.hillerod_consultant
    assert list(selectors.case_search(user, "hjemmeplejen")) == [published_case]
    assert list(selectors.case_search(user, "tavlemøder")) == [published_case]
    assert list(selectors.case_search(user, "byggesag")) == []


def test_case_search_stems_danish_words_on_postgresql(corps, published_case):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("Danish stemming needs PostgreSQL; SQLite uses icontains")
    # "overleveringer" and "overlevering" share the Danish stem.
    assert list(selectors.case_search(corps.hillerod_consultant, "overleveringerne")) == [
        published_case
    ]


def _board_tasks(corps, count, first=0):
    for index in range(first, first + count):
        task = request_task(corps, title=f"Opgave {index}")
        task_services.task_transition(
            actor=corps.helsingor_coordinator, task=task, to_status="scoping"
        )
        services.engagement_assign(
            actor=corps.helsingor_coordinator,
            task=task,
            consultant=corps.hillerod_consultant,
            planned_hours=Decimal(5),
        )


def test_board_query_count_does_not_grow_with_tasks(client, corps, django_assert_num_queries):
    _board_tasks(corps, 5)
    login(client, corps.helsingor_coordinator)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("corps:board"))
    _board_tasks(corps, 25, first=5)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse("corps:board"))
    page = response.content.decode()
    assert page.count("Kim Konsulent") >= 30
    assert "Opgave 29" in page


def test_board_renders_in_a_bounded_number_of_queries(client, corps, django_assert_max_num_queries):
    _board_tasks(corps, 12)
    login(client, corps.helsingor_coordinator)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("corps:board") + "?status=scoping")
    assert response.status_code == 200
