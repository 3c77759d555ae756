# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

import csv
import io
from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from procesvaerk.accounts.services import membership_grant
from procesvaerk.core.audit import audit_extract_csv, audit_purge, audit_record
from procesvaerk.core.models import AuditEntry


def test_membership_grant_is_audited_with_whose_data(world):
    membership_grant(
        actor=world.helsingor_coordinator,
        user=world.hillerod_consultant,
        municipality=world.helsingor,
        role="consultant",
    )
    entry = AuditEntry.objects.get(action="membership.grant")
    assert entry.actor == world.helsingor_coordinator
    assert entry.subject == world.hillerod_consultant
    assert entry.municipality == world.helsingor
    assert entry.detail == {"role": "consultant"}


def test_purge_deletes_only_entries_older_than_retention(world, settings):
    settings.AUDIT_RETENTION_DAYS = 183
    old = audit_record(actor=world.helsingor_coordinator, action="old")
    AuditEntry.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=200))
    recent = audit_record(actor=world.helsingor_coordinator, action="recent")
    assert audit_purge() == 1
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [recent.pk]


def test_purge_command_reports_count(world):
    old = audit_record(actor=world.helsingor_coordinator, action="old")
    AuditEntry.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=400))
    out = io.StringIO()
    call_command("purge_audit", stdout=out)
    assert "Deleted 1 audit entries" in out.getvalue()
    assert not AuditEntry.objects.exists()


def test_extract_contains_entries_by_and_about_person(world):
    audit_record(
        actor=world.helsingor_coordinator, action="user.update", subject=world.helsingor_leader
    )
    audit_record(actor=world.helsingor_leader, action="login", subject=world.helsingor_leader)
    audit_record(actor=world.hillerod_consultant, action="login", subject=world.hillerod_consultant)
    buffer = io.StringIO()
    assert audit_extract_csv(subject=world.helsingor_leader, out=buffer) == 2
    text = buffer.getvalue().removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert {r["Handling"] for r in rows} == {"Profil ændret", "Logget ind"}
    assert all("konsulent@hillerod.test" not in r.values() for r in rows)


def test_audit_page_only_for_coordinators(client, world):
    client.force_login(world.helsingor_leader)
    assert client.get(reverse("core:audit_list")).status_code == 403
    client.force_login(world.helsingor_coordinator)
    assert client.get(reverse("core:audit_list")).status_code == 200


def test_audit_page_filters_and_hides_other_municipalities(client, world):
    audit_record(actor=world.helsingor_leader, action="unit.update", target=world.helsingor_unit)
    audit_record(actor=world.holbaek_coordinator, action="unit.update", target=world.holbaek_unit)
    audit_record(actor=world.helsingor_leader, action="other", target=world.helsingor_unit)
    client.force_login(world.helsingor_coordinator)
    page = client.get(reverse("core:audit_list"), {"action": "unit.update"}).content.decode()
    assert page.count("<td>Unit update</td>") == 1
    assert "koordinator@holbaek.test" not in page
    assert "<td>Other</td>" not in page


def test_audit_filter_rejects_reversed_dates_with_danish_message(client, world):
    client.force_login(world.helsingor_coordinator)
    page = client.get(
        reverse("core:audit_list"), {"date_from": "2026-05-01", "date_to": "2026-04-01"}
    ).content.decode()
    assert "Startdatoen skal ligge før slutdatoen." in page


def test_extract_download_for_own_people_and_404_for_others(client, world):
    audit_record(actor=world.helsingor_leader, action="login", subject=world.helsingor_leader)
    client.force_login(world.helsingor_coordinator)
    response = client.get(reverse("core:audit_extract", args=[world.helsingor_leader.code]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "leder@helsingor.test" in response.content.decode()
    other = client.get(reverse("core:audit_extract", args=[world.holbaek_coordinator.code]))
    assert other.status_code == 404
    assert AuditEntry.objects.filter(action="audit.extract").count() == 1
