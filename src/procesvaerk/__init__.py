# SPDX-License-Identifier: MPL-2.0
"""Procesværk: the Django site."""
