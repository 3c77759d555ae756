# SPDX-License-Identifier: MPL-2.0
"""Survey answers cannot be traced back to the person who gave them."""

from __future__ import annotations

from django.db import connection, models
from django.urls import reverse

from procesvaerk.accounts.roles import Role
from procesvaerk.programmes import calc, selectors, services
from procesvaerk.programmes import learning_services as learning
from procesvaerk.programmes.models import ActivityKind, SurveyResponse, SurveySubmission
from tests.conftest import make_user

BO_ANSWER = {"relevance": 1, "learning": 2, "facilitation": 1}


def _answer(participant, activity, **scores):
    learning.survey_submit(
        actor=participant.user, participant=participant, activity=activity, answers=scores
    )


def _three_from_helsingor_one_from_hillerod(cw):
    kickoff = cw.cohort.activities.get(kind=ActivityKind.KICKOFF)
    actor = cw.world.helsingor_coordinator
    others = [
        services.participant_add(
            actor=actor,
            cohort=cw.cohort,
            user=make_user(f"p{i}@helsingor.test", f"P {i}", (cw.world.helsingor, Role.VIEWER)),
            municipality=cw.world.helsingor,
        )
        for i in range(2)
    ]
    for participant in (cw.anna, *others):
        _answer(participant, kickoff, relevance=5, learning=5, facilitation=4)
    _answer(cw.bo, kickoff, **BO_ANSWER)  # the only answer from Hillerød
    return kickoff


def _derive_hidden_group(evaluation):
    """The differencing attack: total sum minus every shown group's sum."""
    overall = evaluation["overall"]
    if overall is None or overall.means is None:
        return None
    shown = [g for g in evaluation["by_municipality"] if g.means is not None]
    hidden = [g for g in evaluation["by_municipality"] if g.means is None]
    if len(hidden) != 1:
        return None
    (_target,) = hidden
    rest = overall.count - sum(g.count for g in shown)
    if rest >= calc.ANONYMITY_THRESHOLD:
        return None
    return {
        scale: round(
            (overall.means[scale] * overall.count - sum(g.means[scale] * g.count for g in shown))
            / rest
        )
        for scale in BO_ANSWER
    }


def test_differencing_attack_on_the_evaluation_fails(client, cw):
    kickoff = _three_from_helsingor_one_from_hillerod(cw)
    evaluation = selectors.activity_evaluations(kickoff)
    assert evaluation["overall"].means is not None  # the overall figure is still useful
    assert _derive_hidden_group(evaluation) is None
    by = {g.label: g for g in evaluation["by_municipality"]}
    assert by["Hillerød"].means is None and by["Helsingør"].means is None
    assert by["Helsingør"].protects_others
    client.force_login(cw.instructor)
    page = client.get(
        reverse("programmes:activity_detail", args=[cw.cohort.code, kickoff.code])
    ).content.decode()
    assert "5.0" not in page and "5,0" not in page  # Helsingør's means are not on the page
    assert "så svarene fra en mindre gruppe ikke kan regnes ud" in page


def test_breakdown_hides_overall_when_everything_is_small():
    answers = [{"m": "A", "x": 5}, {"m": "B", "x": 1}]
    overall, groups = calc.survey_breakdown(answers, ["x"], by="m")
    assert overall is not None and overall.means is None
    assert all(g.means is None for g in groups)


def test_breakdown_hides_until_the_hidden_groups_reach_the_threshold():
    answers = (
        [{"m": "A", "x": 1}]
        + [{"m": "B", "x": 3}] * 3
        + [{"m": "C", "x": 4}] * 4
        + [{"m": "D", "x": 5}] * 5
    )
    overall, groups = calc.survey_breakdown(answers, ["x"], by="m")
    by = {g.label: g for g in groups}
    assert by["A"].means is None and by["B"].means is None  # 1 + 3 >= 3
    assert by["C"].means == {"x": 4.0} and by["D"].means == {"x": 5.0}
    assert overall is not None and overall.means is not None


def test_stored_answers_have_no_key_that_links_them_to_the_submission(cw):
    _three_from_helsingor_one_from_hillerod(cw)
    fields = SurveyResponse._meta.get_fields()
    names = {f.name for f in fields}
    assert not names & {"participant", "user", "created_at", "updated_at", "submission"}
    assert not any(isinstance(f, models.DateTimeField | models.DateField) for f in fields)
    # The primary key is random: ordering by it says nothing about who answered first.
    assert isinstance(SurveyResponse._meta.pk, models.UUIDField)
    assert SurveySubmission.objects.count() == SurveyResponse.objects.count() == 4


def test_the_stored_order_does_not_follow_the_order_of_answering(cw):
    """Rows lie in the order they were written (SQLite's rowid, PostgreSQL's heap). Each new
    answer rewrites the activity's answers in a fresh random order, so the last answer is
    last in about a third of 40 activities with three answers each, not in all of them."""
    from datetime import timedelta

    from django.utils import timezone

    from procesvaerk.programmes.models import Activity

    actor = cw.world.helsingor_coordinator
    third = services.participant_add(
        actor=actor,
        cohort=cw.cohort,
        user=make_user("tredje@helsingor.test", "Tredje", (cw.world.helsingor, Role.VIEWER)),
        municipality=cw.world.helsingor,
    )
    began = timezone.now() - timedelta(days=1)
    last_is_last = 0
    for n in range(40):
        activity = Activity.objects.create(
            cohort=cw.cohort, kind=ActivityKind.WORKSHOP, title=f"Workshop {n}",
            starts_at=began, ends_at=began + timedelta(hours=2),
        )  # fmt: skip
        for score, participant in enumerate((cw.anna, cw.bo, third), start=1):
            _answer(participant, activity, relevance=score, learning=score, facilitation=score)
        # Physical order: on SQLite the rowid, on PostgreSQL the tuple position.
        column = "rowid" if connection.vendor == "sqlite" else "ctid"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT relevance FROM {SurveyResponse._meta.db_table} "  # noqa: S608
                f"WHERE activity_id = %s ORDER BY {column}",
                [activity.pk],
            )
            stored = [row[0] for row in cursor.fetchall()]
        assert sorted(stored) == [1, 2, 3]
        last_is_last += stored[-1] == 3
    assert last_is_last < 28  # 40 before the fix; about 13 expected
