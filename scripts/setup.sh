#!/bin/sh
# Set up everything wicguide needs on a Debian machine, as root or with sudo:
# the system libraries WeasyPrint uses (Pango), poppler-utils (pdftoppm, to look
# at pages), a virtual environment in .venv with the pinned Python packages.
# Fonts come from a Python package (fontpkg-atkinson-hyperlegible): no system font
# is relied on. Safe to run again: it only installs what is missing.
set -eu
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils"
PYTHON="${PYTHON:-python3}"

missing=""
for package in $DEBIAN_PACKAGES; do
    dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
# Debian's own python3 needs python3-venv to make virtual environments.
"$PYTHON" -c "import ensurepip, venv" >/dev/null 2>&1 || missing="$missing python3-venv"
if [ -n "$missing" ]; then
    echo "Installing Debian packages:$missing"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
# The Python packages are installed again only when what they are made from
# (pyproject.toml, constraints.txt) has changed since the last install.
stamp=".venv/wicguide-installed"
wanted=$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -c constraints.txt -e ".[test,bench]"
    echo "$wanted" > "$stamp"
fi
