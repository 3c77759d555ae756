# SPDX-License-Identifier: MPL-2.0
"""Property-based run over the whole schema (schemathesis), as a Helsingør coordinator
with a bearer token: no server error, and every answer matches the schema."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from procesvaerk.accounts.services import token_create
from tests.corps.conftest import request_task


@pytest.fixture
def keep_connection():
    """Calling the WSGI app fires request_started/finished, whose handler would close the
    test's database connection (PostgreSQL) mid-test; Django's test client does the same."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def coordinator_secret(corps, keep_connection):
    request_task(corps)  # a task in the list, so its items are checked too
    _token, secret = token_create(actor=corps.helsingor_coordinator, name="schemathesis")
    return secret


# Loaded from the app itself (no server, no network) when the module is collected; the
# schema view reads no database. (The lazy ``from_fixture`` loader needs pytest < 9.)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_matches_its_schema(case, coordinator_secret):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {coordinator_secret}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
