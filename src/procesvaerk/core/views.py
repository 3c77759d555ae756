# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from procesvaerk.core import access
from procesvaerk.core.audit import audit_entries_for, audit_extract_csv, audit_record
from procesvaerk.core.forms import AuditFilterForm
from procesvaerk.core.models import Municipality, Unit
from procesvaerk.core.selectors import home_overview, unit_forest


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"overview": home_overview(request.user)})


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    forests = [
        {"municipality": m, "roots": unit_forest(request.user, m)}
        for m in access.user_municipalities(request.user)
    ]
    return render(request, "core/unit_list.html", {"forests": forests})


@login_required
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = access.get_visible_or_404(
        Unit.objects.select_related("municipality", "parent", "leader"), request.user, code=code
    )
    children = access.visible(unit.children.all(), request.user)
    return render(request, "core/unit_detail.html", {"unit": unit, "children": children})


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    access.require_any_role(request.user, "coordinator")
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entries_for(request.user, **filters)
    page = Paginator(entries, 50).get_page(request.GET.get("side"))
    people = access.people_visible_to(request.user, ["coordinator"]).order_by("full_name")
    return render(request, "core/audit_list.html", {"form": form, "page": page, "people": people})


@login_required
def audit_extract(request: HttpRequest, code: str) -> HttpResponse:
    access.require_any_role(request.user, "coordinator")
    person = get_object_or_404(access.people_visible_to(request.user, ["coordinator"]), code=code)
    buffer = io.StringIO()
    audit_extract_csv(subject=person, out=buffer)
    audit_record(actor=request.user, action="audit.extract", subject=person)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="auditlog-{person.code}-{stamp}.csv"'
    return response


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """Fallback when a municipality has no statement URL of its own."""
    municipalities = Municipality.objects.exclude(accessibility_statement_url="")
    return render(request, "core/accessibility.html", {"municipalities": municipalities})
