# SPDX-License-Identifier: MPL-2.0
"""How views call services: a refused write becomes a Danish message, not an error page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


@dataclass(frozen=True)
class ServiceResult:
    """Whether the service ran, and what it returned. True when it ran, so a view may
    write ``if run_service(...)``; it also unpacks as ``ok, value``."""

    ok: bool
    value: Any = None

    def __bool__(self) -> bool:
        return self.ok

    def __iter__(self) -> Iterator[Any]:
        return iter((self.ok, self.value))


def run_service(
    request: HttpRequest, call: Callable[[], Any], form: forms.BaseForm | None = None
) -> ServiceResult:
    """Call a service. Its ValidationError (already in the user's language) becomes a
    form error when there is a form, otherwise a message on the next page; the service
    changed nothing, so the view simply shows the page again."""
    try:
        return ServiceResult(True, call())
    except ValidationError as error:
        if form is None:
            for text in error.messages:
                messages.error(request, text)
        elif hasattr(error, "error_dict"):  # e.g. from full_clean(): keep errors on fields
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return ServiceResult(False)
