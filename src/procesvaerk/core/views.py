# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

import io
from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from procesvaerk.core import access
from procesvaerk.core.audit import (
    audit_action_choices,
    audit_entries_for,
    audit_extract_csv,
    audit_record,
)
from procesvaerk.core.forms import AuditFilterForm
from procesvaerk.core.models import Municipality, Notification, Unit
from procesvaerk.core.notifications import notification_mark_read, notifications_for
from procesvaerk.core.roles import Role
from procesvaerk.core.selectors import home_cards, role_help, unit_forest

if TYPE_CHECKING:
    from procesvaerk.accounts.http import AuthenticatedRequest


def home(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "core/home.html", {"cards": home_cards(request.user)})


def help_page(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "core/help.html", {"overview": role_help(request.user)})


def notifications(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(notifications_for(request.user), 30).get_page(request.GET.get("side"))
    return render(request, "core/notifications.html", {"page": page})


@require_POST
def notification_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(Notification, pk=pk, recipient=request.user)
    notification_mark_read(actor=request.user, notification=note)
    target = note.url if url_has_allowed_host_and_scheme(note.url, allowed_hosts=None) else ""
    return redirect(target or "core:notifications")


def unit_list(request: AuthenticatedRequest) -> HttpResponse:
    forests = [
        {"municipality": m, "roots": unit_forest(request.user, m)}
        for m in access.user_municipalities(request.user)
    ]
    return render(request, "core/unit_list.html", {"forests": forests})


def unit_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    unit = access.get_visible_or_404(
        Unit.objects.select_related("municipality", "parent", "leader"), request.user, code=code
    )
    children = access.visible(unit.children.all(), request.user)
    return render(request, "core/unit_detail.html", {"unit": unit, "children": children})


def audit_list(request: AuthenticatedRequest) -> HttpResponse:
    access.require_any_role(request.user, Role.COORDINATOR)
    form = AuditFilterForm(request.GET or None, actions=audit_action_choices(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entries_for(request.user, **filters)
    page = Paginator(entries, 50).get_page(request.GET.get("side"))
    people = access.people_visible_to(request.user, [Role.COORDINATOR]).order_by("full_name")
    return render(request, "core/audit_list.html", {"form": form, "page": page, "people": people})


def audit_extract(request: AuthenticatedRequest, code: str) -> HttpResponse:
    # No role check first: someone who may not extract gets 404, as for a missing person.
    person = get_object_or_404(
        access.people_visible_to(request.user, [Role.COORDINATOR]), code=code
    )
    buffer = io.StringIO()
    audit_extract_csv(
        subject=person, out=buffer, reader=request.user
    )  # starts with the byte order mark
    audit_record(actor=request.user, action="audit.extract", subject=person)
    response = HttpResponse(
        buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="auditlog-{person.code}-{stamp}.csv"'
    return response


@login_not_required
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """Fallback when a municipality has no statement URL of its own."""
    municipalities = Municipality.objects.exclude(accessibility_statement_url="")
    return render(request, "core/accessibility.html", {"municipalities": municipalities})
