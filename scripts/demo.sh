#!/usr/bin/env bash
# SPDX-License-Identifier: MPL-2.0
# Set up, migrate SQLite, load the demo data and serve at http://127.0.0.1:${PORT:-8000},
# with the job worker running beside the web server; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export DEBUG="${DEBUG:-1}"
py=".venv/bin/python -W ignore manage.py"
$py migrate --no-input -v0
$py load_demo
$py run_worker --no-reload &
worker=$!
trap 'kill "$worker" 2>/dev/null; wait "$worker" 2>/dev/null' EXIT INT TERM
echo "Procesværk: http://127.0.0.1:${PORT:-8000}/ (job worker pid $worker)"
$py runserver "127.0.0.1:${PORT:-8000}"
