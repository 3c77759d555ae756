# SPDX-License-Identifier: MPL-2.0
"""At 390 px the header collapses into the design system's menu button; the drawer
opens, is keyboard-closable and its links work."""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_no_axe_violations, open_menu
from tests.browser.test_corps_flow import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_phone_menu_opens_and_leads_to_the_task_request(page, world):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "leder@helsingor.test")
    assert not page.locator(".navigation-menu").is_visible()
    menu_button = page.locator(".js-menu-open")
    assert menu_button.is_visible()
    menu_button.click()
    drawer = page.locator(".mobile-drawer")
    drawer.get_by_role("button", name="Korps").wait_for()
    assert_no_axe_violations(page)
    page.keyboard.press("Escape")
    page.wait_for_function("!document.body.classList.contains('mobile-nav-active')")
    open_menu(page, "Korps", "Bed om hjælp")
    page.get_by_role("heading", name="Bed proceskonsulentkorpset om hjælp").wait_for()


def test_a_long_unbroken_word_does_not_widen_the_page(page, world):
    from datetime import timedelta

    from django.utils import timezone

    from procesvaerk.tasks import services as task_services

    today = timezone.localdate()
    word = "Sagsbehandlingstidsnedbringelsesprojekt" * 6  # 234 characters, no break
    task = task_services.task_request(
        actor=world.helsingor_leader, unit=world.helsingor_unit, title=word[:200],
        background=word, desired_outcome=word, task_types=["mapping"], period_start=today,
        period_end=today + timedelta(days=10), size="small",
    )  # fmt: skip
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "leder@helsingor.test")
    page.goto(f"/korps/opgaver/{task.code}/")
    page.get_by_role("heading", level=1).wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
