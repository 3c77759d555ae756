# SPDX-License-Identifier: MPL-2.0
"""Main navigation: only links to pages that exist and the user may open.

To add a page: append a ``NavItem`` with the roles that may see it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from procesvaerk.core import access


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    roles: tuple[str, ...] = ()  # empty: any signed-in member
    superuser_only: bool = False


NAV_ITEMS: list[NavItem] = [
    NavItem(_("Home"), "core:home"),
    NavItem(_("Organisation"), "core:unit_list"),
    NavItem(_("Task board"), "corps:board", roles=("coordinator",)),
    NavItem(_("My tasks"), "corps:my_tasks"),
    NavItem(_("Ask for help"), "corps:task_request"),
    NavItem(_("Consultants"), "corps:consultant_list", roles=("coordinator",)),
    NavItem(_("Lending"), "corps:ledger", roles=("coordinator",)),
    NavItem(_("Cases"), "corps:case_list"),
    NavItem(_("Programmes"), "programmes:programme_list"),
    NavItem(_("My consultant profile"), "corps:profile_edit", roles=("consultant",)),
    NavItem(_("Notifications"), "corps:notifications"),
    NavItem(_("Audit log"), "core:audit_list", roles=("coordinator",)),
    NavItem(_("Administration"), "admin:index", superuser_only=True),
]


def navigation_for(request: HttpRequest) -> list[dict[str, object]]:
    user = request.user
    items = []
    for item in NAV_ITEMS:
        if item.superuser_only and not user.is_superuser:
            continue
        if item.roles and not (user.is_superuser or access.has_any_role(user, *item.roles)):
            continue
        url = reverse(item.url_name)
        current = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({"label": item.label, "url": url, "current": current})
    return items
