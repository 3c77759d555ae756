# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.urls import path

from procesvaerk.programmes.views import cohorts, exam, feeds, learning, my_work, templates

app_name = "programmes"
URL_PREFIX = "uddannelse/"
H = "hold/<uuid:code>/"
urlpatterns = [
    path("", templates.programme_list, name="programme_list"),
    path("eksamensopgaver/", my_work.my_submissions, name="my_submissions"),
    path("laeringsgrupper/", my_work.my_groups, name="my_groups"),
    path("forloeb/<uuid:code>/", templates.programme_detail, name="programme_detail"),
    path("forloeb/<uuid:code>/kopier/", templates.programme_copy, name="programme_copy"),
    path("forloeb/<uuid:code>/rediger/", templates.programme_edit, name="programme_edit"),
    path("forloeb/<uuid:code>/plan/ny/", templates.plan_item_edit, name="plan_item_add"),
    path("forloeb/<uuid:code>/plan/<uuid:item>/", templates.plan_item_edit, name="plan_item_edit"),
    path(
        "forloeb/<uuid:code>/plan/<uuid:item>/slet/",
        templates.plan_item_delete,
        name="plan_item_delete",
    ),
    path("forloeb/<uuid:code>/nyt-hold/", cohorts.cohort_create, name="cohort_create"),
    path(H, cohorts.cohort_detail, name="cohort_detail"),
    path(H + "deltagere/", cohorts.participant_add, name="participant_add"),
    path(H + "arbejdspladser/", cohorts.workplace_add, name="workplace_add"),
    path(H + "undervisere/", cohorts.instructor_add, name="instructor_add"),
    path(H + "grupper/", cohorts.groups_compose, name="groups_compose"),
    path(H + "placering/", cohorts.placement_update, name="placement_update"),
    path(H + "aktivitet/<uuid:activity>/", cohorts.activity_detail, name="activity_detail"),
    path(H + "kalender/", cohorts.cohort_calendar, name="calendar"),
    path(H + "kalender/mit-link/", feeds.personal_feed_renew, name="personal_feed_renew"),
    path(H + "kalender/nyt-holdlink/", feeds.cohort_feed_reset, name="cohort_feed_reset"),
    path(H + "mit/", learning.my_cohort, name="my_cohort"),
    path(H + "mit/aktion/", learning.action_create, name="action_create"),
    path(H + "mit/aktion/<uuid:action>/", learning.action_complete, name="action_complete"),
    path(H + "mit/refleksion/", learning.reflection_create, name="reflection_create"),
    path(
        H + "mit/refleksion/<uuid:reflection>/del/",
        learning.reflection_share,
        name="reflection_share",
    ),
    path(H + "mit/evaluering/<uuid:activity>/", learning.survey, name="survey"),
    path(H + "mit/eksamen/", exam.submission_upload, name="submission_upload"),
    path(
        H + "deltager/<uuid:participant>/", learning.participant_journal, name="participant_journal"
    ),
    path(H + "eksamen/", exam.exam_overview, name="exam"),
    path(H + "afslut/", exam.cohort_complete, name="cohort_complete"),
    path(H + "eksamen/<uuid:submission>/tildel/", exam.submission_assign, name="submission_assign"),
    path(H + "eksamen/<uuid:submission>/karakter/", exam.submission_grade, name="submission_grade"),
    path(H + "eksamen/<uuid:submission>/fil/", exam.submission_file, name="submission_file"),
    path("kalender/<uuid:token>.ics", cohorts.cohort_feed, name="cohort_feed"),
    path("kalender/person/<uuid:token>.ics", cohorts.personal_feed, name="personal_feed"),
]
