# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from datetime import timedelta

from django.core import mail

from procesvaerk.programmes import learning_services as learning
from procesvaerk.programmes.models import ActivityKind
from procesvaerk.programmes.reminders import reminders_send


def test_reminders_before_activity_once_only(cw):
    workshop = cw.cohort.activities.get(kind=ActivityKind.WORKSHOP)
    now = workshop.starts_at - timedelta(days=1)
    sent = reminders_send(now=now)
    notices = [m for m in mail.outbox if m.subject.startswith("Påmindelse: Workshop 1")]
    assert sorted(m.to[0] for m in notices) == ["anna@helsingor.test", "bo@hillerod.test"]
    # The kick-off and for-proces ended within two weeks: evaluation reminders too.
    assert sent == len(mail.outbox) == 6
    assert reminders_send(now=now) == 0
    assert len(mail.outbox) == 6


def test_missing_evaluation_is_reminded_until_answered(cw):
    kickoff = cw.cohort.activities.get(kind=ActivityKind.KICKOFF)
    learning.survey_submit(
        actor=cw.anna.user,
        participant=cw.anna,
        activity=kickoff,
        answers={"relevance": 4, "learning": 4, "facilitation": 4},
    )
    now = kickoff.ends_at + timedelta(hours=2)
    reminders_send(now=now)
    evaluations = [m for m in mail.outbox if m.subject.startswith("Evaluér")]
    assert [m.to[0] for m in evaluations] == ["bo@hillerod.test"]


def test_experience_workshop_is_announced_two_weeks_ahead(cw):
    cohort = cw.cohort
    last = cohort.activities.order_by("-ends_at").first()
    workshop = cohort.activities.create(
        kind=ActivityKind.EXPERIENCE_WORKSHOP,
        title="Erfaringsworkshop",
        starts_at=last.ends_at + timedelta(days=180),
        ends_at=last.ends_at + timedelta(days=180, hours=3),
    )
    reminders_send(now=workshop.starts_at - timedelta(days=10))
    assert {m.to[0] for m in mail.outbox} >= {"anna@helsingor.test", "bo@hillerod.test"}
    assert all("Erfaringsworkshop" in m.subject for m in mail.outbox)
