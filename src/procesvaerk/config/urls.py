# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from procesvaerk.config import api

urlpatterns = [
    path("admin/", admin.site.urls),
    # The API authenticates itself (token or session) and answers 401 in JSON.
    path("api/v1/", api.urls),
    path("konto/", include("procesvaerk.accounts.urls")),
    # The task keeps the address it had under the corps; the corps' own task pages follow.
    path("korps/opgaver/", include("procesvaerk.tasks.urls")),
    path("korps/", include("procesvaerk.corps.urls")),
    path("uddannelse/", include("procesvaerk.programmes.urls")),
    path("", include("procesvaerk.core.urls")),
]
