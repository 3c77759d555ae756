# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

import io

from procesvaerk.accounts import demo as core_demo
from procesvaerk.corps import demo
from procesvaerk.corps.models import Case, ConsultantProfile, Engagement, Evaluation, TimeEntry
from procesvaerk.corps.selectors import lending_ledger
from procesvaerk.tasks.models import ProcessTask, TaskAgreement, TaskStatus


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


def test_every_corps_page_renders_on_the_demo_data(client, db):
    from django.urls import reverse

    from procesvaerk.accounts.models import User

    core_demo.load(io.StringIO())
    demo.load(io.StringIO())
    coordinator = User.objects.get(email="koordinator@helsingor.demo")
    client.force_login(coordinator)
    for name in ("board", "consultant_list", "ledger", "case_list", "my_tasks"):
        assert client.get(reverse(f"corps:{name}")).status_code == 200, name
    assert client.get(reverse("core:notifications")).status_code == 200
    for task in ProcessTask.objects.filter(municipality__name="Helsingør"):
        page = client.get(reverse("tasks:task_detail", args=[task.code]))
        assert page.status_code == 200, task.title
        if task.status in ("scoping", "agreed", "in_progress"):
            assert client.get(reverse("corps:suggestions", args=[task.code])).status_code == 200
    for case in Case.objects.all():
        assert client.get(reverse("corps:case_detail", args=[case.code])).status_code == 200
    kim = User.objects.get(email="konsulent@hillerod.demo")
    client.force_login(kim)
    assert client.get(reverse("corps:profile_edit")).status_code == 200
    mine = client.get(reverse("corps:my_tasks")).content.decode()
    assert "Kortere overlevering mellem vagter" in mine  # a Helsingør task Kim works on
