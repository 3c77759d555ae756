# SPDX-License-Identifier: MPL-2.0
"""Demo data for the foundation: the cooperation, eight municipalities, unit
trees and about 40 invented people. Idempotent: natural keys, get-or-create.

Other apps add their own demo data in ``<app>/demo.py`` with a ``load(out)``
function; ``manage.py load_demo`` calls them in INSTALLED_APPS order.
"""

from __future__ import annotations

import itertools
from typing import IO

from django.contrib.auth.hashers import make_password
from django.db import transaction

from procesvaerk.accounts.models import Membership, User
from procesvaerk.accounts.roles import Role
from procesvaerk.core.models import Cooperation, Municipality, Unit, Visibility

DEMO_PASSWORD = "procesvaerk"  # noqa: S105  (published demo password)
COOPERATION = "Nordsjællands Digitaliseringssamarbejde"

# name, kommunekode, slug, member of the cooperation
MUNICIPALITIES = [
    ("Fredensborg", "210", "fredensborg", True),
    ("Frederikssund", "250", "frederikssund", True),
    ("Gribskov", "270", "gribskov", True),
    ("Halsnæs", "260", "halsnaes", True),
    ("Helsingør", "217", "helsingor", True),
    ("Hillerød", "219", "hillerod", True),
    ("Hørsholm", "223", "horsholm", True),
    ("Holbæk", "316", "holbaek", False),
]

UNIT_TREE: dict[str, dict[str, str]] = {
    "Social og Sundhed": {
        "Hjemmeplejen": "Hjælp og pleje i eget hjem, så borgeren kan klare sig selv længst muligt.",
        "Visitationen": "Vurdere borgerens behov og bevilge den rette hjælp.",
        "Sundhedsplejen": "Støtte familier med spæd- og småbørn i trivsel og sundhed.",
    },
    "Børn og Unge": {
        "Dagtilbud": "Trygge rammer for leg, læring og udvikling for børn fra 0 til 6 år.",
        "Pædagogisk Psykologisk Rådgivning": (
            "Rådgive skoler og dagtilbud om børn i vanskeligheder."
        ),
    },
    "Teknik og Miljø": {
        "Byggesag": "Behandle byggeansøgninger hurtigt og korrekt.",
        "Vej og Park": "Drive og vedligeholde veje, stier og grønne områder.",
    },
    "Borgerservice": {
        "Ydelsesservice": "Udbetale de rigtige ydelser til tiden.",
        "Borgerservice og Bibliotek": "Hjælpe borgerne med selvbetjening og personlig service.",
    },
    "Økonomi og HR": {
        "Digitalisering": "Gøre digitale løsninger til en del af kerneopgaven.",
        "HR og Arbejdsmiljø": "Understøtte ledere og medarbejdere i trivsel og udvikling.",
    },
}

FIRST_NAMES = [
    "Anne",
    "Mette",
    "Lars",
    "Jens",
    "Hanne",
    "Søren",
    "Camilla",
    "Mads",
    "Louise",
    "Peter",
    "Rikke",
    "Thomas",
    "Maja",
    "Henrik",
    "Sofie",
    "Jakob",
    "Ida",
    "Morten",
    "Line",
    "Kasper",
]
LAST_NAMES = [
    "Nielsen",
    "Jensen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Poulsen",
    "Holm",
]

# The published demo logins: e-mail, name, municipality slug, roles.
DEMO_LOGINS = [
    (
        "koordinator@helsingor.demo",
        "Karen Koordinator",
        "helsingor",
        [Role.COORDINATOR, Role.INSTRUCTOR],
    ),
    ("konsulent@hillerod.demo", "Kim Konsulent", "hillerod", [Role.CONSULTANT]),
    ("leder@helsingor.demo", "Lene Leder", "helsingor", [Role.LEADER]),
    ("censor@eksamen.demo", "Carl Censor", "helsingor", [Role.CENSOR]),
    ("koordinator@holbaek.demo", "Hans Koordinator", "holbaek", [Role.COORDINATOR]),
]

