# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag(takes_context=True)
def render_panel(context: template.Context, panel: dict[str, Any]) -> SafeString:
    """A panel's own template with the context its app computed (and the request,
    for CSRF tokens and the user's language)."""
    return render_to_string(panel["template"], panel["context"], request=context.get("request"))
