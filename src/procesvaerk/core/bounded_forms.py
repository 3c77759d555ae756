# SPDX-License-Identifier: MPL-2.0
"""Every text a person types has a limit: the site's forms derive from these bases,
which give each free-text field without one a maximum (checked on the server with
Django's Danish message, and as ``maxlength`` in the browser)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator

TEXT_LIMIT = 4000  # about two pages: a background, a reflection, a case summary


def bound_text_fields(form: forms.BaseForm, limit: int = TEXT_LIMIT) -> None:
    for field in form.fields.values():
        if not isinstance(field, forms.CharField) or isinstance(field, forms.UUIDField):
            continue
        if field.max_length is None:
            field.max_length = limit
            field.validators.append(MaxLengthValidator(limit))
            field.widget.attrs.setdefault("maxlength", str(limit))


class BoundedForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bound_text_fields(self)


class BoundedModelForm(forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bound_text_fields(self)
