# SPDX-License-Identifier: MPL-2.0
"""/api/v1/docs renders Swagger UI under the site's strict CSP with no third-party network."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_api_docs_render_under_the_csp_from_our_own_files(browser, live_server):
    context = browser.new_context(base_url=live_server.url)  # the CSP is enforced here
    page = context.new_page()
    page.set_default_timeout(15_000)
    own_host = urlparse(live_server.url).netloc
    foreign: list[str] = []
    problems: list[str] = []
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url)
            if urlparse(r.url).netloc not in (own_host, "") and not r.url.startswith("data:")
            else None
        ),
    )
    page.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if m.type == "error" and "Content Security Policy" in m.text
            else None
        ),
    )
    page.goto("/api/v1/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "Procesværk API" in page.locator(".swagger-ui .info .title").inner_text()
    page.locator(".opblock-summary-path", has_text="/api/v1/tasks/{code}/transitions").wait_for()
    assert foreign == []
    assert problems == []
    context.close()
