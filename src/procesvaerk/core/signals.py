# SPDX-License-Identifier: MPL-2.0
"""A stored file goes when its record goes, but only once the deletion is committed,
so a rolled-back transaction does not leave a record without its file."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from procesvaerk.core.models import StoredFile


@receiver(post_delete, sender=StoredFile)
def delete_stored_file(sender: type[StoredFile], instance: StoredFile, **kwargs: Any) -> None:
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
