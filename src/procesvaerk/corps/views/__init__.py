# SPDX-License-Identifier: MPL-2.0
"""Thin views of the corps app: tasks in ``tasks``, people, cases and ledger in ``people``."""
