# SPDX-License-Identifier: MPL-2.0
"""The platform tests cross apps: the corps' and the training's fixtures."""

from __future__ import annotations

from tests.corps.conftest import agreed_task, corps, running_task  # noqa: F401
from tests.programmes.conftest import cw  # noqa: F401
