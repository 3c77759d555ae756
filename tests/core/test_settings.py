# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from procesvaerk.config.env import env_bool, env_int, env_list, env_str


def test_env_bool_accepts_known_words_and_rejects_others():
    assert env_bool("X", False, environ={"X": "yes"}) is True
    assert env_bool("X", True, environ={"X": "0"}) is False
    assert env_bool("X", True, environ={}) is True
    with pytest.raises(ImproperlyConfigured, match="not a boolean"):
        env_bool("X", False, environ={"X": "maybe"})


def test_env_int_checks_type_and_range():
    assert env_int("N", 3, environ={"N": " 7 "}) == 7
    with pytest.raises(ImproperlyConfigured, match="not an integer"):
        env_int("N", 3, environ={"N": "seven"})
    with pytest.raises(ImproperlyConfigured, match="outside"):
        env_int("N", 3, minimum=1, environ={"N": "0"})


def test_env_str_required_and_list():
    with pytest.raises(ImproperlyConfigured, match="required"):
        env_str("MISSING", environ={})
    assert env_list("L", [], environ={"L": "a, b,,c"}) == ["a", "b", "c"]


def _import_settings(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    clean.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import procesvaerk.config.settings as s; print(s.DATABASES['default']['ENGINE'])",
        ],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_secret_key_is_required_without_debug():
    result = _import_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_database_url_selects_postgresql():
    result = _import_settings(DEBUG="1", DATABASE_URL="postgres://u@127.0.0.1:5432/x")
    assert result.stdout.strip() == "django.db.backends.postgresql"
    result = _import_settings(DEBUG="1", DATABASE_URL="")
    assert result.returncode != 0


def test_bad_debug_value_fails_loudly():
    result = _import_settings(DEBUG="perhaps", SECRET_KEY="x")
    assert "not a boolean" in result.stderr


def test_security_headers(client, world):
    client.force_login(world.helsingor_leader)
    response = client.get("/", secure=True)
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Frame-Options"] == "DENY"
