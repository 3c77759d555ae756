# SPDX-License-Identifier: MPL-2.0
"""Named personas across three municipalities, shared by every app's tests.

Helsingør and Hillerød are in the same cooperation; Holbæk is on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from procesvaerk.accounts.models import Membership, User
from procesvaerk.accounts.roles import Role
from procesvaerk.core.models import Cooperation, Municipality, Unit

PASSWORD = "test-password-123"

# Real hashing costs ~0.3 s per user; tests only need a working hasher.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    cooperation: Cooperation
    helsingor: Municipality
    hillerod: Municipality
    holbaek: Municipality
    helsingor_unit: Unit
    hillerod_unit: Unit
    holbaek_unit: Unit
    helsingor_coordinator: User
    helsingor_leader: User
    hillerod_consultant: User
    hillerod_coordinator: User
    holbaek_coordinator: User
    censor: User
    outsider: User  # signed in, but no role anywhere


def make_user(email: str, name: str, *roles: tuple[Municipality, str]) -> User:
    user = User.objects.create_user(email, PASSWORD, full_name=name)
    for municipality, role in roles:
        Membership.objects.create(user=user, municipality=municipality, role=role)
    return user


@pytest.fixture
def world(db: None) -> World:
    coop = Cooperation.objects.create(name="Nordsjællands Digitaliseringssamarbejde")
    helsingor = Municipality.objects.create(
        name="Helsingør",
        kommunekode="217",
        cooperation=coop,
        accessibility_statement_url="https://www.was.digst.dk/helsingor-dk",
    )
    hillerod = Municipality.objects.create(name="Hillerød", kommunekode="219", cooperation=coop)
    holbaek = Municipality.objects.create(name="Holbæk", kommunekode="316")
    leader = make_user("leder@helsingor.test", "Lene Leder", (helsingor, Role.LEADER))
    return World(
        cooperation=coop,
        helsingor=helsingor,
        hillerod=hillerod,
        holbaek=holbaek,
        helsingor_unit=Unit.objects.create(
            municipality=helsingor, name="Hjemmeplejen", leader=leader, core_task="Pleje i hjemmet"
        ),
        hillerod_unit=Unit.objects.create(municipality=hillerod, name="Visitationen"),
        holbaek_unit=Unit.objects.create(municipality=holbaek, name="Byggesag"),
        helsingor_coordinator=make_user(
            "koordinator@helsingor.test",
            "Karen Koordinator",
            (helsingor, Role.COORDINATOR),
            (helsingor, Role.INSTRUCTOR),
        ),
        helsingor_leader=leader,
        hillerod_consultant=make_user(
            "konsulent@hillerod.test", "Kim Konsulent", (hillerod, Role.CONSULTANT)
        ),
        hillerod_coordinator=make_user(
            "koordinator@hillerod.test", "Hanne Koordinator", (hillerod, Role.COORDINATOR)
        ),
        holbaek_coordinator=make_user(
            "koordinator@holbaek.test", "Hans Koordinator", (holbaek, Role.COORDINATOR)
        ),
        censor=make_user("censor@eksamen.test", "Carl Censor", (helsingor, Role.CENSOR)),
        outsider=make_user("udenfor@example.test", "Uffe Udenfor"),
    )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """The per-run SQLite test database is removed by Django; its WAL files are not."""
    from django.conf import settings

    name = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if name:
        for suffix in ("-wal", "-shm"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)
