# SPDX-License-Identifier: MPL-2.0
"""No open redirect after login or the language switch; "public" means signed in;
the forwarded-protocol header is trusted only when configured."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from procesvaerk.core import access
from procesvaerk.core.models import Unit, Visibility
from tests.conftest import PASSWORD

EVIL = ["https://evil.example/phish", "//evil.example/", "http:///evil.example", "\\\\evil.example"]


@pytest.mark.parametrize("target", EVIL)
def test_login_next_to_another_site_goes_home(client, world, target):
    response = client.post(
        reverse("accounts:login") + "?next=" + target,
        {"username": "leder@helsingor.test", "password": PASSWORD, "next": target},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


@pytest.mark.parametrize("language", ["en", "xx"])
@pytest.mark.parametrize("target", EVIL)
def test_language_switch_next_to_another_site_stays_here(client, world, target, language):
    client.force_login(world.helsingor_leader)
    response = client.post(reverse("accounts:set_language"), {"language": language, "next": target})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_language_switch_keeps_a_local_next(client, world):
    client.force_login(world.helsingor_leader)
    response = client.post(reverse("accounts:set_language"), {"language": "xx", "next": "/hjaelp/"})
    assert response["Location"] == "/hjaelp/"


def test_public_rows_are_for_signed_in_users_only(world):
    world.holbaek_unit.visibility = Visibility.PUBLIC
    world.holbaek_unit.save()
    assert not access.visible(Unit.objects.all(), AnonymousUser()).exists()
    assert world.holbaek_unit in access.visible(Unit.objects.all(), world.outsider)


def _proxy_header(**env):
    clean = {k: v for k, v in os.environ.items() if k != "TRUST_PROXY_SSL_HEADER"}
    clean.update({"DEBUG": "0", "SECRET_KEY": "x", **env})
    code = (
        "import procesvaerk.config.settings as s; "
        "print(getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_proxy_ssl_header_only_when_a_proxy_is_trusted():
    assert _proxy_header() == "None"
    assert _proxy_header(TRUST_PROXY_SSL_HEADER="1") == "('HTTP_X_FORWARDED_PROTO', 'https')"
