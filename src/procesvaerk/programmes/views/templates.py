# SPDX-License-Identifier: MPL-2.0
"""Programme templates: list, read, copy, edit goals and plan."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from procesvaerk.accounts.http import AuthenticatedRequest
from procesvaerk.core import access
from procesvaerk.core.roles import Role
from procesvaerk.core.service_calls import run_service
from procesvaerk.programmes import access as programme_access
from procesvaerk.programmes import selectors, services
from procesvaerk.programmes.forms import CopyForm, PlanItemForm, ProgrammeForm
from procesvaerk.programmes.models import LearningGroup, PlanItem, Programme


def programme_list(request: AuthenticatedRequest) -> HttpResponse:
    programmes = access.visible(Programme.objects.select_related("municipality"), request.user)
    cohorts = programme_access.cohorts_for(request.user).select_related("programme", "municipality")
    coordinator_in = access.user_municipalities(request.user, [Role.COORDINATOR])
    return render(
        request,
        "programmes/programme_list.html",
        {
            "programmes": programmes,
            "cohorts": cohorts,
            "coordinator_in": coordinator_in,
            "assigned": selectors.submissions_assigned_to(request.user),
            "supervises": LearningGroup.objects.filter(supervisor=request.user).exists(),
        },
    )


def programme_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    programme = access.get_visible_or_404(Programme.objects.all(), request.user, code=code)
    can_edit = access.has_role(request.user, programme.municipality_id, Role.COORDINATOR)
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "can_edit": can_edit,
            "copy_form": CopyForm(),
            "coordinator_in": access.user_municipalities(request.user, [Role.COORDINATOR]),
        },
    )


@require_POST
def programme_copy(request: AuthenticatedRequest, code: str) -> HttpResponse:
    programme = access.get_visible_or_404(Programme.objects.all(), request.user, code=code)
    municipality = get_object_or_404(
        access.user_municipalities(request.user, [Role.COORDINATOR]),
        code=request.POST.get("municipality"),
    )
    form = CopyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the copy a name."))
        return redirect("programmes:programme_detail", code=code)
    copy = services.programme_copy(
        actor=request.user,
        programme=programme,
        municipality=municipality,
        name=form.cleaned_data["name"],
    )
    messages.success(request, _("The programme has been copied."))
    return redirect("programmes:programme_edit", code=copy.code)


def programme_edit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    programme = access.get_writable_or_404(
        Programme.objects.all(), request.user, roles=[Role.COORDINATOR], code=code
    )
    initial = {
        "name": programme.name,
        "description": programme.description,
        "goals": "\n".join(g.text for g in programme.goals.all()),
    }
    form = ProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.programme_update(
            actor=request.user,
            programme=programme,
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
            goals=form.cleaned_data["goals"].splitlines(),
        )
        messages.success(request, _("Saved."))
        return redirect("programmes:programme_edit", code=code)
    return render(
        request,
        "programmes/programme_edit.html",
        {"programme": programme, "form": form, "item_form": PlanItemForm()},
    )


def plan_item_edit(
    request: AuthenticatedRequest, code: str, item: str | None = None
) -> HttpResponse:
    programme = access.get_writable_or_404(
        Programme.objects.all(), request.user, roles=[Role.COORDINATOR], code=code
    )
    instance = get_object_or_404(PlanItem, programme=programme, code=item) if item else None
    form = PlanItemForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            request,
            lambda: services.plan_item_save(
                actor=request.user,
                programme=programme,
                item=instance,
                fields={f: form.cleaned_data[f] for f in form.Meta.fields},
            ),
            form,
        )
        if saved:
            return redirect("programmes:programme_edit", code=code)
    return render(
        request,
        "programmes/plan_item_edit.html",
        {"programme": programme, "form": form, "item": instance},
    )


@require_POST
def plan_item_delete(request: AuthenticatedRequest, code: str, item: str) -> HttpResponse:
    programme = access.get_writable_or_404(
        Programme.objects.all(), request.user, roles=[Role.COORDINATOR], code=code
    )
    services.plan_item_delete(
        actor=request.user, item=get_object_or_404(PlanItem, programme=programme, code=item)
    )
    return redirect("programmes:programme_edit", code=code)
