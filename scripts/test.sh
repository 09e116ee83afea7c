#!/bin/sh
# Set up, check the code (ruff, mypy), then run the whole test suite.
# Extra arguments go to pytest.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
.venv/bin/ruff check --quiet wicguide tests bench scripts
.venv/bin/mypy
exec .venv/bin/python -m pytest "$@"
