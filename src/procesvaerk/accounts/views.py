# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from procesvaerk.accounts.forms import EmailAuthenticationForm, ProfileForm, TokenForm
from procesvaerk.accounts.http import AuthenticatedRequest
from procesvaerk.accounts.services import (
    token_create,
    token_revoke,
    user_set_language,
    user_update_profile,
)


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True


def profile(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    initial = {"full_name": user.full_name, "preferred_language": user.preferred_language}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user_update_profile(
                actor=request.user,
                user=request.user,
                full_name=form.cleaned_data["full_name"],
                preferred_language=form.cleaned_data["preferred_language"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
    return _profile_page(request, form=form)


def _profile_page(request: AuthenticatedRequest, **extra: Any) -> HttpResponse:
    context = {
        "form": ProfileForm(
            initial={
                "full_name": request.user.full_name,
                "preferred_language": request.user.preferred_language,
            }
        ),
        "token_form": TokenForm(),
        "memberships": request.user.memberships.select_related("municipality"),
        "tokens": request.user.access_tokens.all(),
        "now": timezone.now(),
        **extra,
    }
    return render(request, "accounts/profile.html", context)


@never_cache
@require_POST
def token_new(request: AuthenticatedRequest) -> HttpResponse:
    """Make a token and show its secret in this response only: it is never stored."""
    form = TokenForm(request.POST)
    if form.is_valid():
        expires_on = form.cleaned_data["expires_on"]
        expires_at = (
            timezone.make_aware(datetime.combine(expires_on, time.max)) if expires_on else None
        )
        try:
            token, secret = token_create(
                actor=request.user, name=form.cleaned_data["name"], expires_at=expires_at
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _profile_page(request, new_token=token, new_secret=secret)
    return _profile_page(request, token_form=form)


@require_POST
def token_revoke_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(request.user.access_tokens, pk=pk)
    token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token has been revoked."))
    return redirect("accounts:profile")


@login_not_required  # the language switch is on the login page too
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's switch, plus remembering the choice on the signed-in user."""
    try:
        user_set_language(user=request.user, language=request.POST.get("language", ""))
    except ValidationError:
        messages.error(request, _("Unknown language."))
        return redirect(safe_next(request, request.POST.get("next", "")) or "core:home")
    return django_set_language(request)


def safe_next(request: HttpRequest, target: str) -> str:
    """``target`` if it stays on this site, else "" (no open redirect)."""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else ""
