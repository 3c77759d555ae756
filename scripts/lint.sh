#!/usr/bin/env bash
# SPDX-License-Identifier: MPL-2.0
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
ruff check src tests benchmarks
ruff format --check src tests benchmarks
djlint src/procesvaerk --lint --quiet
# Types over the whole site and the engine.
SECRET_KEY=check mypy src/procesmine src/procesvaerk
# Layering (pyproject.toml [tool.importlinter]): core imports no app, and so on.
lint-imports --no-cache
