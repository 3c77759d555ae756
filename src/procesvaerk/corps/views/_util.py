# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def run_service(
    request: HttpRequest, call: Callable[[], Any], form: forms.Form | None = None
) -> tuple[bool, Any]:
    """Call a service; a ValidationError becomes a form error or a message."""
    try:
        return True, call()
    except ValidationError as error:
        for text in error.messages:
            if form is not None:
                form.add_error(None, text)
            else:
                messages.error(request, text)
        return False, None
