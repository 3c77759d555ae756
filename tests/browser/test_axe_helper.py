# SPDX-License-Identifier: MPL-2.0
"""The accessibility check itself must be able to fail."""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_no_axe_violations


def test_axe_helper_reports_a_missing_alt_text(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content('<html lang="da"><body><main><img src="x.png"></main></body></html>')
    with pytest.raises(AssertionError, match="image-alt"):
        assert_no_axe_violations(page)
    context.close()
