# SPDX-License-Identifier: MPL-2.0
"""Template helpers shared by every app."""

from __future__ import annotations

from django import forms, template
from django.utils.safestring import SafeString

from procesvaerk.core.audit import audit_action_label

register = template.Library()

_WIDGET_CLASSES = {
    forms.Select: "form-select",
    forms.SelectMultiple: "form-select",
    forms.CheckboxInput: "form-checkbox",
    forms.RadioSelect: "form-radio",
    forms.Textarea: "form-input",
}


@register.filter
def dkfds_widget(field: forms.BoundField) -> SafeString:
    """Render a field's widget with the design system's class and ARIA links."""
    widget = field.field.widget
    css = next((c for t, c in _WIDGET_CLASSES.items() if isinstance(widget, t)), "form-input")
    attrs: dict[str, str | bool] = {"class": css}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_hint")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def dkfds_choice(choice: forms.boundfield.BoundWidget) -> SafeString:
    """One radio button or checkbox of a choice field, with the design system's class,
    so forms need not set it on every widget."""
    css = "form-radio" if choice.data.get("type") == "radio" else "form-checkbox"
    choice.data["attrs"] = {**choice.data["attrs"], "class": css}
    return choice.tag(wrap_label=False)


@register.filter
def audit_action(code: str) -> str:
    """An audit entry's action as people read it, never the code."""
    return audit_action_label(code)
