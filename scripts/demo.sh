#!/usr/bin/env bash
# SPDX-License-Identifier: MPL-2.0
# Set up, migrate SQLite, load the demo data and serve at http://127.0.0.1:${PORT:-8000}.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export DEBUG="${DEBUG:-1}"
py=".venv/bin/python -W ignore manage.py"
$py migrate --no-input -v0
$py load_demo
echo "Procesværk: http://127.0.0.1:${PORT:-8000}/"
exec $py runserver "127.0.0.1:${PORT:-8000}"
