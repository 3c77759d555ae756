# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

import html
import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command

from procesvaerk.accounts.models import User
from procesvaerk.core.models import Municipality


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"core", "accounts", "corps", "programmes"}
        and model._meta.label != "core.AuditEntry"
    }


@pytest.mark.django_db
def test_load_demo_is_complete_and_idempotent(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    first = _counts()
    call_command("load_demo", stdout=io.StringIO())
    assert _counts() == first
    codes = dict(Municipality.objects.values_list("name", "kommunekode"))
    assert codes == {
        "Fredensborg": "210",
        "Frederikssund": "250",
        "Gribskov": "270",
        "Halsnæs": "260",
        "Helsingør": "217",
        "Hillerød": "219",
        "Hørsholm": "223",
        "Holbæk": "316",
    }
    assert Municipality.objects.filter(cooperation__isnull=True).get().name == "Holbæk"
    for email in (
        "koordinator@helsingor.demo",
        "konsulent@hillerod.demo",
        "leder@helsingor.demo",
        "censor@eksamen.demo",
        "koordinator@holbaek.demo",
    ):
        assert User.objects.get(email=email).check_password("procesvaerk")
        assert email in out.getvalue()


@pytest.mark.django_db
def test_demo_training_tasks_are_agreed_at_the_for_process(settings, tmp_path):
    from procesvaerk.programmes.models import TrainingWorkplace

    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    workplaces = TrainingWorkplace.objects.select_related("task__agreement")
    assert workplaces.count() == 6  # three per demo cohort
    for workplace in workplaces:
        assert workplace.task.status == "agreed"
        assert workplace.task.agreement.signed_off_by_id == workplace.leader_id


@pytest.mark.django_db
def test_every_demo_login_sees_its_overview_and_help(settings, tmp_path, client):
    """Each demo person's home page renders with the demo's mix of data (dates and times,
    every status); this is the page they land on."""
    settings.MEDIA_ROOT = tmp_path
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    call_command("load_demo", stdout=io.StringIO())
    for email in (
        "koordinator@helsingor.demo",
        "konsulent@hillerod.demo",
        "leder@helsingor.demo",
        "censor@eksamen.demo",
        "koordinator@holbaek.demo",
        "admin@procesvaerk.demo",
    ):
        client.force_login(User.objects.get(email=email))
        home = client.get("/")
        assert home.status_code == 200, email
        page = home.content.decode()
        assert "<h1>Mit overblik</h1>" in page
        assert client.get("/hjaelp/").status_code == 200, email
        # Every link on every card leads somewhere this person may be (no 403, no 404).
        cards = re.findall(r'<section class="pv-card".*?</section>', page, flags=re.S)
        for href in {h for card in cards for h in re.findall(r'href="([^"]+)"', card)}:
            target = client.get(html.unescape(href).split("#")[0], follow=True)
            assert target.status_code == 200, (email, href, target.status_code)
