# SPDX-License-Identifier: MPL-2.0
"""Private file storage: outside MEDIA_ROOT and without any URL, so a file can
only leave through an access-checked view."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """FileSystemStorage under ``PRIVATE_STORAGE_ROOT``. The root is read on every
    use so that tests (and ``override_settings``) can move it."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(settings.PRIVATE_STORAGE_ROOT)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: Any) -> str:
        # base_url=None would fall back to MEDIA_URL; a private file has no URL.
        raise ValueError("Private files have no URL; serve them with core.uploads.serve_upload.")


_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    return _storage
