# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from procesvaerk.core.bounded_forms import BoundedForm


class AuditFilterForm(BoundedForm):
    action = forms.ChoiceField(label=_("Action"), required=False)
    person = forms.CharField(label=_("Person (e-mail)"), required=False, max_length=254)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: object, actions: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["action"].choices = [("", _("All")), *actions]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:  # type: ignore[operator]
            raise forms.ValidationError(_("The start date must be before the end date."))
        return data
