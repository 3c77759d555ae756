# SPDX-License-Identifier: MPL-2.0
"""English pages show day-first dates (en-GB), never the Danish "1. September"."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation


def test_english_pages_show_day_first_dates(client, cw):
    coordinator = cw.world.helsingor_coordinator
    coordinator.preferred_language = "en"
    coordinator.save()
    client.force_login(coordinator)
    with translation.override("da"):  # the page switches to English; switch back after
        page = client.get(
            reverse("programmes:cohort_detail", args=[cw.cohort.code]), HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
    assert "1 September 2026" in page and "1. September 2026" not in page
