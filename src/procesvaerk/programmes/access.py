# SPDX-License-Identifier: MPL-2.0
"""Who may read what in the training. Cohorts cross municipalities, so each person
sees their own slice: staff, participants, supervisors and censors.

The primitives are ``core.access``; this module is the programmes' own rules, in
the one shape every app uses (``get_cohort_for_user(user, code, *, need=...)``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from procesvaerk.accounts.models import User
from procesvaerk.core.access import has_role, municipality_ids
from procesvaerk.core.roles import Role
from procesvaerk.programmes.models import Cohort, Participant, Submission

COHORT_STAFF_ROLES = (Role.COORDINATOR, Role.INSTRUCTOR)


def cohort_relations(user: User, cohort: Any) -> set[str]:
    """How ``user`` relates to ``cohort``: staff, participant, supervisor, censor."""
    relations: set[str] = set()
    if not getattr(user, "is_authenticated", False):
        return relations
    if (
        getattr(user, "is_superuser", False)
        or has_role(user, cohort.municipality_id, *COHORT_STAFF_ROLES)
        or cohort.instructors.filter(pk=user.pk).exists()
    ):
        relations.add("staff")
    if cohort.participants.filter(user=user).exists():
        relations.add("participant")
    if cohort.groups.filter(supervisor=user).exists():
        relations.add("supervisor")
    if cohort.participants.filter(submission__censor=user).exists():
        relations.add("censor")
    return relations


def cohorts_for(user: User) -> QuerySet[Any]:
    if getattr(user, "is_superuser", False):
        return Cohort.objects.all()
    return Cohort.objects.filter(
        Q(municipality_id__in=municipality_ids(user, COHORT_STAFF_ROLES))
        | Q(instructors=user)
        | Q(participants__user=user)
        | Q(groups__supervisor=user)
        | Q(participants__submission__censor=user)
    ).distinct()


def get_cohort_or_404(user: User, code: Any, *, need: Iterable[str] = ()) -> tuple[Any, set[str]]:
    """The cohort and the user's relations to it; 404 for no relation at all,
    403 when ``need`` names relations the user lacks all of."""
    cohort = Cohort.objects.select_related("municipality", "programme").filter(code=code).first()
    relations = cohort_relations(user, cohort) if cohort else set()
    if cohort is None or not relations:
        raise Http404
    wanted = set(need)
    if wanted and not relations & wanted:
        raise PermissionDenied
    return cohort, relations


def can_read_private_learning(user: User, participant: Any, *, shared: bool) -> bool:
    """Reflections and supervision notes: the participant always; their group's
    supervisor only what was shared with them. Nobody else, not even staff."""
    if participant.user_id == user.pk:
        return True
    group = participant.group
    return shared and group is not None and group.supervisor_id == user.pk


def submissions_for(user: User, cohort: Any, relations: set[str]) -> QuerySet[Any]:
    """Staff see every submission of the cohort; a censor or examiner only theirs."""
    submissions = Submission.objects.filter(participant__cohort=cohort).select_related(
        "participant__user", "examiner", "censor"
    )
    if "staff" in relations and has_role(user, cohort.municipality_id, Role.COORDINATOR):
        return submissions
    if getattr(user, "is_superuser", False):
        return submissions
    return submissions.filter(Q(censor=user) | Q(examiner=user) | Q(participant__user=user))


def get_cohort_for_user(
    user: User, code: Any, *, need: Iterable[str] = ()
) -> tuple[Cohort, set[str]]:
    """The house shape of ``get_cohort_or_404``."""
    return get_cohort_or_404(user, code, need=need)


def coordinated_a_cohort_of(actor: User, user: User) -> bool:
    """The coordinator of a cohort the person took part in may write their consultant
    profile (graduation). Registered with the corps in ``apps.ready``."""
    return Participant.objects.filter(
        user=user, cohort__municipality_id__in=municipality_ids(actor, [Role.COORDINATOR])
    ).exists()


def _in_cooperation(cohort: Cohort, prefix: str = "memberships__") -> Q:
    owner = cohort.municipality
    if owner.cooperation_id is None:
        return Q(**{f"{prefix}municipality_id": owner.pk})
    return Q(**{f"{prefix}municipality__cooperation_id": owner.cooperation_id})


def _people_with(roles: Iterable[str], where: Q) -> QuerySet[User]:
    # One filter() call, so that role and municipality match on the same membership.
    return User.objects.filter(where, is_active=True, memberships__role__in=list(roles)).distinct()


def staff_candidates(cohort: Cohort) -> QuerySet[User]:
    """Who may teach or supervise the cohort: an instructor or coordinator in the
    cohort's cooperation who is not taking part in it."""
    return _people_with(COHORT_STAFF_ROLES, _in_cooperation(cohort)).exclude(
        pk__in=cohort.participants.values("user_id")
    )


def examiner_candidates(cohort: Cohort) -> QuerySet[User]:
    """An examiner is an instructor or coordinator of the cohort's municipality."""
    return _people_with(
        COHORT_STAFF_ROLES, Q(memberships__municipality_id=cohort.municipality_id)
    ).exclude(pk__in=cohort.participants.values("user_id"))


def censor_candidates(cohort: Cohort) -> QuerySet[User]:
    """A censor holds the censor role in the cohort's cooperation and takes no part in it."""
    return _people_with([Role.CENSOR], _in_cooperation(cohort)).exclude(
        pk__in=cohort.participants.values("user_id")
    )
