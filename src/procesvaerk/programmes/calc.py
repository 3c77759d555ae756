# SPDX-License-Identifier: MPL-2.0
"""Pure computations for programmes, tested without a database."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from statistics import mean
from zoneinfo import ZoneInfo

PASS_GRADE = 2
SCALE = (-3, 0, 2, 4, 7, 10, 12)
ANONYMITY_THRESHOLD = 3


@dataclass(frozen=True)
class PlannedSpace:
    offset_days: int
    start_time: time
    duration_hours: Decimal | float


def schedule(
    items: Sequence[PlannedSpace], start: date, tz: str = "Europe/Copenhagen"
) -> list[tuple[datetime, datetime]]:
    """(start, end) per plan item: the cohort's start date plus the item's offset,
    at its local start time (so a workshop stays at 9:00 across daylight saving)."""
    zone = ZoneInfo(tz)
    dated = []
    for item in items:
        begins = datetime.combine(start + timedelta(days=item.offset_days), item.start_time, zone)
        dated.append((begins, begins + timedelta(hours=float(item.duration_hours))))
    return dated


@dataclass(frozen=True)
class Member:
    key: Hashable
    municipality: Hashable
    workplace: Hashable | None = None


def compose_groups(members: Sequence[Member], size: int) -> list[list[Hashable]]:
    """Split members into groups of about ``size``, mixing municipalities and
    workplaces as evenly as possible.

    Group sizes differ by at most one, and so does each municipality's count
    across groups: members are ordered by municipality (largest first), then
    workplace, and dealt round-robin.
    """
    if size < 2:
        raise ValueError("A learning group needs at least two members.")
    if not members:
        return []
    count = group_count(len(members), size)
    per_municipality = Counter(m.municipality for m in members)
    ordered = sorted(
        members,
        key=lambda m: (-per_municipality[m.municipality], str(m.municipality), str(m.workplace)),
    )
    groups: list[list[Hashable]] = [[] for _ in range(count)]
    for index, member in enumerate(ordered):
        groups[index % count].append(member.key)
    return groups


@dataclass(frozen=True)
class GradeStats:
    graded: int
    average: float | None
    pass_rate: float | None


def grade_stats(grades: Iterable[int | None]) -> GradeStats:
    given = [g for g in grades if g is not None]
    for grade in given:
        if grade not in SCALE:
            raise ValueError(f"{grade} is not on the 7-point scale")
    if not given:
        return GradeStats(0, None, None)
    passed = sum(1 for g in given if g >= PASS_GRADE)
    return GradeStats(len(given), round(mean(given), 1), passed / len(given))


def is_passing(grade: int) -> bool:
    return grade >= PASS_GRADE


@dataclass(frozen=True)
class Aggregate:
    label: str
    count: int
    means: dict[str, float] | None  # None: too few answers to show
    # Hidden although large enough, so that a small group cannot be derived.
    protects_others: bool = False


def survey_aggregates(
    answers: Sequence[dict[str, object]],
    scales: Sequence[str],
    by: str | None = None,
    threshold: int = ANONYMITY_THRESHOLD,
) -> list[Aggregate]:
    """Mean per scale for all answers, or per value of ``by``; any group smaller
    than ``threshold`` gets no means, so no single answer can be picked out."""
    groups: dict[str, list[dict[str, object]]] = {}
    for answer in answers:
        label = str(answer[by]) if by else ""
        groups.setdefault(label, []).append(answer)
    result = []
    for label, rows in sorted(groups.items()):
        means = None
        if len(rows) >= threshold:
            means = {s: round(mean(float(r[s]) for r in rows), 2) for s in scales}  # type: ignore[arg-type]
        result.append(Aggregate(label, len(rows), means))
    return result


def group_count(total: int, size: int) -> int:
    """How many groups ``compose_groups`` will make (for the form's preview)."""
    return 0 if total == 0 else max(1, math.floor(total / size + 0.5))


def easter_sunday(year: int) -> date:
    """Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def danish_holidays(year: int) -> dict[date, str]:
    """The Danish public holidays of ``year`` (Danish names), plus the customary days off
    grundlovsdag, juleaftensdag and nytårsaftensdag (see docs/programmes.md). Store
    bededag was abolished from 2024."""
    easter = easter_sunday(year)
    days = {
        date(year, 1, 1): "Nytårsdag",
        easter - timedelta(days=3): "Skærtorsdag",
        easter - timedelta(days=2): "Langfredag",
        easter: "Påskedag",
        easter + timedelta(days=1): "2. påskedag",
        easter + timedelta(days=39): "Kristi himmelfartsdag",
        easter + timedelta(days=49): "Pinsedag",
        easter + timedelta(days=50): "2. pinsedag",
        date(year, 6, 5): "Grundlovsdag",
        date(year, 12, 24): "Juleaftensdag",
        date(year, 12, 25): "Juledag",
        date(year, 12, 26): "2. juledag",
        date(year, 12, 31): "Nytårsaftensdag",
    }
    if year < 2024:
        days[easter + timedelta(days=26)] = "Store bededag"
    return days


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in danish_holidays(day.year)


def next_working_day(day: date) -> date:
    """``day`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def schedule_on_working_days(
    items: Sequence[PlannedSpace], start: date, tz: str = "Europe/Copenhagen"
) -> list[tuple[datetime, datetime, date | None]]:
    """As ``schedule``, but an item that would fall on a weekend or a Danish holiday
    moves to the next working day, keeping its time and length. The third value is
    the day it would have had when it was moved, else None."""
    zone = ZoneInfo(tz)
    dated: list[tuple[datetime, datetime, date | None]] = []
    for (begins, ends), _item in zip(schedule(items, start, tz), items, strict=True):
        planned = begins.date()
        day = next_working_day(planned)
        if day == planned:
            dated.append((begins, ends, None))
            continue
        moved = datetime.combine(day, begins.timetz().replace(tzinfo=None), zone)
        dated.append((moved, moved + (ends - begins), planned))
    return dated


def has_taken_place(starts_at: datetime, now: datetime) -> bool:
    """An activity counts (attendance, evaluation) once it has begun."""
    return starts_at <= now


def spans_days(starts_at: datetime, ends_at: datetime, tz: str = "Europe/Copenhagen") -> bool:
    zone = ZoneInfo(tz)
    return ends_at.astimezone(zone).date() > starts_at.astimezone(zone).date()


def survey_breakdown(
    answers: Sequence[dict[str, object]],
    scales: Sequence[str],
    by: str,
    threshold: int = ANONYMITY_THRESHOLD,
) -> tuple[Aggregate | None, list[Aggregate]]:
    """The overall means and the means per value of ``by``, with secondary suppression.

    A group below ``threshold`` is hidden (primary). Since the overall mean times
    the total, minus the shown groups' sums, gives the hidden groups' sum, the
    hidden groups together must also reach ``threshold``: the smallest shown
    groups are hidden as well until they do. When every group ends up hidden,
    the overall figure is their union and is shown only if large enough.
    """
    overall = survey_aggregates(answers, scales, threshold=threshold)
    total = overall[0] if overall else None
    groups = survey_aggregates(answers, scales, by=by, threshold=threshold)
    hidden = {g.label for g in groups if g.means is None}
    if hidden:
        by_size = sorted((g for g in groups if g.label not in hidden), key=lambda g: g.count)
        hidden_count = sum(g.count for g in groups if g.label in hidden)
        while hidden_count < threshold and by_size:
            extra = by_size.pop(0)
            hidden.add(extra.label)
            hidden_count += extra.count
        if not by_size and total is not None and total.count < threshold:
            total = Aggregate(total.label, total.count, None)
        groups = [
            g
            if g.label not in hidden or g.means is None
            else Aggregate(g.label, g.count, None, protects_others=True)
            for g in groups
        ]
    return total, groups
