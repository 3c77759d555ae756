# SPDX-License-Identifier: MPL-2.0
"""Calendar feed links: made by a POST, reset by their owner, dead for the deactivated."""

from __future__ import annotations

from django.urls import reverse

from procesvaerk.programmes.models import PersonalFeed


def _calendar(client, cw):
    return client.get(reverse("programmes:calendar", args=[cw.cohort.code]))


def test_the_calendar_page_creates_nothing_on_get(client, cw):
    client.force_login(cw.anna.user)
    page = _calendar(client, cw).content.decode()
    assert not PersonalFeed.objects.filter(user=cw.anna.user).exists()
    assert "Lav et kalenderlink" in page


def test_personal_link_is_webcal_with_copy_button_and_can_be_reset(client, cw):
    client.force_login(cw.anna.user)
    client.post(reverse("programmes:personal_feed_renew", args=[cw.cohort.code]))
    old = PersonalFeed.objects.get(user=cw.anna.user).token
    page = _calendar(client, cw).content.decode()
    feed_path = reverse("programmes:personal_feed", args=[old])
    assert f'href="webcal://testserver{feed_path}"' in page
    assert 'data-copy="pv-personal-feed"' in page and "<script>" not in page
    assert client.get(feed_path).status_code == 200
    client.post(reverse("programmes:personal_feed_renew", args=[cw.cohort.code]))
    new = PersonalFeed.objects.get(user=cw.anna.user).token
    assert new != old
    assert client.get(feed_path).status_code == 404
    assert client.get(reverse("programmes:personal_feed", args=[new])).status_code == 200


def test_personal_feed_of_a_deactivated_person_stops_working(client, cw):
    client.force_login(cw.anna.user)
    client.post(reverse("programmes:personal_feed_renew", args=[cw.cohort.code]))
    path = reverse(
        "programmes:personal_feed", args=[PersonalFeed.objects.get(user=cw.anna.user).token]
    )
    cw.anna.user.is_active = False
    cw.anna.user.save()
    client.logout()
    assert client.get(path).status_code == 404


def test_personal_feed_leaves_out_a_cohort_the_person_left(client, cw):
    client.force_login(cw.bo.user)
    client.post(reverse("programmes:personal_feed_renew", args=[cw.cohort.code]))
    path = reverse(
        "programmes:personal_feed", args=[PersonalFeed.objects.get(user=cw.bo.user).token]
    )
    cw.bo.delete()
    assert "BEGIN:VEVENT" not in client.get(path).content.decode()


def test_cohort_feed_is_reset_by_a_coordinator_only(client, cw):
    old = cw.cohort.feed_token
    old_path = reverse("programmes:cohort_feed", args=[old])
    reset = reverse("programmes:cohort_feed_reset", args=[cw.cohort.code])
    client.force_login(cw.instructor)
    assert client.post(reset).status_code == 403
    client.force_login(cw.world.helsingor_coordinator)
    page = _calendar(client, cw).content.decode()
    assert f'href="webcal://testserver{old_path}"' in page
    client.post(reset)
    cw.cohort.refresh_from_db()
    assert cw.cohort.feed_token != old
    assert client.get(old_path).status_code == 404
    assert (
        client.get(reverse("programmes:cohort_feed", args=[cw.cohort.feed_token])).status_code
        == 200
    )


def test_the_shared_cohort_link_dies_when_someone_leaves_the_staff(client, cw):
    """Staff share the cohort's link; whoever leaves keeps only a dead one."""
    feed = "programmes:cohort_feed"
    first = cw.cohort.feed_token
    cw.cohort.instructors.add(cw.instructor)
    cw.cohort.instructors.remove(cw.instructor)  # taken off the cohort
    cw.cohort.refresh_from_db()
    assert cw.cohort.feed_token != first
    assert client.get(reverse(feed, args=[first])).status_code == 404
    second = cw.cohort.feed_token
    cw.instructor.memberships.filter(role="instructor").delete()  # leaves the staff
    cw.cohort.refresh_from_db()
    assert cw.cohort.feed_token != second
    third = cw.cohort.feed_token
    cw.world.helsingor_coordinator.is_active = False  # a coordinator's account is closed
    cw.world.helsingor_coordinator.save()
    cw.cohort.refresh_from_db()
    assert cw.cohort.feed_token != third
    assert client.get(reverse(feed, args=[cw.cohort.feed_token])).status_code == 200
