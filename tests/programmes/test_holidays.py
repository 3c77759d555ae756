# SPDX-License-Identifier: MPL-2.0
"""Danish public holidays and the plan generator's working days (pure, no database)."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from procesvaerk.programmes import calc


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2000, date(2000, 4, 23)),
        (2008, date(2008, 3, 23)),
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_easter_by_the_anonymous_gregorian_algorithm(year, easter):
    assert calc.easter_sunday(year) == easter


def test_danish_holidays_2026():
    days = calc.danish_holidays(2026)
    assert days[date(2026, 1, 1)] == "Nytårsdag"
    assert days[date(2026, 4, 2)] == "Skærtorsdag"
    assert days[date(2026, 4, 3)] == "Langfredag"
    assert days[date(2026, 4, 5)] == "Påskedag"
    assert days[date(2026, 4, 6)] == "2. påskedag"
    assert days[date(2026, 5, 14)] == "Kristi himmelfartsdag"
    assert days[date(2026, 5, 24)] == "Pinsedag"
    assert days[date(2026, 5, 25)] == "2. pinsedag"
    assert days[date(2026, 6, 5)] == "Grundlovsdag"
    assert days[date(2026, 12, 24)] == "Juleaftensdag"
    assert days[date(2026, 12, 25)] == "Juledag"
    assert days[date(2026, 12, 26)] == "2. juledag"
    assert days[date(2026, 12, 31)] == "Nytårsaftensdag"
    assert "Store bededag" not in days.values()  # abolished from 2024
    assert len(days) == 13


def test_store_bededag_only_before_2024():
    assert calc.danish_holidays(2023)[date(2023, 5, 5)] == "Store bededag"
    assert date(2024, 4, 26) not in calc.danish_holidays(2024)


def test_next_working_day_skips_weekends_and_holidays():
    assert calc.next_working_day(date(2026, 9, 1)) == date(2026, 9, 1)  # a Tuesday
    assert calc.next_working_day(date(2026, 9, 5)) == date(2026, 9, 7)  # Saturday -> Monday
    # Skærtorsdag, langfredag, the weekend and 2. påskedag: to Tuesday.
    assert calc.next_working_day(date(2026, 4, 2)) == date(2026, 4, 7)
    # Juleaftensdag to nytårsdag 2026/27, then the weekend: Monday 4 January.
    assert calc.next_working_day(date(2026, 12, 24)) == date(2026, 12, 28)
    assert calc.next_working_day(date(2026, 12, 31)) == date(2027, 1, 4)


def test_schedule_on_working_days_moves_and_says_from_where():
    items = [
        calc.PlannedSpace(0, time(9), Decimal(3)),  # Wednesday 1 April 2026
        calc.PlannedSpace(5, time(13), Decimal(2)),  # Monday 6 April: 2. påskedag
        calc.PlannedSpace(6, time(9), Decimal(24 + 7)),  # Wednesday 7 April, over two days
    ]
    start = date(2026, 4, 1)  # a Wednesday, a normal working day
    dated = calc.schedule_on_working_days(items, start)
    (s0, _e0, p0), (s1, e1, p1), (s2, e2, p2) = dated
    assert (s0.date(), s0.hour, p0) == (date(2026, 4, 1), 9, None)
    assert (s1.date(), s1.hour, p1) == (date(2026, 4, 7), 13, date(2026, 4, 6))
    assert (e1 - s1).total_seconds() == 2 * 3600
    assert (s2.date(), p2) == (date(2026, 4, 7), None)
    assert calc.spans_days(s2, e2) and not calc.spans_days(s1, e1)
    for begins, _end, _planned in dated:
        assert calc.is_working_day(begins.date())
