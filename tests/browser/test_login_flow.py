# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

import pytest

from tests.browser.conftest import assert_no_axe_violations
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_logs_in_in_danish_switches_to_english_and_logs_out(page, world):
    page.goto("/")
    assert "/konto/log-ind/" in page.url
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.get_by_role("heading", name="Log ind").is_visible()
    assert_no_axe_violations(page)

    page.get_by_label("E-mailadresse").fill("koordinator@helsingor.test")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()

    page.get_by_role("heading", name="Mit overblik").wait_for()
    assert page.get_by_text("Velkommen, Karen").is_visible()
    menu = page.locator(".navigation-menu")
    menu.get_by_role("button", name="Administration").click()
    assert menu.get_by_role("link", name="Auditlog").is_visible()
    assert_no_axe_violations(page)

    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name="My overview").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Log out").click()
    page.get_by_role("heading", name="Log in").wait_for()
    assert "/konto/log-ind/" in page.url
