# SPDX-License-Identifier: MPL-2.0
"""Mounted under korps/opgaver/ so that the task addresses people have kept still work."""

from __future__ import annotations

from django.urls import path

from procesvaerk.tasks import views

app_name = "tasks"
# The task keeps the address it had when the corps owned it.
URL_PREFIX = "korps/opgaver/"
urlpatterns = [
    path("ny/", views.task_request, name="task_request"),
    path("<uuid:code>/", views.task_detail, name="task_detail"),
    path("<uuid:code>/rediger/", views.task_edit, name="task_edit"),
    path("<uuid:code>/status/", views.task_transition, name="task_transition"),
    path("<uuid:code>/aftale/", views.agreement_edit, name="agreement_edit"),
    path("<uuid:code>/aftale/godkend/", views.agreement_sign, name="agreement_sign"),
]