# Roles for the invented people of each municipality, beyond the demo logins.
STAFF_ROLES = [Role.COORDINATOR, Role.INSTRUCTOR, Role.CONSULTANT, Role.VIEWER]


def _municipalities(out: IO[str]) -> dict[str, Municipality]:
    cooperation, _ = Cooperation.objects.get_or_create(name=COOPERATION)
    result = {}
    for name, code, slug, member in MUNICIPALITIES:
        municipality, created = Municipality.objects.get_or_create(
            kommunekode=code,
            defaults={
                "name": name,
                "cooperation": cooperation if member else None,
                "accessibility_statement_url": f"https://www.was.digst.dk/{slug}-dk",
            },
        )
        if created:
            out.write(f"  kommune {name} ({code})\n")
        result[slug] = municipality
    return result


def _units(municipality: Municipality) -> list[Unit]:
    root, _ = Unit.objects.get_or_create(
        municipality=municipality,
        parent=None,
        name=f"{municipality.name} Kommune",
        defaults={"core_task": "Skabe gode rammer for borgernes liv og virksomhedernes vækst."},
    )
    leaves = []
    for area, children in UNIT_TREE.items():
        parent, _ = Unit.objects.get_or_create(
            municipality=municipality,
            parent=root,
            name=area,
            defaults={"visibility": Visibility.PRIVATE},
        )
        for name, core_task in children.items():
            unit, _ = Unit.objects.get_or_create(
                municipality=municipality,
                parent=parent,
                name=name,
                defaults={"core_task": core_task},
            )
            leaves.append(unit)
    return leaves


def _person(email: str, full_name: str, password_hash: str) -> User:
    user, _ = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, "password": password_hash}
    )
    return user


def _grant(user: User, municipality: Municipality, roles: list[Role]) -> None:
    for role in roles:
        Membership.objects.get_or_create(user=user, municipality=municipality, role=role)


@transaction.atomic
def load(out: IO[str]) -> None:
    password_hash = make_password(DEMO_PASSWORD)  # hashed once: 40 hashes would take seconds
    municipalities = _municipalities(out)
    names = itertools.cycle(itertools.product(FIRST_NAMES, LAST_NAMES))
    leaves_by_slug = {slug: _units(m) for slug, m in municipalities.items()}

    for email, full_name, slug, roles in DEMO_LOGINS:
        _grant(_person(email, full_name, password_hash), municipalities[slug], roles)

    for slug, municipality in municipalities.items():
        roles = STAFF_ROLES[2:] if slug in {"helsingor", "holbaek"} else STAFF_ROLES
        for index, role in enumerate(roles):
            first, last = next(names)
            email = f"{first}.{last}.{index}@{slug}.demo".lower()
            for danish, plain in (("ø", "o"), ("æ", "ae"), ("å", "aa")):
                email = email.replace(danish, plain)
            _grant(_person(email, f"{first} {last}", password_hash), municipality, [role])

    # Every leaf unit gets a leader; Helsingør's first leaf is led by the demo leader.
    leader = User.objects.get(email="leder@helsingor.demo")
    for slug, leaves in leaves_by_slug.items():
        for index, unit in enumerate(leaves[:1]):
            if unit.leader_id:
                continue
            if slug == "helsingor" and index == 0:
                unit.leader = leader
            else:
                first, last = next(names)
                email = f"leder.{index}@{slug}.demo"
                unit.leader = _person(email, f"{first} {last}", password_hash)
                _grant(unit.leader, municipalities[slug], [Role.LEADER])
            unit.save(update_fields=["leader"])

    _admin, created = User.objects.get_or_create(
        email="admin@procesvaerk.demo",
        defaults={
            "full_name": "Administrator",
            "password": password_hash,
            "is_staff": True,
            "is_superuser": True,
        },
    )
    if created:
        out.write("  superuser admin@procesvaerk.demo\n")
