# SPDX-License-Identifier: MPL-2.0
"""The site's JSON API, ``/api/v1/``: one NinjaAPI with authentication, JSON errors
in the user's language and every app's router.

An app offers API resources by having an ``api.py`` module with a ``router``
(a ``ninja.Router``, or None when the app has nothing to offer yet); it is found
here by name among the installed apps, so adding one touches no other app.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, URLResolver, re_path
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer
from ninja.security.base import AuthBase
from ninja.utils import check_csrf

from procesvaerk.accounts.services import token_authenticate
from procesvaerk.config.api_docs import LocalSwagger
from procesvaerk.core.registry import _module


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <personal access token>``: the token's user, with
    exactly that user's rights; unknown, revoked or expired tokens are 401."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_authenticate(token)
        if user is None:
            return None
        request.user = user
        translation.activate(user.preferred_language)
        request.LANGUAGE_CODE = user.preferred_language
        return user


class SessionAuth(AuthBase):
    """The signed-in user's session, for the site's own scripts; unsafe methods need
    the CSRF token (``X-CSRFToken``), as a form post would."""

    openapi_type = "apiKey"
    openapi_in = "cookie"
    openapi_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if check_csrf(request) is not None:
            raise PermissionDenied(_("The CSRF token is missing or wrong."))
        return user


api = NinjaAPI(
    title="Procesværk API",
    version="1",
    description=(
        "Procesværk's JSON API. Authenticate with a personal access token "
        "(`Authorization: Bearer <token>`, made on your profile page) or, from the "
        "site's own pages, the session (with the CSRF token for writes). "
        'Errors are `{"detail": "..."}` in your language.'
    ),
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
    docs=LocalSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def _detail(request: HttpRequest, message: Any, status: int, **extra: Any) -> HttpResponse:
    return api.create_response(request, {"detail": str(message), **extra}, status=status)


@api.exception_handler(AuthenticationError)
def _unauthorised(request: HttpRequest, exc: Exception) -> HttpResponse:
    response = _detail(request, _("Sign in or send a valid access token."), 401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    message = str(exc) or _("You do not have permission to do that.")
    return _detail(request, message, 403)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _detail(request, _("Not found."), 404)


@api.exception_handler(DjangoValidationError)
def _refused(request: HttpRequest, exc: Exception) -> HttpResponse:
    assert isinstance(exc, DjangoValidationError)
    return _detail(request, " ".join(exc.messages), 400)


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: Exception) -> HttpResponse:
    assert isinstance(exc, NinjaValidationError)
    errors = [
        {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": e.get("type", "")}
        for e in exc.errors
    ]
    return _detail(request, _("The request is not valid."), 422, errors=errors)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    assert isinstance(exc, HttpError)
    return _detail(request, exc.message, exc.status_code)


def _add_routers() -> None:
    for config in apps.get_app_configs():
        if not config.name.startswith("procesvaerk."):
            continue
        module = _module(config.name, "api")
        router = getattr(module, "router", None)
        if router is not None:
            api.add_router("", router)


def _open(patterns: list[Any]) -> list[Any]:
    """The API authenticates itself (401 JSON), so the site's login redirect is off."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _open(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback = login_not_required(pattern.callback)
    return patterns


def _no_such_resource(request: HttpRequest, rest: str = "") -> HttpResponse:
    return JsonResponse({"detail": _("Not found.")}, status=404)


_add_routers()
urlpatterns, app_name, namespace = api.urls
urls = (
    _open([*urlpatterns, re_path(r"^(?P<rest>.*)$", _no_such_resource)]),
    app_name,
    namespace,
)
