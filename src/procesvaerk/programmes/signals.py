# SPDX-License-Identifier: MPL-2.0
"""A deleted submission (also by cascade from its participant) takes its file along;
the cohort's shared calendar link changes when someone leaves its staff."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from procesvaerk.accounts.models import Membership, User
from procesvaerk.core.models import StoredFile
from procesvaerk.programmes.access import COHORT_STAFF_ROLES
from procesvaerk.programmes.models import Cohort, Submission


@receiver(post_delete, sender=Submission)
def delete_submission_file(sender: type[Submission], instance: Submission, **kwargs: Any) -> None:
    if instance.upload_id is not None:
        StoredFile.objects.filter(pk=instance.upload_id).delete()


# The cohort's shared calendar link is known to its staff. When someone leaves the
# staff (an instructor taken off, a staff membership ended, an account deactivated),
# the link changes so that theirs stops working; the others copy the new one.
@receiver(m2m_changed, sender=Cohort.instructors.through)
def instructors_changed(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action in ("post_remove", "post_clear") and isinstance(instance, Cohort):
        _new_feed_tokens(Cohort.objects.filter(pk=instance.pk))


@receiver(post_delete, sender=Membership)
def staff_membership_ended(sender: type[Membership], instance: Membership, **kwargs: Any) -> None:
    if instance.role in COHORT_STAFF_ROLES:
        _new_feed_tokens(Cohort.objects.filter(municipality_id=instance.municipality_id))


@receiver(post_save, sender=User)
def account_deactivated(sender: type[User], instance: User, **kwargs: Any) -> None:
    if instance.is_active:
        return
    staff_of = Membership.objects.filter(user=instance, role__in=COHORT_STAFF_ROLES)
    _new_feed_tokens(
        Cohort.objects.filter(
            Q(instructors=instance) | Q(municipality_id__in=staff_of.values("municipality_id"))
        ).distinct()
    )


def _new_feed_tokens(cohorts: Any) -> None:
    for pk in list(cohorts.values_list("pk", flat=True)):
        Cohort.objects.filter(pk=pk).update(feed_token=uuid.uuid4())
