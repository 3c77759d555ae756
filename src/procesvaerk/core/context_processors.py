# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from procesvaerk.core import access
from procesvaerk.core.navigation import navigation_for
from procesvaerk.core.notifications import unread_count
from procesvaerk.core.roles import Role


def tenancy(request: HttpRequest) -> dict[str, Any]:
    """The user's municipalities and roles for the header, footer and navigation."""
    user = request.user
    if not user.is_authenticated:
        return {"nav_sections": []}
    municipalities = list(access.user_municipalities(user))
    roles = access.roles_by_municipality(user)
    primary = municipalities[0] if municipalities else None
    return {
        "user_municipalities": municipalities,
        "primary_municipality": primary,
        "user_role_labels": [
            Role(r).label for r in Role.values if any(r in held for held in roles.values())
        ],
        "nav_sections": navigation_for(request),
        "unread_notifications": unread_count(user),
    }
