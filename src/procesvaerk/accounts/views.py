# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from procesvaerk.accounts.forms import EmailAuthenticationForm, ProfileForm
from procesvaerk.accounts.http import AuthenticatedRequest
from procesvaerk.accounts.services import user_set_language, user_update_profile


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
    memberships = request.user.memberships.select_related("municipality")
    return render(request, "accounts/profile.html", {"form": form, "memberships": memberships})


@login_not_required  # the language switch is on the login page too
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's switch, plus remembering the choice on the signed-in user."""
    try:
        user_set_language(user=request.user, language=request.POST.get("language", ""))
    except ValidationError:
        messages.error(request, _("Unknown language."))
        return redirect(request.POST.get("next") or "core:home")
    return django_set_language(request)
