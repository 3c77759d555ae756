# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.urls import path, reverse_lazy
from django.views.generic import RedirectView

from procesvaerk.corps.views import hours, people, tasks

app_name = "corps"
URL_PREFIX = "korps/"
urlpatterns = [
    path("opgaver/", tasks.board, name="board"),
    path("mine-opgaver/", tasks.my_tasks, name="my_tasks"),
    path("opgaver/<uuid:code>/forslag/", tasks.suggestions, name="suggestions"),
    path("opgaver/<uuid:code>/evaluering/", tasks.evaluation, name="evaluation"),
    path("opgaver/<uuid:code>/retrospektiv/", tasks.retrospective, name="retrospective"),
    path("opgaver/<uuid:code>/case/", tasks.case_edit, name="case_edit"),
    path("opgaver/<uuid:code>/case/offentliggoer/", tasks.case_publish, name="case_publish"),
    path("indsats/<uuid:code>/svar/", tasks.engagement_respond, name="engagement_respond"),
    path("indsats/<uuid:code>/timer/", tasks.time_entries, name="time_entries"),
    path("timer/", hours.hours, name="hours"),
    path("timer/godkend/", hours.hours_approve, name="hours_approve"),
    path("timer/<uuid:code>/ret/", hours.time_entry_edit, name="time_entry_edit"),
    path("timer/<uuid:code>/slet/", hours.time_entry_delete, name="time_entry_delete"),
    path("profil/", people.profile_edit, name="profile_edit"),
    path("konsulenter/", people.consultant_list, name="consultant_list"),
    path("udlaan/", people.ledger, name="ledger"),
    path("cases/", people.case_list, name="case_list"),
    path("cases/<uuid:code>/", people.case_detail, name="case_detail"),
    # Notifications moved to core; old links and bookmarks still arrive.
    path(
        "notifikationer/",
        RedirectView.as_view(url=reverse_lazy("core:notifications"), permanent=True),
        name="notifications_moved",
    ),
]
