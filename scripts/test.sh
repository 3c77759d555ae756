#!/usr/bin/env bash
# SPDX-License-Identifier: MPL-2.0
# The whole suite: lint, types, migrations check, tests on SQLite (with the
# browser tests), then again on PostgreSQL when one is reachable.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh dev,oracle
scripts/system-deps.sh
export PATH="$PWD/.venv/bin:$PATH"

scripts/lint.sh
SECRET_KEY=check python -W ignore manage.py makemigrations --check --dry-run

echo "== tests on SQLite"
pytest "$@"

pg_url="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/procesvaerk}"
if python - "$pg_url" <<'PY'
import sys, dj_database_url, psycopg
cfg = dj_database_url.parse(sys.argv[1])
try:
    psycopg.connect(host=cfg["HOST"], port=cfg["PORT"] or 5432, user=cfg["USER"],
                    password=cfg["PASSWORD"] or None, dbname="postgres", connect_timeout=3).close()
except Exception as error:
    print(f"PostgreSQL not reachable: {error}")
    sys.exit(1)
PY
then
  echo "== tests on PostgreSQL ($pg_url)"
  # The engine and browser tests do not touch the database; they ran above.
  DATABASE_URL="$pg_url" pytest -m "not browser" --ignore=tests/procesmine "$@"
else
  echo "== SKIPPED the PostgreSQL run: no server at $pg_url (set DATABASE_URL)."
fi
