# SPDX-License-Identifier: MPL-2.0
"""The request type of a signed-in page. The site denies by default
(``LoginRequiredMiddleware``), so every view not marked ``login_not_required``
sees a real ``User``; views say so in their signature and mypy holds them to it."""

from __future__ import annotations

from django.http import HttpRequest

from procesvaerk.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: User  # type: ignore[assignment]
