# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("konto/", include("procesvaerk.accounts.urls")),
    # The task keeps the address it had under the corps; the corps' own task pages follow.
    path("korps/opgaver/", include("procesvaerk.tasks.urls")),
    path("korps/", include("procesvaerk.corps.urls")),
    path("uddannelse/", include("procesvaerk.programmes.urls")),
    path("", include("procesvaerk.core.urls")),
]
