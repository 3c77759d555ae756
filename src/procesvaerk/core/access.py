# SPDX-License-Identifier: MPL-2.0
"""The one place that decides who may read or change what.

Every view and selector that loads an owned object goes through these helpers;
a view never filters by municipality by hand. An object the user may not read
is reported as missing (404), so its existence does not leak across
municipalities.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from procesvaerk.core.models import Municipality, Visibility

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from procesvaerk.accounts.models import User

M = TypeVar("M", bound=Model)

_CACHE_ATTR = "_procesvaerk_roles"


def roles_by_municipality(user: User | AnonymousUser) -> dict[int, set[str]]:
    """Municipality id -> role names for ``user``; cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached: dict[int, set[str]] | None = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = {}
        memberships = cast("User", user).memberships
        for municipality_id, role in memberships.values_list("municipality_id", "role"):
            cached.setdefault(municipality_id, set()).add(role)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_roles(user: User | AnonymousUser) -> None:
    """Drop the per-request cache after memberships change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def municipality_ids(user: User | AnonymousUser, roles: Iterable[str] | None = None) -> set[int]:
    wanted = set(roles) if roles is not None else None
    return {
        mid for mid, held in roles_by_municipality(user).items() if wanted is None or held & wanted
    }


def has_role(user: User | AnonymousUser, municipality: Municipality | int, *roles: str) -> bool:
    mid = municipality if isinstance(municipality, int) else municipality.pk
    held = roles_by_municipality(user).get(mid, set())
    return bool(held & set(roles)) if roles else bool(held)


def has_any_role(user: User | AnonymousUser, *roles: str) -> bool:
    return bool(municipality_ids(user, roles))


def user_municipalities(
    user: User | AnonymousUser, roles: Iterable[str] | None = None
) -> QuerySet[Municipality]:
    return Municipality.objects.filter(pk__in=municipality_ids(user, roles)).select_related(
        "cooperation"
    )


def cooperation_ids(user: User | AnonymousUser) -> set[int]:
    return set(
        Municipality.objects.filter(pk__in=municipality_ids(user), cooperation__isnull=False)
        .values_list("cooperation_id", flat=True)
        .distinct()
    )


def visible_q(user: User | AnonymousUser, prefix: str = "") -> Q:
    """A Q that keeps the owned objects ``user`` may read.

    ``prefix`` points at the owned object from another model, e.g. ``"task__"``.
    """
    if getattr(user, "is_superuser", False):
        return Q()
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])  # "public" means every signed-in user, never anonymous
    own = municipality_ids(user)
    coops = cooperation_ids(user)
    return (
        Q(**{f"{prefix}municipality_id__in": own})
        | Q(
            **{
                f"{prefix}visibility": Visibility.COOPERATION,
                f"{prefix}municipality__cooperation_id__in": coops,
            }
        )
        | Q(**{f"{prefix}visibility": Visibility.PUBLIC})
    )


def visible(
    queryset: QuerySet[M], user: User | AnonymousUser, prefix: str = "", *, also: Q | None = None
) -> QuerySet[M]:
    """Rows ``user`` may read. ``also`` widens the rule for an app's own
    participants (e.g. a consultant from another municipality engaged on a
    task); it must not produce duplicate rows (use ``pk__in`` subqueries)."""
    if getattr(user, "is_superuser", False):
        return queryset  # Q() | also would narrow to ``also`` alone
    rule = visible_q(user, prefix)
    if also is not None and getattr(user, "is_authenticated", False):
        rule |= also
    return queryset.filter(rule)


def get_visible_or_404(
    queryset: QuerySet[M], user: User | AnonymousUser, *, also: Q | None = None, **lookup: Any
) -> M:
    """The object matching ``lookup`` if ``user`` may read it, else 404."""
    try:
        return visible(queryset, user, also=also).get(**lookup)
    except queryset.model.DoesNotExist:  # type: ignore[attr-defined]
        raise Http404 from None


def get_writable_or_404(
    queryset: QuerySet[M],
    user: User | AnonymousUser,
    *,
    roles: Iterable[str],
    also: Q | None = None,
    **lookup: Any,
) -> M:
    """Read access as above; writing needs one of ``roles`` in the owner municipality.

    Someone who can read but not write gets 403, an outsider 404.
    """
    obj = get_visible_or_404(queryset, user, also=also, **lookup)
    require_role(user, obj.municipality_id, *roles)  # type: ignore[attr-defined]
    return obj


def require_role(user: User | AnonymousUser, municipality: Municipality | int, *roles: str) -> None:
    if getattr(user, "is_superuser", False):
        return
    if not has_role(user, municipality, *roles):
        raise PermissionDenied


def require_any_role(user: User | AnonymousUser, *roles: str) -> None:
    if getattr(user, "is_superuser", False):
        return
    if not has_any_role(user, *roles):
        raise PermissionDenied


def people_visible_to(user: User, roles: Iterable[str]) -> QuerySet[User]:
    """People who hold any membership in a municipality where ``user`` holds ``roles``."""
    people: QuerySet[User] = get_user_model().objects.all()  # type: ignore[assignment]
    if getattr(user, "is_superuser", False):
        return people
    mids = municipality_ids(user, roles)
    return people.filter(memberships__municipality_id__in=mids).distinct()


def people_with_role(municipality: Municipality | int, *roles: str) -> QuerySet[User]:
    """Active people holding any of ``roles`` in one municipality (e.g. to notify them)."""
    mid = municipality if isinstance(municipality, int) else municipality.pk
    people: QuerySet[User] = get_user_model().objects.filter(is_active=True)  # type: ignore[assignment]
    return people.filter(memberships__municipality_id=mid, memberships__role__in=roles).distinct()
