# SPDX-License-Identifier: MPL-2.0
"""Matching consultants to a task: a pure function, no database.

Score out of 100 = competence fit (40) + hours left (30) + nearness (15) + load (15).
A consultant is excluded (never ranked) when they would work on their own
unit, when their home municipality is outside the task's reach, or when their
corps period does not overlap the task's period. Every part of the score
comes with a plain-language reason.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

WEIGHT_COMPETENCE = 40
WEIGHT_HOURS = 30
WEIGHT_NEARNESS = 15
WEIGHT_LOAD = 15
LOAD_STEPS = (15, 10, 5)  # points for 0, 1, 2 active engagements; 3 or more: 0


@dataclass(frozen=True)
class Need:
    municipality_id: int
    cooperation_id: int | None
    unit_id: int
    competences: frozenset[str]
    period_start: date
    period_end: date
    hours: float
    # Labels to name missing competences by (code -> label); the code when absent.
    competence_labels: Mapping[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Candidate:
    key: object  # whatever the caller needs back (e.g. the user id)
    name: str
    municipality_id: int
    municipality_name: str
    cooperation_id: int | None
    unit_id: int | None
    competences: frozenset[str]
    cross_municipality: bool
    capacity_per_month: float
    corps_from: date
    corps_to: date
    booked_hours: float = 0.0  # planned hours on other live engagements in the period
    active_engagements: int = 0


@dataclass
class Suggestion:
    candidate: Candidate
    score: float
    reasons: list[str] = field(default_factory=list)
    hours_left: float = 0.0
    hours_needed: float = 0.0

    @property
    def default_hours(self) -> float:
        """What the planned hours field starts at: the task's estimate, at most what is
        left (rounded down to a half hour)."""
        return planned_default(self.hours_needed, self.hours_left)

    @property
    def over_capacity(self) -> bool:
        """The task's estimate is more than the consultant has left in the period."""
        return exceeds_capacity(self.hours_needed, self.hours_left)


def planned_default(needed: float, left: float) -> float:
    return math.floor(min(needed, left) * 2) / 2


def exceeds_capacity(planned: float, left: float) -> bool:
    return planned > left


def months_between(start: date, end: date) -> float:
    """Length of [start, end] in months (30.44 days each), 0 when empty."""
    days = (end - start).days + 1
    return max(days, 0) / 30.44


def score_candidate(need: Need, c: Candidate) -> Suggestion | None:
    """The suggestion for one candidate, or None when they are excluded."""
    if c.unit_id is not None and c.unit_id == need.unit_id:
        return None
    same_municipality = c.municipality_id == need.municipality_id
    same_cooperation = (
        need.cooperation_id is not None
        and c.cooperation_id == need.cooperation_id
        and c.cross_municipality
    )
    if not (same_municipality or same_cooperation):
        return None
    overlap_start = max(c.corps_from, need.period_start)
    overlap_end = min(c.corps_to, need.period_end)
    months = months_between(overlap_start, overlap_end)
    if months <= 0:
        return None

    reasons: list[str] = []
    if need.competences:
        matched = need.competences & c.competences
        fit = len(matched) / len(need.competences)
        missing = sorted(
            str(need.competence_labels.get(code, code)) for code in need.competences - matched
        )
        counts = {"matched": len(matched), "needed": len(need.competences)}
        if missing:
            reasons.append(
                _(
                    "Has %(matched)d of the %(needed)d competences the task needs; "
                    "missing: %(missing)s."
                )
                % {**counts, "missing": ", ".join(missing)}
            )
        else:
            reasons.append(
                _("Has %(matched)d of the %(needed)d competences the task needs.") % counts
            )
    else:
        fit = 1.0
        reasons.append(_("The task asks for no particular competence."))
    competence = WEIGHT_COMPETENCE * fit

    hours_left = max(c.capacity_per_month * months - c.booked_hours, 0.0)
    hours_share = min(hours_left / need.hours, 1.0) if need.hours > 0 else 1.0
    hours = WEIGHT_HOURS * hours_share
    reasons.append(
        _("%(left).0f hours left in the task's period (the task needs about %(need).0f).")
        % {"left": hours_left, "need": need.hours}
    )

    if same_municipality:
        nearness = float(WEIGHT_NEARNESS)
        reasons.append(_("Works in the same municipality."))
    else:
        nearness = WEIGHT_NEARNESS / 2
        reasons.append(
            _("Comes from %(municipality)s in the cooperation.")
            % {"municipality": c.municipality_name}
        )

    n = c.active_engagements
    load = float(LOAD_STEPS[n]) if n < len(LOAD_STEPS) else 0.0
    if n == 0:
        reasons.append(_("Has no other tasks right now."))
    else:
        reasons.append(
            ngettext("Is on %(n)d other task right now.", "Is on %(n)d other tasks right now.", n)
            % {"n": n}
        )
    score = round(competence + hours + nearness + load, 1)
    return Suggestion(
        candidate=c,
        score=score,
        reasons=reasons,
        hours_left=round(hours_left, 1),
        hours_needed=need.hours,
    )


def rank(need: Need, candidates: Iterable[Candidate], limit: int | None = None) -> list[Suggestion]:
    """Suggestions, best first (ties by name); excluded candidates are left out."""
    scored = [s for c in candidates if (s := score_candidate(need, c)) is not None]
    scored.sort(key=lambda s: (-s.score, s.candidate.name))
    return scored[:limit] if limit is not None else scored
