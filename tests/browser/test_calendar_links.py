# SPDX-License-Identifier: MPL-2.0
"""The calendar page: a link is made by pressing a button, shown as webcal: with a
copy button (script from a static file under the strict CSP), axe-clean."""

from __future__ import annotations

from datetime import date

import pytest

from procesvaerk.programmes import services
from procesvaerk.programmes.models import PersonalFeed, Programme
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_corps_flow import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_calendar_link_is_made_copied_and_reset(page, world):
    programme = Programme.objects.create(
        municipality=world.helsingor, name="Proceskonsulentuddannelsen", visibility="cooperation"
    )
    cohort = services.cohort_create(
        actor=world.helsingor_coordinator,
        programme=programme,
        municipality=world.helsingor,
        name="Hold 2026",
        start_date=date(2026, 9, 1),
    )
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_in(page, "koordinator@helsingor.test")
    page.goto(f"/uddannelse/hold/{cohort.code}/kalender/")
    assert not PersonalFeed.objects.exists()  # looking creates nothing
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Lav et kalenderlink").click()
    link = page.locator("#pv-personal-feed")
    link.wait_for()
    first = link.get_attribute("href")
    assert first.startswith("webcal://")
    copy = page.locator('button[data-copy="pv-personal-feed"]')
    assert copy.is_visible()  # shown by the static script
    copy.click()
    assert page.evaluate("navigator.clipboard.readText()") == first
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Lav et nyt link (det gamle holder op med at virke)").click()
    page.get_by_text("Dit kalenderlink er klar").wait_for()
    assert page.locator("#pv-personal-feed").get_attribute("href") != first
