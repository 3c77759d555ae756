# SPDX-License-Identifier: MPL-2.0
"""The roles a person can hold in a municipality. They live in core so that the
access primitives and every app name them by the enum, not by strings."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    INSTRUCTOR = "instructor", _("Instructor")
    CONSULTANT = "consultant", _("Consultant")
    LEADER = "leader", _("Leader")
    CENSOR = "censor", _("Censor")
    VIEWER = "viewer", _("Viewer")
