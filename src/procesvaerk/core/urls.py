# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.urls import path

from procesvaerk.core import views
from procesvaerk.core.jobs import views as job_views

app_name = "core"
URL_PREFIX = ""
urlpatterns = [
    path("", views.home, name="home"),
    path("hjaelp/", views.help_page, name="help"),
    path("notifikationer/", views.notifications, name="notifications"),
    path("notifikationer/<int:pk>/", views.notification_open, name="notification_open"),
    path("organisation/", views.unit_list, name="unit_list"),
    path("organisation/<uuid:code>/", views.unit_detail, name="unit_detail"),
    path("auditlog/", views.audit_list, name="audit_list"),
    path("auditlog/udtraek/<uuid:code>.csv", views.audit_extract, name="audit_extract"),
    path("jobs/<uuid:code>/", job_views.job_status, name="job_status"),
    path("jobs/<uuid:code>/retry/", job_views.job_retry_view, name="job_retry"),
    path("tilgaengelighed/", views.accessibility_statement, name="accessibility"),
]
