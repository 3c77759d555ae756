# SPDX-License-Identifier: MPL-2.0
"""The roles a person can hold in a municipality, and what each lets them do.

The capability texts are shown on the home page so a new user knows what the
site offers them; keep them true when an app adds or removes a feature.
"""

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


CAPABILITIES: dict[str, list[str]] = {
    Role.COORDINATOR: [
        _("See the municipality's organisation and its people."),
        _("Read and filter the audit log and extract it per person."),
        _(
            "Run the consultant corps: scope tasks, match and assign consultants, "
            "follow hours and lending."
        ),
        _("Build programme templates and cohorts: participants, groups, attendance and exam."),
    ],
    Role.INSTRUCTOR: [
        _("See the municipality's organisation."),
        _("Teach cohorts: move activities, record attendance, supervise learning groups."),
    ],
    Role.CONSULTANT: [
        _("See the municipality's organisation."),
        _("Keep your consultant profile, accept tasks and register hours."),
    ],
    Role.LEADER: [
        _("See the municipality's organisation and the units you lead."),
        _("Ask the consultant corps for help, sign off agreements and evaluate the help."),
    ],
    Role.CENSOR: [
        _("See the municipality's organisation."),
        _("Read and grade the exam assignments assigned to you, and only those."),
    ],
    Role.VIEWER: [_("See the municipality's organisation.")],
}
