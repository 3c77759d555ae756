# SPDX-License-Identifier: MPL-2.0
"""Calendar feed links: made on request, reset by their owner."""

from __future__ import annotations

import uuid

from django.db import transaction

from procesvaerk.accounts.models import User
from procesvaerk.core import access
from procesvaerk.core.roles import Role
from procesvaerk.programmes.models import Cohort, PersonalFeed


@transaction.atomic
def personal_feed_renew(*, actor: User) -> PersonalFeed:
    """Make the person's feed link, or give it a new address: the old one stops working."""
    feed, created = PersonalFeed.objects.select_for_update().get_or_create(user=actor)
    if not created:
        feed.token = uuid.uuid4()
        feed.save(update_fields=["token"])
    return feed


@transaction.atomic
def cohort_feed_reset(*, actor: User, cohort: Cohort) -> Cohort:
    """A coordinator of the cohort's municipality gives the cohort feed a new address."""
    access.require_role(actor, cohort.municipality_id, Role.COORDINATOR)
    cohort.feed_token = uuid.uuid4()
    cohort.save(update_fields=["feed_token", "updated_at"])
    return cohort
