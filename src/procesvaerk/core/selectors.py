# SPDX-License-Identifier: MPL-2.0
"""Reads across relations for the core pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from procesvaerk.core import access
from procesvaerk.core.models import Municipality, Unit
from procesvaerk.core.registry import declarations
from procesvaerk.core.roles import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from procesvaerk.accounts.models import User


@dataclass
class UnitNode:
    unit: Unit
    children: list[UnitNode] = field(default_factory=list)


def unit_forest(user: User | AnonymousUser, municipality: Municipality) -> list[UnitNode]:
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


def role_help(user: User | AnonymousUser) -> list[dict[str, Any]]:
    """Per municipality: the user's roles there and what each lets them do (help page)."""
    roles = access.roles_by_municipality(user)
    capabilities = declarations().capabilities
    overview = []
    for municipality in access.user_municipalities(user):
        held = [Role(r) for r in Role.values if r in roles.get(municipality.pk, set())]
        overview.append(
            {
                "municipality": municipality,
                "roles": [{"label": r.label, "can": capabilities.get(r.value, [])} for r in held],
            }
        )
    return overview


_UNDATED = datetime.min.replace(tzinfo=UTC)


def _moment(value: date | datetime | None) -> datetime:
    """Cards mix dates (a period's end) and times (a request): one scale, undated last."""
    if value is None:
        return _UNDATED
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(datetime.combine(value, time.min))


def home_cards(user: User) -> list[dict[str, Any]]:
    """ "Mit overblik": for each role the user holds, the cards the apps declare, each
    with what needs the user now (newest first)."""
    cards = []
    for card in declarations().cards:
        applies = card.applies(user) if card.applies else None
        if applies is None:
            applies = user.is_superuser or access.has_any_role(user, *card.roles)
        if not applies:
            continue
        items = card.items(user)
        if not items and card.empty is None:
            continue
        items.sort(key=lambda i: _moment(i.when), reverse=True)
        cards.append({"key": card.key, "title": card.title, "items": items, "empty": card.empty})
    return cards
