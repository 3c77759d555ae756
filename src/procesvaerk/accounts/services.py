# SPDX-License-Identifier: MPL-2.0
"""Writes that touch people: each is audited because it is personal data."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from procesvaerk.accounts.models import Membership, User
from procesvaerk.accounts.roles import Role
from procesvaerk.core import access
from procesvaerk.core.audit import audit_record
from procesvaerk.core.models import Municipality

_LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


@transaction.atomic
def user_update_profile(*, actor: Any, user: User, full_name: str, preferred_language: str) -> User:
    if preferred_language not in _LANGUAGE_CODES:
        raise ValidationError(_("Unknown language."))
    full_name = full_name.strip()
    if not full_name:
        raise ValidationError(_("The name cannot be empty."))
    changed = {
        field: value
        for field, value in (("full_name", full_name), ("preferred_language", preferred_language))
        if getattr(user, field) != value
    }
    if changed:
        for field, value in changed.items():
            setattr(user, field, value)
        user.save(update_fields=list(changed))
        audit_record(
            actor=actor,
            action="user.update",
            target=user,
            subject=user,
            detail={"fields": sorted(changed)},
        )
    return user


def user_set_language(*, user: Any, language: str) -> None:
    """Remember a signed-in user's language choice; anonymous users keep the cookie."""
    if language not in _LANGUAGE_CODES:
        raise ValidationError(_("Unknown language."))
    if user.is_authenticated and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


@transaction.atomic
def membership_grant(
    *, actor: Any, user: User, municipality: Municipality, role: str
) -> Membership:
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    membership, created = Membership.objects.get_or_create(
        user=user, municipality=municipality, role=role
    )
    if created:
        audit_record(
            actor=actor,
            action="membership.grant",
            target=membership,
            subject=user,
            municipality=municipality,
            detail={"role": role},
        )
        access.forget_roles(user)
    return membership


@transaction.atomic
def membership_revoke(*, actor: Any, membership: Membership) -> None:
    audit_record(
        actor=actor,
        action="membership.revoke",
        target=membership,
        subject=membership.user,
        municipality=membership.municipality,
        detail={"role": membership.role},
    )
    membership.delete()
    access.forget_roles(membership.user)
