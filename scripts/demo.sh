#!/usr/bin/env bash
# SPDX-License-Identifier: MPL-2.0
# Set up, migrate SQLite, load the demo data and serve at http://127.0.0.1:${PORT:-8000},
# with the job worker running beside the web server; Ctrl-C stops both.
# The demo runs as in production (DEBUG off, static files through WhiteNoise), only over
# plain http on this machine: a wrong address shows the site's 404 page, not the URL map.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
var="${PROCESVAERK_VAR_DIR:-var}"
mkdir -p "$var"
# A secret key made once for this machine and kept in var/ (never committed).
if [[ ! -s "$var/secret_key" ]]; then
  (umask 077 && .venv/bin/python -c "import secrets; print(secrets.token_urlsafe(50))" >"$var/secret_key")
fi
export SECRET_KEY="${SECRET_KEY:-$(cat "$var/secret_key")}"
export DEBUG="${DEBUG:-0}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
# Plain http on localhost: no redirect to https, no secure-only cookies, no HSTS.
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-0}"
export SECURE_COOKIES="${SECURE_COOKIES:-0}"
export SECURE_HSTS_SECONDS="${SECURE_HSTS_SECONDS:-0}"
py=".venv/bin/python -W ignore manage.py"
$py collectstatic --no-input -v0
$py migrate --no-input -v0
$py load_demo
$py run_worker --no-reload &
worker=$!
trap 'kill "$worker" 2>/dev/null; wait "$worker" 2>/dev/null' EXIT INT TERM
echo "Procesværk: http://127.0.0.1:${PORT:-8000}/ (job worker pid $worker)"
$py runserver --nostatic "127.0.0.1:${PORT:-8000}"
