# SPDX-License-Identifier: MPL-2.0
"""Tokens on the profile page: made with an optional expiry, the secret shown once, revoked."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from procesvaerk.accounts.models import PersonalAccessToken
from procesvaerk.accounts.services import token_create
from tests.api.conftest import BearerClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(world):
    client = Client()
    client.force_login(world.helsingor_coordinator)
    return client


def test_create_shows_the_secret_once_then_revoke(world, signed_in):
    response = signed_in.post("/konto/profil/noegler/", {"name": "Power BI", "expires_on": ""})
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    html = response.content.decode()
    secret = re.search(r'id="new-token-secret">(pvt_[^<]+)<', html).group(1)
    assert "den vises kun denne ene gang" in html
    token = PersonalAccessToken.objects.get(user=world.helsingor_coordinator)
    assert token.name == "Power BI" and token.expires_at is None
    assert BearerClient(secret).get("/tasks").status_code == 200

    page = signed_in.get("/konto/profil/").content.decode()
    assert secret not in page and token.prefix in page and "Power BI" in page

    response = signed_in.post(f"/konto/profil/noegler/{token.pk}/tilbagekald/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert BearerClient(secret).get("/tasks").status_code == 401
    assert "Tilbagekaldt" in signed_in.get("/konto/profil/").content.decode()


def test_expiry_date_is_kept_and_past_dates_refused(world, signed_in):
    tomorrow = timezone.localdate() + timedelta(days=1)
    signed_in.post("/konto/profil/noegler/", {"name": "Kort", "expires_on": str(tomorrow)})
    token = PersonalAccessToken.objects.get()
    assert timezone.localdate(token.expires_at) == tomorrow
    yesterday = timezone.localdate() - timedelta(days=1)
    response = signed_in.post(
        "/konto/profil/noegler/", {"name": "Gammel", "expires_on": str(yesterday)}
    )
    assert response.status_code == 200
    assert "Udløbsdatoen skal ligge i fremtiden." in response.content.decode()
    assert PersonalAccessToken.objects.count() == 1
    empty = signed_in.post("/konto/profil/noegler/", {"name": "", "expires_on": ""})
    assert empty.status_code == 200 and PersonalAccessToken.objects.count() == 1


def test_cannot_revoke_someone_elses_token(world, signed_in):
    token, _secret = token_create(actor=world.censor, name="Censor")
    response = signed_in.post(f"/konto/profil/noegler/{token.pk}/tilbagekald/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_pages_need_a_login(world):
    response = Client().post("/konto/profil/noegler/", {"name": "x"})
    assert response.status_code == 302 and "/konto/log-ind/" in response["Location"]
