# SPDX-License-Identifier: MPL-2.0
"""The roles live in ``core.roles`` (the access primitives need them); what each
role lets a person do is declared per app in ``<app>/capabilities.py``."""

from __future__ import annotations

from procesvaerk.core.roles import Role

__all__ = ["Role"]
