# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest

NO_CODE = UUID(int=0)  # no object has the nil UUID, so a lookup with it finds nothing


def posted_code(request: HttpRequest, name: str) -> UUID:
    """A public code from a form field; the nil UUID when missing or not a UUID, so a
    tampered value finds nothing instead of raising."""
    try:
        return UUID(request.POST.get(name, ""))
    except ValueError:
        return NO_CODE
