# SPDX-License-Identifier: MPL-2.0
"""People pages: consultant profiles and capacity, the lending ledger, the
case library."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from procesvaerk.accounts.http import AuthenticatedRequest
from procesvaerk.accounts.roles import Role
from procesvaerk.core import access
from procesvaerk.core.models import Unit
from procesvaerk.core.service_calls import run_service
from procesvaerk.corps import selectors, services
from procesvaerk.corps.forms import CaseSearchForm, ConsultantFilterForm, ProfileForm
from procesvaerk.corps.models import Case, ConsultantProfile


def profile_edit(request: AuthenticatedRequest) -> HttpResponse:
    """A consultant edits their own profile (home municipality: their consultant role's)."""
    user = request.user
    home = access.user_municipalities(user, [Role.CONSULTANT]).first()
    if home is None:
        raise Http404
    profile = ConsultantProfile.objects.filter(user=user).first()
    units = access.visible(Unit.objects.filter(municipality=home), user)
    form = ProfileForm(request.POST or None, instance=profile, units=units)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.Meta.fields}
        ok, _p = run_service(
            request,
            lambda: services.profile_save(actor=user, user=user, municipality=home, **data),
            form,
        )
        if ok:
            messages.success(request, _("Your consultant profile has been saved."))
            return redirect("corps:profile_edit")
    return render(request, "corps/profile_form.html", {"form": form, "home": home})


def consultant_list(request: AuthenticatedRequest) -> HttpResponse:
    access.require_any_role(request.user, Role.COORDINATOR)
    form = ConsultantFilterForm(request.GET or None)
    month = form.month(timezone.localdate().replace(day=1))
    rows = selectors.capacity_overview(request.user, month, form.name())
    return render(
        request,
        "corps/consultant_list.html",
        {
            "rows": rows,
            "month": month,
            "form": form,
            "over_capacity_count": sum(1 for row in rows if row.over_capacity),
        },
    )


def ledger(request: AuthenticatedRequest) -> HttpResponse:
    access.require_any_role(request.user, Role.COORDINATOR)
    return render(
        request, "corps/ledger.html", {"quarters": selectors.lending_ledger(request.user)}
    )


def case_list(request: AuthenticatedRequest) -> HttpResponse:
    form = CaseSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(selectors.case_search(request.user, query), 20).get_page(
        request.GET.get("side")
    )
    return render(request, "corps/case_list.html", {"form": form, "page": page, "query": query})


def case_detail(request: AuthenticatedRequest, code: UUID) -> HttpResponse:
    case = access.get_visible_or_404(
        Case.objects.filter(published_at__isnull=False).select_related("municipality"),
        request.user,
        code=code,
    )
    return render(request, "corps/case_detail.html", {"case": case})
