#!/usr/bin/env bash
# SPDX-License-Identifier: MPL-2.0
# Idempotent setup shared by `make demo` and `make test`: venv, Python and npm
# dependencies, compiled messages. Skips each step that is already done.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"

if [[ ! -x .venv/bin/python ]]; then
  python3 -m venv .venv
fi
stamp=".venv/.installed${extras:+-$extras}"
if [[ ! -f $stamp || pyproject.toml -nt $stamp ]]; then
  .venv/bin/pip install --quiet --upgrade pip
  .venv/bin/pip install --quiet -e ".${extras:+[$extras]}"
  touch "$stamp"
fi
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
mkdir -p var "${PROCESVAERK_VAR_DIR:-var}"
# Messages are compiled from the committed .po files; .mo files are build output.
(cd src/procesvaerk && DEBUG=1 ../../.venv/bin/python -W ignore ../../manage.py compilemessages -v0)
