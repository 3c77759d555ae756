# SPDX-License-Identifier: MPL-2.0
"""Access through the pages: who sees what of a cohort."""

from __future__ import annotations

from django.urls import reverse

from procesvaerk.programmes import learning_services as learning
from procesvaerk.programmes.models import ActivityKind, Cohort, PersonalFeed


def test_other_municipality_gets_404_for_cohort_pages(client, cw):
    client.force_login(cw.world.holbaek_coordinator)
    for name in ("cohort_detail", "calendar", "exam", "my_cohort"):
        response = client.get(reverse(f"programmes:{name}", args=[cw.cohort.code]))
        assert response.status_code == 404, name
        assert "Anna Andersen" not in response.content.decode()


def test_participant_is_sent_to_own_page_and_cannot_manage(client, cw):
    client.force_login(cw.bo.user)
    response = client.get(reverse("programmes:cohort_detail", args=[cw.cohort.code]))
    assert response.status_code == 302
    assert reverse("programmes:my_cohort", args=[cw.cohort.code]) in response["Location"]
    post = client.post(reverse("programmes:groups_compose", args=[cw.cohort.code]), {"size": 2})
    assert post.status_code == 403


def test_reflection_pages_hide_private_text_from_everyone_else(client, cw):
    learning.reflection_create(
        actor=cw.anna.user, participant=cw.anna, text="Hemmelig tanke", shared=False
    )
    journal = reverse("programmes:participant_journal", args=[cw.cohort.code, cw.anna.code])
    for other in (cw.bo.user, cw.instructor, cw.world.helsingor_coordinator):
        client.force_login(other)
        response = client.get(journal)
        assert response.status_code in (403, 404)
        assert "Hemmelig tanke" not in response.content.decode()
    client.force_login(cw.supervisor)
    page = client.get(journal).content.decode()
    assert "Hemmelig tanke" not in page and "Intet delt." in page
    client.force_login(cw.anna.user)
    assert (
        "Hemmelig tanke"
        in client.get(reverse("programmes:my_cohort", args=[cw.cohort.code])).content.decode()
    )


def test_moving_an_activity_before_the_start_shows_danish_message(client, cw):
    activity = cw.cohort.activities.get(kind=ActivityKind.WORKSHOP)
    client.force_login(cw.world.helsingor_coordinator)
    response = client.post(
        reverse("programmes:activity_detail", args=[cw.cohort.code, activity.code]),
        {"move": "1", "starts_at": "2026-08-01T09:00"},
    )
    assert "En aktivitet kan ikke placeres før holdet starter (01.09.2026)." in (
        response.content.decode()
    )
    before = activity.starts_at
    activity.refresh_from_db()
    assert activity.starts_at == before


def test_evaluations_show_no_breakdown_below_three(client, cw):
    kickoff = cw.cohort.activities.get(kind=ActivityKind.KICKOFF)
    for participant in (cw.anna, cw.bo):
        learning.survey_submit(
            actor=participant.user,
            participant=participant,
            activity=kickoff,
            answers={
                "relevance": 5,
                "learning": 1,
                "facilitation": 4,
                "comment": f"kommentar {participant.user.full_name}",
            },
        )
    client.force_login(cw.instructor)
    page = client.get(
        reverse("programmes:activity_detail", args=[cw.cohort.code, kickoff.code])
    ).content.decode()
    assert "Resultater vises fra 3 svar" in page
    assert "kommentar" not in page


def test_create_cohort_from_template_through_the_page(client, cw):
    client.force_login(cw.world.helsingor_coordinator)
    response = client.post(
        reverse("programmes:cohort_create", args=[cw.programme.code]),
        {"name": "Hold 2027", "start_date": "2027-02-01"},
    )
    cohort = Cohort.objects.get(name="Hold 2027")
    assert response.status_code == 302
    assert cohort.activities.count() == 5


def test_ical_feeds(client, cw):
    response = client.get(reverse("programmes:cohort_feed", args=[cw.cohort.feed_token]))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.count("BEGIN:VEVENT") == 5 and "Workshop 1" in body
    client.force_login(cw.anna.user)
    client.post(reverse("programmes:personal_feed_renew", args=[cw.cohort.code]))
    page = client.get(reverse("programmes:calendar", args=[cw.cohort.code])).content.decode()
    token = PersonalFeed.objects.get(user=cw.anna.user).token
    assert str(token) in page
    personal = client.get(reverse("programmes:personal_feed", args=[token])).content.decode()
    assert personal.count("BEGIN:VEVENT") == 5
