# SPDX-License-Identifier: MPL-2.0
"""``core.selftest``: counts to n with progress; proves that the worker runs jobs."""

from __future__ import annotations

import time
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from procesvaerk.core.jobs.context import JobContext
from procesvaerk.core.jobs.registry import job_kind


@job_kind("core.selftest", gettext_lazy("Self-test"))
def selftest(context: JobContext, *, n: int = 10, delay: float = 0.0, fail_at: int = 0) -> Any:
    """``fail_at`` makes it fail on purpose at that step (for the retry tests)."""
    total = 0
    for step in range(1, n + 1):
        if step == fail_at:
            raise ValidationError(_("The self-test stopped at step %(step)s.") % {"step": step})
        total += step
        context.report(100 * step // n, _("Counted to %(step)s of %(n)s") % {"step": step, "n": n})
        if delay:
            time.sleep(delay)
    return {"counted": n, "sum": total}
