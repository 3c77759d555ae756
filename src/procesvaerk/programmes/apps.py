# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "procesvaerk.programmes"
    label = "programmes"
    verbose_name = _("Programmes")

    def ready(self) -> None:
        from procesvaerk.corps.access import register_profile_editor_rule
        from procesvaerk.programmes import signals  # noqa: F401
        from procesvaerk.programmes.access import coordinated_a_cohort_of

        register_profile_editor_rule(coordinated_a_cohort_of)
