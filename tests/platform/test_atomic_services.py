# SPDX-License-Identifier: MPL-2.0
"""Nothing half-written: every write service runs in one transaction."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from procesvaerk.core.models import AuditEntry
from procesvaerk.programmes import learning_services
from procesvaerk.programmes.models import SupervisionNote

SRC = Path(__file__).resolve().parents[2] / "src" / "procesvaerk"
# Services that are deliberately not one transaction, and why.
NOT_ATOMIC = {
    "user_set_language": "one row, also for anonymous visitors",
    "job_run": "runs for minutes; its progress must be visible to other requests as it goes",
    "notify_censor": "a helper called inside submission_assign's transaction",
}


def service_functions() -> list[tuple[str, str, str]]:
    found = []
    for path in sorted(SRC.rglob("*services*.py")):
        text = path.read_text()
        for match in re.finditer(r"((?:@[^\n]+\n)*)def (\w+)\(\s*\*", text):
            found.append((str(path.relative_to(SRC)), match.group(2), match.group(1)))
    return found


def test_every_write_service_is_atomic():
    services = service_functions()
    assert len(services) > 40  # the scan finds the services (it cannot pass by finding none)
    missing = [
        f"{path}:{name}"
        for path, name, decorators in services
        if "transaction.atomic" not in decorators and name not in NOT_ATOMIC
    ]
    assert missing == []


@pytest.mark.django_db
def test_a_failing_audit_leaves_no_supervision_note(cw, monkeypatch):
    """Data and its audit entry are written together or not at all."""
    participant = type(cw.anna).objects.select_related("group").get(pk=cw.anna.pk)
    group = participant.group
    cafe = cw.cohort.activities.filter(kind="learning_cafe").first()

    def refuse(**kwargs):
        raise RuntimeError("the audit store is down")

    monkeypatch.setattr(learning_services, "audit_record", refuse)
    with pytest.raises(RuntimeError):
        learning_services.supervision_note_create(
            actor=group.supervisor, participant=participant, activity=cafe, text="Godt arbejde"
        )
    assert not SupervisionNote.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="learning").exists()
