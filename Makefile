# SPDX-License-Identifier: MPL-2.0
# Thin wrappers; the logic lives in scripts/.
.PHONY: demo test lint bench messages

demo:  ## set up, load demo data, serve at http://127.0.0.1:$${PORT:-8000}
	scripts/demo.sh

test:  ## set up and run the whole suite (lint, migrations, SQLite, PostgreSQL, browser)
	scripts/test.sh

lint:
	scripts/setup.sh dev
	scripts/lint.sh

bench:
	scripts/setup.sh dev,oracle
	.venv/bin/python benchmarks/engine.py

messages:  ## refresh the Danish catalogue after adding strings
	cd src/procesvaerk && DEBUG=1 ../../.venv/bin/python ../../manage.py makemessages -l da --no-obsolete
	cd src/procesvaerk && DEBUG=1 ../../.venv/bin/python ../../manage.py compilemessages
