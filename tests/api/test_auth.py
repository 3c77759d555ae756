# SPDX-License-Identifier: MPL-2.0
"""Who the API lets in: tokens (valid, wrong, revoked, expired), the session, CSRF."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from procesvaerk.accounts.models import PersonalAccessToken
from procesvaerk.accounts.services import token_create, token_hash, token_revoke
from procesvaerk.core.models import AuditEntry
from tests.api.conftest import API, BearerClient

pytestmark = pytest.mark.django_db


def test_valid_token_acts_as_its_user(world, bearer):
    response = bearer(world.helsingor_coordinator).get("/tasks")
    assert response.status_code == 200
    assert response.json() == {"count": 0, "limit": 25, "offset": 0, "items": []}
    token = PersonalAccessToken.objects.get()
    assert token.last_used_at is not None


def test_only_the_hash_is_stored(world):
    token, secret = token_create(actor=world.helsingor_coordinator, name="Rapport")
    assert secret.startswith(token.prefix) and len(secret) > 40
    assert token.secret_hash == token_hash(secret) and secret not in token.secret_hash
    assert AuditEntry.objects.filter(action="token.create").count() == 1


@pytest.mark.parametrize(
    "header",
    ["Bearer pvt_wrong", "Bearer ", "Token abc", "Bearer " + "x" * 5000, ""],
)
def test_wrong_or_missing_token_is_401_json_in_danish(world, header):
    headers = {"Authorization": header} if header else {}
    response = Client().get(f"{API}/tasks", headers=headers)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"detail": "Log ind eller send en gyldig adgangsnøgle."}


def test_revoked_token_is_401(world):
    token, secret = token_create(actor=world.helsingor_coordinator, name="Rapport")
    token_revoke(actor=world.helsingor_coordinator, token=token)
    assert BearerClient(secret).get("/tasks").status_code == 401
    assert AuditEntry.objects.filter(action="token.revoke").count() == 1


def test_expired_token_is_401(world):
    token, secret = token_create(
        actor=world.helsingor_coordinator,
        name="Kort",
        expires_at=timezone.now() + timedelta(days=1),
    )
    assert BearerClient(secret).get("/tasks").status_code == 200
    PersonalAccessToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert BearerClient(secret).get("/tasks").status_code == 401


def test_inactive_user_token_is_401(world, bearer):
    client = bearer(world.helsingor_coordinator)
    world.helsingor_coordinator.is_active = False
    world.helsingor_coordinator.save()
    assert client.get("/tasks").status_code == 401


def test_token_service_refuses_bad_input(world):
    with pytest.raises(ValidationError):
        token_create(actor=world.censor, name="  ")
    with pytest.raises(ValidationError):
        token_create(actor=world.censor, name="x", expires_at=timezone.now())


def test_only_the_owner_revokes(world):
    token, _secret = token_create(actor=world.censor, name="Min")
    with pytest.raises(PermissionDenied):
        token_revoke(actor=world.outsider, token=token)


def test_session_reads_and_needs_csrf_to_write(world, corps, agreed_task):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.helsingor_coordinator)
    assert client.get(f"{API}/tasks").json()["count"] == 1
    url = f"{API}/tasks/{agreed_task.code}/transitions"
    body = {"to_status": "cancelled", "comment": "Droppet"}
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 403
    assert response.json() == {"detail": "CSRF-nøglen mangler eller er forkert."}
    client.get("/konto/profil/")  # sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    response = client.post(
        url, body, content_type="application/json", headers={"X-CSRFToken": csrf}
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "cancelled"


def test_anonymous_is_401_not_a_login_redirect(db):
    response = Client().get(f"{API}/tasks")
    assert response.status_code == 401


def test_management_command_prints_a_working_token(world):
    out = StringIO()
    call_command("api_token", "Koordinator@Helsingor.test", "--name", "Drift", stdout=out)
    secret = out.getvalue().strip()
    assert PersonalAccessToken.objects.get().name == "Drift"
    assert BearerClient(secret).get("/tasks").status_code == 200
    with pytest.raises(CommandError):
        call_command("api_token", "ingen@example.test", stdout=StringIO())


def test_user_language_decides_the_error_language(world, bearer):
    world.helsingor_coordinator.preferred_language = "en"
    world.helsingor_coordinator.save()
    response = bearer(world.helsingor_coordinator).get(
        "/tasks/00000000-0000-0000-0000-000000000000"
    )
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_schema_and_docs_work_without_third_party_scripts(db):
    client = Client()
    schema = client.get(f"{API}/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/tasks/{code}/transitions" in schema["paths"]
    page = client.get(f"{API}/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "<script>" not in html
    assert "script-src 'self'" in page["Content-Security-Policy"]
