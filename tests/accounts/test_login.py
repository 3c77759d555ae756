# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.core import mail
from django.urls import reverse

from procesvaerk.core.models import AuditEntry
from tests.conftest import PASSWORD


def _login(client, email, password):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_login_with_email_lands_on_home(client, world):
    response = _login(client, "KOORDINATOR@helsingor.test", PASSWORD)
    assert response.status_code == 302
    home = client.get(reverse("core:home")).content.decode()
    assert "Helsingør" in home and "Koordinator" in home
    assert AuditEntry.objects.filter(action="login", actor=world.helsingor_coordinator).exists()


def test_wrong_password_gives_danish_message_and_is_logged(client, world):
    response = _login(client, "koordinator@helsingor.test", "wrong")
    assert response.status_code == 200
    assert "Indtast venligst korrekt" in response.content.decode()
    entry = AuditEntry.objects.get(action="login.failed")
    assert entry.subject == world.helsingor_coordinator


def test_repeated_failures_lock_out_with_danish_message(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "leder@helsingor.test", "wrong")
    response = _login(client, "leder@helsingor.test", PASSWORD)
    assert response.status_code == 429
    assert "låst" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_requires_post_and_ends_session(client, world):
    client.force_login(world.helsingor_leader)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("core:home")).status_code == 302


def test_language_switch_is_remembered_on_the_user(client, world):
    client.force_login(world.helsingor_leader)
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    world.helsingor_leader.refresh_from_db()
    assert world.helsingor_leader.preferred_language == "en"
    assert "My overview" in client.get("/").content.decode()


def test_unknown_language_changes_nothing(client, world):
    client.force_login(world.helsingor_leader)
    client.post(reverse("accounts:set_language"), {"language": "xx", "next": "/"})
    world.helsingor_leader.refresh_from_db()
    assert world.helsingor_leader.preferred_language == "da"


def test_profile_update_is_audited(client, world):
    client.force_login(world.helsingor_leader)
    response = client.post(
        reverse("accounts:profile"), {"full_name": "Lene L. Leder", "preferred_language": "da"}
    )
    assert response.status_code == 302
    world.helsingor_leader.refresh_from_db()
    assert world.helsingor_leader.full_name == "Lene L. Leder"
    entry = AuditEntry.objects.get(action="user.update")
    assert entry.detail == {"fields": ["full_name"]}


def test_profile_rejects_blank_name_and_changes_nothing(client, world):
    client.force_login(world.helsingor_leader)
    response = client.post(
        reverse("accounts:profile"), {"full_name": "   ", "preferred_language": "da"}
    )
    assert response.status_code == 200
    assert "Dette felt er påkrævet." in response.content.decode()
    world.helsingor_leader.refresh_from_db()
    assert world.helsingor_leader.full_name == "Lene Leder"


def test_password_reset_sends_mail(client, world):
    client.post(reverse("accounts:password_reset"), {"email": "leder@helsingor.test"})
    assert len(mail.outbox) == 1
    assert "/konto/nulstil/" in mail.outbox[0].body


def test_password_change(client, world):
    client.force_login(world.helsingor_leader)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Ny-kode-2026!x",
            "new_password2": "Ny-kode-2026!x",
        },
    )
    assert response.status_code == 302
    world.helsingor_leader.refresh_from_db()
    assert world.helsingor_leader.check_password("Ny-kode-2026!x")


def test_home_explains_roles_and_navigation_shows_only_allowed(client, world):
    client.force_login(world.helsingor_leader)
    page = client.get("/").content.decode()
    assert "Leder" in page
    assert reverse("core:audit_list") not in page
    client.force_login(world.helsingor_coordinator)
    page = client.get("/").content.decode()
    assert reverse("core:audit_list") in page
    assert "https://www.was.digst.dk/helsingor-dk" in page
