# SPDX-License-Identifier: MPL-2.0
"""API fixtures: the shared personas, the corps' tasks and a bearer client."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from procesvaerk.accounts.services import token_create
from tests.corps.conftest import agreed_task, corps, request_task  # noqa: F401

API = "/api/v1"


class BearerClient:
    """A test client that sends ``Authorization: Bearer <secret>``."""

    def __init__(self, secret: str) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {secret}"}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(API + path, params, headers=self.headers)

    def post(self, path: str, data: Any) -> Any:
        return self.client.post(
            API + path, data, content_type="application/json", headers=self.headers
        )


@pytest.fixture
def bearer():
    def make(user: Any) -> BearerClient:
        _token, secret = token_create(actor=user, name="test")
        return BearerClient(secret)

    return make
