# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest


def run_service(request: HttpRequest, form: Form | None, call: Callable[[], Any]) -> Any:
    """Call a service; on a ValidationError show its Danish message (on the form
    when there is one) and return None so the view re-renders unchanged."""
    try:
        return call()
    except ValidationError as error:
        if form is not None:
            form.add_error(None, error)
        else:
            for message in error.messages:
                messages.error(request, message)
        return None
