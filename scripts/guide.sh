#!/bin/sh
# Set up, then build the guide from data/initiatives.xlsx into output/.
# Extra arguments go to `wicguide build` (for example --strict).
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
exec .venv/bin/wicguide build data/initiatives.xlsx --output output/guide.pdf "$@"
