# SPDX-License-Identifier: MPL-2.0
"""What each app declares to the rest of the site, read from its own modules:

- ``<app>/nav.py``: ``SECTION = NavSection(...)`` (or ``SECTIONS``), its header entries;
- ``<app>/capabilities.py``: ``CAPABILITIES = {Role.X: [text, ...]}`` for the help page;
- ``<app>/home_cards.py``: ``CARDS = [HomeCard(...)]`` on "Mit overblik";
- ``<app>/notification_kinds.py``: ``KINDS = [NotificationKind(...)]``;
- ``<app>/audit_actions.py``: ``ACTIONS = {"code": _("label"), ...}`` for the audit log.

Core imports no app: it looks the modules up by name among the installed apps.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.utils.functional import Promise

from procesvaerk.core.roles import Role

if TYPE_CHECKING:
    from procesvaerk.accounts.models import User

Text = str | Promise

# The header's sections, in this order; an app names one of these keys.
SECTION_ORDER = (
    "overview",
    "programmes",
    "corps",
    "methods",
    "mapping",
    "mining",
    "benefits",
    "effect",
    "administration",
)


@dataclass(frozen=True)
class NavEntry:
    label: Text
    url_name: str
    roles: tuple[Role, ...] = ()  # empty: every signed-in member
    superuser_only: bool = False


@dataclass(frozen=True)
class NavSection:
    key: str  # one of SECTION_ORDER
    label: Text
    entries: tuple[NavEntry, ...]


@dataclass(frozen=True)
class HomeItem:
    """One line of a card: a count (or None), a text and where to act."""

    text: Text
    url: str
    count: int | None = None
    when: Any = None  # a date/datetime to sort by, newest first


@dataclass(frozen=True)
class HomeCard:
    """A card on the home page for holders of ``roles``. ``items(user)`` returns
    what needs the user now; an empty list shows ``empty`` (or hides the card)."""

    key: str
    title: Text
    roles: tuple[Role, ...]
    items: Callable[[User], list[HomeItem]]
    order: int = 100
    empty: Text | None = None
    # Some relations are not roles (supervisor of a learning group): let the card decide.
    applies: Callable[[User], bool | None] | None = None  # None: decided by roles


@dataclass(frozen=True)
class NotificationKind:
    key: str
    label: Text
    email: bool = True


@dataclass
class Declarations:
    sections: list[NavSection] = field(default_factory=list)
    capabilities: dict[str, list[Text]] = field(default_factory=dict)
    cards: list[HomeCard] = field(default_factory=list)
    kinds: dict[str, NotificationKind] = field(default_factory=dict)
    audit_actions: dict[str, Text] = field(default_factory=dict)


def _module(app_name: str, name: str) -> Any:
    try:
        return importlib.import_module(f"{app_name}.{name}")
    except ModuleNotFoundError as error:
        if error.name != f"{app_name}.{name}":
            raise  # a broken import inside the module must not be hidden
        return None


@cache
def declarations() -> Declarations:
    """Everything the installed apps declare; read once per process."""
    found = Declarations()
    for config in apps.get_app_configs():
        if not config.name.startswith("procesvaerk."):
            continue
        if (nav := _module(config.name, "nav")) is not None:
            found.sections.extend(getattr(nav, "SECTIONS", None) or [nav.SECTION])
        if (caps := _module(config.name, "capabilities")) is not None:
            for role, texts in caps.CAPABILITIES.items():
                found.capabilities.setdefault(str(role), []).extend(texts)
        if (home := _module(config.name, "home_cards")) is not None:
            found.cards.extend(home.CARDS)
        if (kinds := _module(config.name, "notification_kinds")) is not None:
            for kind in kinds.KINDS:
                if kind.key in found.kinds:
                    raise ValueError(f"Two apps declare the notification kind {kind.key!r}")
                found.kinds[kind.key] = kind
        if (audit := _module(config.name, "audit_actions")) is not None:
            for code, label in audit.ACTIONS.items():
                if code in found.audit_actions:
                    raise ValueError(f"Two apps declare the audit action {code!r}")
                found.audit_actions[code] = label
    rank = {key: i for i, key in enumerate(SECTION_ORDER)}
    found.sections.sort(key=lambda s: rank.get(s.key, len(rank)))
    found.cards.sort(key=lambda c: (c.order, c.key))
    return found
