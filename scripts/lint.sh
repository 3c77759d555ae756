#!/usr/bin/env bash
# SPDX-License-Identifier: MPL-2.0
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
ruff check src tests benchmarks
ruff format --check src tests benchmarks
djlint src/procesvaerk --lint --quiet
# Types: the engine, the access module, the audit service and every app's services.
SECRET_KEY=check mypy src/procesmine src/procesvaerk/core/access.py src/procesvaerk/core/audit.py \
  src/procesvaerk/core/uploads.py src/procesvaerk/core/storage.py \
  src/procesvaerk/core/jobs/context.py src/procesvaerk/core/jobs/registry.py \
  $(find src/procesvaerk -name '*services.py' -o -path '*/services/*.py' | sort)
