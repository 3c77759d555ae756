# SPDX-License-Identifier: MPL-2.0
"""Every app mounts itself: its ``urls.py`` says where with ``URL_PREFIX`` (Danish
addresses), so adding an app touches no other app's file. Apps are mounted in the
order of INSTALLED_APPS (``tasks`` before ``corps``: both live under ``korps/``)."""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from procesvaerk.config import api


def _app_urls() -> list[URLPattern | URLResolver]:
    mounted: list[URLPattern | URLResolver] = []
    for config in apps.get_app_configs():
        name = f"{config.name}.urls"
        if not config.name.startswith("procesvaerk.") or find_spec(name) is None:
            continue
        prefix = getattr(import_module(name), "URL_PREFIX", None)
        if prefix is None:
            raise RuntimeError(f"{name} must say where it is mounted (URL_PREFIX)")
        mounted.append(path(prefix, include(name)))
    # The catch-all prefix (core's "") goes last so that it shadows nothing.
    return sorted(mounted, key=lambda p: str(p.pattern) == "")


urlpatterns = [
    path("admin/", admin.site.urls),
    # The API authenticates itself (token or session) and answers 401 in JSON.
    path("api/v1/", api.urls),
    *_app_urls(),
]
