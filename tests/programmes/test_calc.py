# SPDX-License-Identifier: MPL-2.0
"""Pure computations: no database."""

from __future__ import annotations

from collections import Counter
from datetime import date, time
from decimal import Decimal

import pytest

from procesvaerk.programmes import calc


def test_schedule_keeps_local_time_across_daylight_saving():
    items = [
        calc.PlannedSpace(0, time(9, 0), Decimal("3.5")),
        calc.PlannedSpace(14, time(9, 0), 7),  # crosses the last Sunday of March
    ]
    (s1, e1), (s2, e2) = calc.schedule(items, date(2026, 3, 20))
    assert (s1.date(), s1.hour, s1.utcoffset().total_seconds()) == (date(2026, 3, 20), 9, 3600)
    assert (e1.hour, e1.minute) == (12, 30)
    assert (s2.date(), s2.hour, s2.utcoffset().total_seconds()) == (date(2026, 4, 3), 9, 7200)
    assert e2.hour == 16


def _members(spec):
    # spec: list of (municipality, workplace, count)
    members, key = [], 0
    for municipality, workplace, count in spec:
        for _ in range(count):
            members.append(calc.Member(key, municipality, workplace))
            key += 1
    return members


def test_compose_groups_sizes_and_municipality_mix_are_even():
    members = _members([("HEL", "a", 5), ("HIL", "b", 4), ("GRI", "c", 4), ("HOR", "d", 3)])
    groups = calc.compose_groups(members, 4)
    assert len(groups) == 4
    assert sorted(len(g) for g in groups) == [4, 4, 4, 4]
    assert sorted(k for g in groups for k in g) == list(range(16))
    by_key = {m.key: m for m in members}
    for municipality in ("HEL", "HIL", "GRI", "HOR"):
        counts = [sum(by_key[k].municipality == municipality for k in g) for g in groups]
        assert max(counts) - min(counts) <= 1, (municipality, counts)


def test_compose_groups_spreads_workplaces_inside_a_municipality():
    members = _members([("HEL", "a", 3), ("HEL", "b", 3)])
    groups = calc.compose_groups(members, 3)
    by_key = {m.key: m for m in members}
    for group in groups:
        assert set(Counter(by_key[k].workplace for k in group).values()) <= {1, 2}
        assert {by_key[k].workplace for k in group} == {"a", "b"}


def test_compose_groups_uneven_total_and_edge_cases():
    groups = calc.compose_groups(_members([("HEL", None, 7)]), 3)
    assert sorted(len(g) for g in groups) == [3, 4]
    assert calc.compose_groups([], 4) == []
    with pytest.raises(ValueError):
        calc.compose_groups(_members([("HEL", None, 3)]), 1)


def test_grade_statistics_average_and_pass_rate():
    stats = calc.grade_stats([12, 10, 10, 7, 12, 10, 10, 10, 0, None])
    assert stats.graded == 9
    assert stats.average == 9.0
    assert stats.pass_rate == pytest.approx(8 / 9)
    assert calc.grade_stats([None]).average is None
    with pytest.raises(ValueError, match="not on the 7-point scale"):
        calc.grade_stats([5])


def test_pass_threshold_is_02():
    assert calc.is_passing(2) and not calc.is_passing(0) and not calc.is_passing(-3)


def test_survey_aggregates_hide_groups_below_three():
    answers = [
        {"m": "Helsingør", "x": 5},
        {"m": "Helsingør", "x": 4},
        {"m": "Helsingør", "x": 3},
        {"m": "Gribskov", "x": 1},
        {"m": "Gribskov", "x": 2},
    ]
    overall = calc.survey_aggregates(answers, ["x"])
    assert overall[0].count == 5 and overall[0].means == {"x": 3.0}
    by = {a.label: a for a in calc.survey_aggregates(answers, ["x"], by="m")}
    assert by["Helsingør"].means == {"x": 4.0}
    assert by["Gribskov"].means is None and by["Gribskov"].count == 2
    assert calc.survey_aggregates(answers[:2], ["x"])[0].means is None
