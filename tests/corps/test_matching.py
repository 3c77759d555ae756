# SPDX-License-Identifier: MPL-2.0
"""The matching score is a pure function: no database in these tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from django.utils import translation

from procesvaerk.corps.matching import Candidate, Need, months_between, rank, score_candidate

NEED = Need(
    municipality_id=1,
    cooperation_id=10,
    unit_id=100,
    competences=frozenset({"facilitation", "process_analysis"}),
    period_start=date(2026, 1, 1),
    period_end=date(2026, 3, 31),
    hours=40,
    competence_labels={"process_analysis": "Procesanalyse"},
)
BASE = Candidate(
    key=1,
    name="Anne",
    municipality_id=1,
    municipality_name="Helsingør",
    cooperation_id=10,
    unit_id=101,
    competences=frozenset({"facilitation", "process_analysis"}),
    cross_municipality=False,
    capacity_per_month=20,
    corps_from=date(2025, 1, 1),
    corps_to=date(2026, 12, 31),
)


def test_a_perfect_local_free_consultant_scores_100():
    suggestion = score_candidate(NEED, BASE)
    assert suggestion is not None
    assert suggestion.score == 100
    assert suggestion.hours_left == round(
        20 * months_between(NEED.period_start, NEED.period_end), 1
    )


def test_competence_fit_is_the_share_of_needed_competences():
    half = score_candidate(NEED, replace(BASE, competences=frozenset({"facilitation"})))
    none = score_candidate(NEED, replace(BASE, competences=frozenset()))
    assert half.score == 80  # 40 * 1/2 lost 20
    assert none.score == 60


def test_hours_left_counts_capacity_over_the_overlap_minus_booked_hours():
    # Corps period ends one month into the task: about 20 hours available of 40 needed.
    short = replace(BASE, corps_to=date(2026, 1, 31))
    s = score_candidate(NEED, short)
    assert 20 <= s.hours_left <= 21
    assert 84 <= s.score <= 86  # 30 * ~0.51 = ~15.3 points for hours
    booked = score_candidate(NEED, replace(BASE, booked_hours=59.0))
    assert booked.hours_left < 1 and booked.score < 71


def test_nearness_and_load():
    neighbour = replace(
        BASE, municipality_id=2, municipality_name="Hillerød", cross_municipality=True
    )
    assert score_candidate(NEED, neighbour).score == 92.5
    assert score_candidate(NEED, replace(BASE, active_engagements=1)).score == 95
    assert score_candidate(NEED, replace(BASE, active_engagements=2)).score == 90
    assert score_candidate(NEED, replace(BASE, active_engagements=7)).score == 85


def test_exclusions_own_unit_outside_the_cooperation_and_no_overlap():
    assert score_candidate(NEED, replace(BASE, unit_id=100)) is None
    not_shared = replace(BASE, municipality_id=2, cross_municipality=False)
    assert score_candidate(NEED, not_shared) is None
    other_coop = replace(BASE, municipality_id=3, cooperation_id=None, cross_municipality=True)
    assert score_candidate(NEED, other_coop) is None
    gone = replace(BASE, corps_to=date(2025, 12, 31))
    assert score_candidate(NEED, gone) is None


def test_rank_orders_by_score_then_name_and_leaves_out_the_excluded():
    people = [
        replace(BASE, key=1, name="Bo", active_engagements=2),
        replace(BASE, key=2, name="Alma", active_engagements=2),
        replace(BASE, key=3, name="Carl"),
        replace(BASE, key=4, name="Dorte", unit_id=100),
    ]
    ranked = rank(NEED, people)
    assert [s.candidate.name for s in ranked] == ["Carl", "Alma", "Bo"]
    assert [s.candidate.name for s in rank(NEED, people, limit=1)] == ["Carl"]


def test_reasons_are_plain_danish():
    with translation.override("da"):
        s = score_candidate(
            NEED,
            replace(
                BASE,
                municipality_id=2,
                municipality_name="Hillerød",
                cross_municipality=True,
                competences=frozenset({"facilitation"}),
                active_engagements=1,
            ),
        )
    assert s.reasons[0] == "Har 1 af de 2 kompetencer, opgaven kræver; mangler: Procesanalyse."
    assert s.reasons[1].startswith("Har ") and "timer tilbage i opgavens periode" in s.reasons[1]
    assert s.reasons[2] == "Kommer fra Hillerød i samarbejdet."
    assert s.reasons[3] == "Er på 1 anden opgave lige nu."
