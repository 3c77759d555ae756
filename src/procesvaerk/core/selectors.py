# SPDX-License-Identifier: MPL-2.0
"""Reads across relations for the core pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from procesvaerk.accounts.roles import CAPABILITIES, Role
from procesvaerk.core import access
from procesvaerk.core.models import Municipality, Unit


@dataclass
class UnitNode:
    unit: Unit
    children: list[UnitNode] = field(default_factory=list)


def unit_forest(user: Any, municipality: Municipality) -> list[UnitNode]:
    """The unit tree of one municipality in a single query."""
    units = list(
        access.visible(Unit.objects.filter(municipality=municipality), user).select_related(
            "leader"
        )
    )
    nodes = {u.pk: UnitNode(u) for u in units}
    roots: list[UnitNode] = []
    for unit in units:
        parent = nodes.get(unit.parent_id) if unit.parent_id else None
        (parent.children if parent else roots).append(nodes[unit.pk])
    return roots


def home_overview(user: Any) -> list[dict[str, Any]]:
    """Per municipality: its roles for ``user`` and what each role can do."""
    roles = access.roles_by_municipality(user)
    overview = []
    for municipality in access.user_municipalities(user):
        held = [Role(r) for r in Role.values if r in roles.get(municipality.pk, set())]
        overview.append(
            {
                "municipality": municipality,
                "roles": [{"label": r.label, "can": CAPABILITIES[r]} for r in held],
            }
        )
    return overview
