# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

import uuid

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from procesvaerk.core.middleware import FIELD

register = template.Library()


@register.simple_tag
def form_key() -> SafeString:
    """A fresh key per rendered form (see core.middleware.OncePerFormMiddleware)."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, uuid.uuid4())
