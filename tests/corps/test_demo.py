# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

import io

from procesvaerk.core import demo as core_demo
from procesvaerk.corps import demo
from procesvaerk.corps.models import (
    Case,
    ConsultantProfile,
    Engagement,
    Evaluation,
    ProcessTask,
    TaskAgreement,
    TaskStatus,
    TimeEntry,
)
from procesvaerk.corps.selectors import lending_ledger


def _counts():
    models = (
        ConsultantProfile,
        ProcessTask,
        TaskAgreement,
        Engagement,
        TimeEntry,
        Evaluation,
        Case,
    )
    return {m.__name__: m.objects.count() for m in models}


def test_demo_has_every_status_and_is_idempotent(db):
    core_demo.load(io.StringIO())
    demo.load(io.StringIO())
    first = _counts()
    demo.load(io.StringIO())
    assert _counts() == first
    members = [slug for _n, _c, slug, member in core_demo.MUNICIPALITIES if member]
    assert first["ConsultantProfile"] == 8 * len(members)
    assert set(ProcessTask.objects.values_list("status", flat=True)) == set(TaskStatus.values)
    assert Case.objects.filter(published_at__isnull=False).count() == 2
    assert first["Evaluation"] >= 2 and first["TimeEntry"] > 0
    # Kim from Hillerød works for Helsingør: the ledger shows it.
    from procesvaerk.accounts.models import User

    coordinator = User.objects.get(email="koordinator@helsingor.demo")
    rows = {r.municipality.name: r for q in lending_ledger(coordinator) for r in q["rows"]}
    assert rows["Hillerød"].lent > 0 and rows["Helsingør"].borrowed > 0
