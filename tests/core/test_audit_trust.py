# SPDX-License-Identifier: MPL-2.0
"""The audit log can be trusted: words not codes, own municipalities only, a CSV that
Danish Excel opens safely, and entries nobody can change or delete."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from procesvaerk.accounts.models import Membership
from procesvaerk.accounts.roles import Role
from procesvaerk.core.admin import AuditEntryAdmin
from procesvaerk.core.audit import audit_action_label, audit_extract_csv, audit_record
from procesvaerk.core.models import AuditEntry
from tests.conftest import make_user


def test_actions_are_shown_as_danish_labels_never_codes(client, world):
    audit_record(
        actor=world.helsingor_coordinator, action="membership.grant", target=world.helsingor_unit
    )
    audit_record(
        actor=world.helsingor_coordinator, action="some_app.thing_done", target=world.helsingor_unit
    )
    client.force_login(world.helsingor_coordinator)
    page = client.get(reverse("core:audit_list")).content.decode()
    assert "<td>Rolle tildelt</td>" in page and "membership.grant</td>" not in page
    assert "<td>Some app thing done</td>" in page
    assert '<option value="membership.grant">Rolle tildelt</option>' in page
    assert audit_action_label("exam.grade") != "exam.grade"


def test_coordinator_sees_no_entry_of_another_municipality_even_about_own_people(client, world):
    both = make_user("begge@x.test", "Bente Begge", (world.helsingor, Role.VIEWER))
    Membership.objects.create(user=both, municipality=world.holbaek, role=Role.VIEWER)
    audit_record(
        actor=world.holbaek_coordinator,
        action="holbaek.secret",
        subject=both,
        municipality=world.holbaek,
    )
    audit_record(actor=both, action="login", subject=both)  # no municipality: about own member
    client.force_login(world.helsingor_coordinator)
    page = client.get(reverse("core:audit_list")).content.decode()
    assert "Holbaek secret" not in page and "koordinator@holbaek.test" not in page
    assert "<td>Logget ind</td>" in page


def test_csv_extract_opens_in_danish_excel_and_neutralises_formulas(client, world):
    evil = make_user("=HYPERLINK(1)@evil.test", "Eva", (world.helsingor, Role.VIEWER))
    audit_record(actor=evil, action="login", subject=evil)
    audit_record(
        actor=world.helsingor_coordinator,
        action="user.update",
        subject=evil,
        detail={"name": "Åse"},
    )
    client.force_login(world.helsingor_coordinator)
    body = client.get(reverse("core:audit_extract", args=[evil.code])).content
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark
    text = body.decode("utf-8").removeprefix("\ufeff")
    header, *_rest = text.splitlines()
    assert header == "Tidspunkt;Udført af;Handling;Kommune;Hvis data;Objekttype;Objekt;Detaljer"
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert {r["Handling"] for r in rows} == {"Logget ind", "Profil ændret"}
    assert all(not r["Udført af"].startswith(("=", "+", "-", "@")) for r in rows)
    assert "'=hyperlink(1)@evil.test" in {r["Hvis data"] for r in rows}
    assert any("Åse" in r["Detaljer"] for r in rows)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised(world, start):
    person = world.helsingor_leader
    AuditEntry.objects.create(subject=person, actor_label=f"{start}cmd|' /C calc", action="login")
    out = io.StringIO()
    audit_extract_csv(subject=person, out=out)
    rows = list(
        csv.reader(io.StringIO(out.getvalue().removeprefix("\ufeff"), newline=""), delimiter=";")
    )
    assert rows[1][1] == f"'{start}cmd|' /C calc"


def test_entries_cannot_be_changed_or_deleted_not_even_in_the_admin(client, world, admin_user):
    entry = audit_record(actor=world.helsingor_coordinator, action="login")
    entry.action = "nothing.happened"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        AuditEntry.objects.get(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "login"
    admin = AuditEntryAdmin(AuditEntry, None)
    assert not admin.has_add_permission(None)
    assert not admin.has_change_permission(None, entry)
    assert not admin.has_delete_permission(None, entry)
    client.force_login(admin_user)
    delete_url = reverse("admin:core_auditentry_delete", args=[entry.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_extract_holds_only_what_the_coordinator_may_read(client, world):
    """A person who is a member in Helsingør and Holbæk: Holbæk's entries about them stay
    out of Helsingør's extract, as they stay out of Helsingør's log."""
    from procesvaerk.accounts.services import membership_grant

    person = world.helsingor_leader
    membership_grant(
        actor=world.holbaek_coordinator, user=person, municipality=world.holbaek, role="viewer"
    )
    audit_record(actor=world.holbaek_coordinator, action="profile.update", subject=person,
                 municipality=world.holbaek, detail={"note": "Holbæks egen sag"})  # fmt: skip
    audit_record(actor=world.helsingor_coordinator, action="profile.update", subject=person,
                 municipality=world.helsingor, detail={"note": "Helsingørs sag"})  # fmt: skip
    client.force_login(world.helsingor_coordinator)
    text = client.get(reverse("core:audit_extract", args=[person.code])).content.decode()
    assert "Helsingørs sag" in text
    assert "Holbæks egen sag" not in text and "Holbæk" not in text
