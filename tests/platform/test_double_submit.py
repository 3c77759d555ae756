# SPDX-License-Identifier: MPL-2.0
"""A double click on a slow line: two real requests at once, through the real server
(threads against the live server), on SQLite and on PostgreSQL. One row, no error."""

from __future__ import annotations

import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from procesvaerk.core.models import FormSubmission
from procesvaerk.tasks.models import ProcessTask

pytestmark = pytest.mark.django_db(transaction=True)


class Browser:
    """A signed-in session against the live server: cookies by hand, no redirects followed."""

    def __init__(self, base: str, user) -> None:
        client = Client()
        client.force_login(user)
        self.base = base
        self.cookies = {"sessionid": client.cookies["sessionid"].value}

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.opener = urllib.request.build_opener(NoRedirect())

    def _send(self, request: urllib.request.Request) -> tuple[int, str]:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            response = self.opener.open(request)
        except urllib.error.HTTPError as answer:
            response = answer
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _sep, rest = header.partition("=")
            self.cookies[name] = rest.split(";")[0]
        return response.status, response.read().decode()

    def get(self, path: str) -> str:
        status, body = self._send(urllib.request.Request(self.base + path))
        assert status == 200, (path, status)
        return body

    def post(self, path: str, data: dict) -> int:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(self.base + path, data=body, method="POST")
        request.add_header("Referer", self.base + path)
        return self._send(request)[0]


def _hidden(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]+)"', page).group(1)


def test_two_identical_requests_at_once_make_one_task(live_server, world):
    browser = Browser(live_server.url, world.helsingor_leader)
    form = browser.get("/korps/opgaver/ny/")
    today = timezone.localdate()
    data = {
        "csrfmiddlewaretoken": _hidden(form, "csrfmiddlewaretoken"),
        "form_key": _hidden(form, "form_key"),
        "title": "Dobbeltklik",
        "unit": str(world.helsingor_unit.pk),
        "background": "Langsom linje",
        "desired_outcome": "Én opgave",
        "task_types": ["mapping"],
        "period_start": today.isoformat(),
        "period_end": (today + timedelta(days=30)).isoformat(),
        "size": "small",
    }
    start = threading.Barrier(2)
    statuses: list[int] = []

    def click() -> None:
        start.wait()
        statuses.append(browser.post("/korps/opgaver/ny/", data))

    clicks = [threading.Thread(target=click) for _ in range(2)]
    for thread in clicks:
        thread.start()
    for thread in clicks:
        thread.join(timeout=60)
    assert sorted(statuses) == [302, 302]  # both sent on to the one task, no 500
    assert ProcessTask.objects.filter(title="Dobbeltklik").count() == 1
    assert FormSubmission.objects.get().result_url.endswith(
        f"/korps/opgaver/{ProcessTask.objects.get().code}/"
    )


def test_a_form_with_errors_can_be_sent_again(client, world):
    client.force_login(world.helsingor_leader)
    page = client.get("/korps/opgaver/ny/").content.decode()
    key = _hidden(page, "form_key")
    answer = client.post("/korps/opgaver/ny/", {"form_key": key, "title": ""})
    assert answer.status_code == 200 and "Der er et problem" in answer.content.decode()
    assert not FormSubmission.objects.exists()  # released: the corrected form may go
    again = client.post("/korps/opgaver/ny/", {"form_key": key, "title": ""})
    assert again.status_code == 200


def test_sqlite_writers_queue_instead_of_failing():
    """On SQLite a write transaction takes the lock when it begins (IMMEDIATE) and waits
    for it, so two writers at once queue; PostgreSQL locks rows and needs no setting."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL: row locks, no transaction mode to set")
    options = connection.settings_dict["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] >= 5
