# SPDX-License-Identifier: MPL-2.0
"""Views for programmes, split by audience: templates and cohorts (staff),
learning (participants and supervisors), exam (examiners and censors)."""
