# SPDX-License-Identifier: MPL-2.0
"""A deleted submission (also by cascade from its participant) takes its file along."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete
from django.dispatch import receiver

from procesvaerk.core.models import StoredFile
from procesvaerk.programmes.models import Submission


@receiver(post_delete, sender=Submission)
def delete_submission_file(sender: type[Submission], instance: Submission, **kwargs: Any) -> None:
    if instance.upload_id is not None:
        StoredFile.objects.filter(pk=instance.upload_id).delete()
