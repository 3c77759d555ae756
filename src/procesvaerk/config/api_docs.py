# SPDX-License-Identifier: MPL-2.0
"""``/api/v1/docs``: Swagger UI served from our own static files (``swagger-ui-dist``
from npm, like the other vendor libraries), started by a static script: the site's
Content-Security-Policy (script-src 'self', no inline script) holds, and the page
needs no third-party network."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI


class LocalSwagger(DocsBase):
    template = "api/docs.html"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        context = {"api": api, "openapi_url": self.get_openapi_url(api, kwargs)}
        return render(request, self.template, context)
