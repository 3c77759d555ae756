# SPDX-License-Identifier: MPL-2.0
"""Writes that touch people: each is audited because it is personal data."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procesvaerk.accounts.models import Membership, PersonalAccessToken, User
from procesvaerk.accounts.roles import Role
from procesvaerk.core import access
from procesvaerk.core.audit import audit_record
from procesvaerk.core.models import Municipality

_LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


@transaction.atomic
def user_update_profile(
    *, actor: User, user: User, full_name: str, preferred_language: str
) -> User:
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


def user_set_language(*, user: User | AnonymousUser, language: str) -> None:
    """Remember a signed-in user's language choice; anonymous users keep the cookie."""
    if language not in _LANGUAGE_CODES:
        raise ValidationError(_("Unknown language."))
    if isinstance(user, User) and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


@transaction.atomic
def membership_grant(
    *, actor: User, user: User, municipality: Municipality, role: str
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
def membership_revoke(*, actor: User, membership: Membership) -> None:
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


# --- personal access tokens (the JSON API) ------------------------------------------

TOKEN_PREFIX = "pvt_"  # noqa: S105 -- a public marker, not a secret
TOKEN_PREFIX_LENGTH = 12  # what the profile page shows: "pvt_" and eight characters


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_create(
    *, actor: User, name: str, expires_at: datetime | None = None
) -> tuple[PersonalAccessToken, str]:
    """Make a token for ``actor``; returns it and its secret, which is never stored
    (only its SHA-256 hash) and so can be shown only this once."""
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the token a name."))
    if len(name) > 100:
        raise ValidationError(_("The name can be at most 100 characters."))
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError(_("The expiry must be in the future."))
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = PersonalAccessToken.objects.create(
        user=actor,
        name=name,
        prefix=secret[:TOKEN_PREFIX_LENGTH],
        secret_hash=token_hash(secret),
        expires_at=expires_at,
    )
    audit_record(
        actor=actor,
        action="token.create",
        target=token,
        subject=actor,
        detail={"name": name, "prefix": token.prefix},
    )
    return token, secret


@transaction.atomic
def token_revoke(*, actor: User, token: PersonalAccessToken) -> PersonalAccessToken:
    """Revoke a token: its owner (or a superuser) only; revoking twice changes nothing."""
    if not (actor.is_superuser or token.user_id == actor.pk):
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action="token.revoke",
            target=token,
            subject=token.user,
            detail={"name": token.name, "prefix": token.prefix},
        )
    return token


def token_authenticate(secret: str) -> User | None:
    """The active user behind a bearer secret, or None (unknown, revoked or expired).
    Marks the token used, at most once a minute to spare the database."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        PersonalAccessToken.objects.select_related("user")
        .filter(secret_hash=token_hash(secret))
        .first()
    )
    now = timezone.now()
    if token is None or not token.is_active(now) or not token.user.is_active:
        return None
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        PersonalAccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
