# SPDX-License-Identifier: MPL-2.0
"""Once per form: every form rendered through ``includes/form_fields.html`` carries a
``form_key``. The first POST with a key claims it (a unique row, committed at once);
a second POST with the same key (a double click on a slow line, two tabs, a resend)
does not run the view again: it waits briefly for the first to finish and is sent
where the first went. Only url-encoded forms: multipart bodies are parsed by the view
itself (the upload limit must be installed first), and their services lock instead.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _

from procesvaerk.core.models import FormSubmission

if TYPE_CHECKING:
    from procesvaerk.accounts.models import User

FIELD = "form_key"
WAIT_SECONDS = 10.0
KEEP = timedelta(days=2)


def _key_of(request: HttpRequest) -> uuid.UUID | None:
    if request.method != "POST" or request.content_type != "application/x-www-form-urlencoded":
        return None
    if not request.user.is_authenticated:
        return None
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


def _claim(key: uuid.UUID, request: HttpRequest, user: User) -> FormSubmission | None:
    """The claim, or None when another request holds the key already."""
    try:
        with transaction.atomic():
            return FormSubmission.objects.create(key=key, user=user, path=request.path[:500])
    except IntegrityError:
        return None


def _first_result(key: uuid.UUID, request: HttpRequest, user: User) -> str:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        first = FormSubmission.objects.filter(key=key, user=user).first()
        if first is None:  # the first ended without a result: this one may run
            return ""
        if first.result_url:
            return first.result_url
        time.sleep(0.1)
    return request.path


class OncePerFormMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        claim: FormSubmission | None = getattr(request, "_form_claim", None)
        if claim is not None:
            if response.status_code in (301, 302, 303) and response.get("Location"):
                claim.result_url = response["Location"][:500]
                claim.save(update_fields=["result_url"])
            else:
                claim.delete()  # a page with errors: the form may be sent again
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        # Runs after the CSRF check (this middleware comes after it), before the view.
        key = _key_of(request)
        if key is None:
            return None
        user = cast("User", request.user)  # _key_of answered only for a signed-in user
        claim = _claim(key, request, user)
        if claim is not None:
            request._form_claim = claim  # type: ignore[attr-defined]
            return None
        target = _first_result(key, request, user)
        if not target:
            return None
        messages.info(request, _("Your submission had already been received."))
        return HttpResponseRedirect(target)


def form_submissions_purge(*, now: Any = None) -> int:
    """Forget claims older than two days (run daily with purge_audit)."""
    cutoff = (now or timezone.now()) - KEEP
    deleted, _rows = FormSubmission.objects.filter(created_at__lt=cutoff).delete()
    return deleted
