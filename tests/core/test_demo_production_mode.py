# SPDX-License-Identifier: MPL-2.0
"""`make demo` runs as in production: DEBUG off, static files through WhiteNoise,
a secret key of its own in var/, and the designed 404 page for a wrong address."""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command
from django.test import Client

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "demo.sh"


def test_demo_script_turns_debug_off_and_keeps_a_secret_key_in_var():
    script = SCRIPT.read_text()
    assert 'export DEBUG="${DEBUG:-0}"' in script
    assert "secret_key" in script and "collectstatic" in script
    assert "run_worker" in script  # still one command that also starts the worker


def test_static_files_are_served_without_debug_and_404_is_the_designed_page(
    settings, tmp_path, world
):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()  # a new handler: WhiteNoise reads the collected files on start
    response = client.get("/static/js/procesvaerk.js")
    assert response.status_code == 200
    client.force_login(world.helsingor_leader)
    missing = client.get("/findes-ikke/")
    page = missing.content.decode()
    assert missing.status_code == 404
    assert "Siden blev ikke fundet" in page and "URLconf" not in page
