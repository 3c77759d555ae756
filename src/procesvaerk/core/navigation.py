# SPDX-License-Identifier: MPL-2.0
"""The header's navigation, built from what each app declares in its ``nav.py``:
only sections and entries that exist and that the user's roles open."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.urls import reverse

from procesvaerk.core import access
from procesvaerk.core.registry import NavEntry, declarations

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from procesvaerk.accounts.models import User


def _opens(user: User | AnonymousUser, entry: NavEntry) -> bool:
    if entry.superuser_only:
        return bool(user.is_superuser)
    return not entry.roles or user.is_superuser or access.has_any_role(user, *entry.roles)


def navigation_for(request: HttpRequest) -> list[dict[str, Any]]:
    """Sections with the entries this user may open; the current page is marked."""
    user = request.user
    sections = []
    for section in declarations().sections:
        entries = []
        for entry in section.entries:
            if not _opens(user, entry):
                continue
            url = reverse(entry.url_name)
            current = request.path == url
            entries.append({"label": entry.label, "url": url, "current": current})
        if entries:
            # The longest matching prefix marks the section as the active one.
            active = any(
                e["current"] or (e["url"] != "/" and request.path.startswith(str(e["url"])))
                for e in entries
            )
            sections.append(
                {"key": section.key, "label": section.label, "entries": entries, "active": active}
            )
    return sections
