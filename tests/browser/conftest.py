# SPDX-License-Identifier: MPL-2.0
"""Real headless Chromium (Debian's package) driven by Playwright, plus axe-core."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# Playwright's sync API runs an event loop in this thread; Django's ORM calls
# from the test body are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.skip(f"Chromium not found at {CHROMIUM}; run scripts/system-deps.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    # bypass_csp lets the test inject axe-core; the site's own CSP stays strict.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def assert_no_axe_violations(page: Any) -> None:
    """Run axe-core for WCAG 2.1 A/AA on the current page and fail on any violation."""
    assert AXE.exists(), "axe-core is missing: run npm ci"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    violations = [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
    assert violations == [], json.dumps(violations, indent=2, ensure_ascii=False)


def open_menu(page: Any, section: str, link: str) -> None:
    """Follow a link in the header's navigation, as a person does: open the section
    (desktop dropdown, or the menu button first on a phone), then click the link."""
    menu_button = page.locator(".js-menu-open")
    if menu_button.is_visible():
        menu_button.click()
        scope = page.locator(".mobile-drawer")
    else:
        scope = page.locator(".navigation-menu")
    toggle = scope.get_by_role("button", name=section, exact=True)
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    scope.get_by_role("link", name=link, exact=True).click()
