# SPDX-License-Identifier: MPL-2.0
"""Take the README's screenshots from a running demo site.

Usage: make demo (in another shell), then
    .venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000]
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
COORDINATOR = "koordinator@helsingor.demo"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# (file name, login, path, CSS selector of a link to follow first or None, viewport, open the
# phone menu); demo objects have new codes on every load, so pages of one object are reached
# from a list.
SHOTS = [
    ("login.png", None, "/konto/log-ind/", None),
    ("home-koordinator.png", COORDINATOR, "/", None),
    ("organisation.png", COORDINATOR, "/organisation/", None),
    ("auditlog.png", COORDINATOR, "/auditlog/", None),
    ("korps-tavle.png", COORDINATOR, "/korps/opgaver/", None),
    ("opgave.png", COORDINATOR, "/korps/opgaver/?status=in_progress", "main a[href*='/opgaver/']"),
    ("hold.png", COORDINATOR, "/uddannelse/", "main a[href*='/hold/']"),
    ("telefon-overblik.png", COORDINATOR, "/", None, PHONE),
    ("telefon-menu.png", COORDINATOR, "/", None, PHONE, True),
    (
        "telefon-opgave.png",
        COORDINATOR,
        "/korps/opgaver/?status=in_progress",
        "main a[href*='/opgaver/']",
        PHONE,
    ),
    (
        "telefon-opgave-menu.png",
        COORDINATOR,
        "/korps/opgaver/?status=in_progress",
        "main a[href*='/opgaver/']",
        PHONE,
        True,
    ),
]


def main(base: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for name, login, path, follow, *rest in SHOTS:
            viewport = rest[0] if rest else DESKTOP
            open_menu = len(rest) > 1 and rest[1]
            page = browser.new_context(base_url=base, locale="da-DK", viewport=viewport).new_page()
            if login:
                page.goto("/konto/log-ind/")
                page.get_by_label("E-mailadresse").fill(login)
                page.get_by_label("Adgangskode").fill("procesvaerk")
                page.get_by_role("button", name="Log ind").click()
                page.wait_for_load_state()
            page.goto(path)
            if follow:
                page.locator(follow).first.click()
                page.wait_for_load_state()
            if open_menu:
                page.locator(".js-menu-open").click()
                page.locator(".mobile-drawer.is-visible").wait_for()
                page.wait_for_timeout(500)  # the drawer slides in
            page.screenshot(path=str(OUT / name), full_page=False)
            print("wrote", OUT / name)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
