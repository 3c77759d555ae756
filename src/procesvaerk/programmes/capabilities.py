# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from procesvaerk.core.roles import Role

CAPABILITIES = {
    Role.COORDINATOR: [
        _("Build programme templates and cohorts: participants, groups, attendance and exam."),
    ],
    Role.INSTRUCTOR: [
        _("Teach cohorts: move activities, record attendance, supervise learning groups."),
    ],
    Role.CENSOR: [_("Read and grade the exam assignments assigned to you, and only those.")],
}
