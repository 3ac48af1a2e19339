#!/usr/bin/env bash
# Creates a virtualenv with moto's server from a requirements file, unless the virtualenv already
# holds exactly those requirements.
# Usage: install-moto.sh <requirements.txt> <virtualenv directory>
set -euo pipefail

requirements=$1
venv=$2
marker=$venv/installed-requirements.txt

if [[ -f $marker && -x $venv/bin/moto_server && "$(<"$marker")" == "$(<"$requirements")" ]]; then
    echo "moto server is up to date in $venv"
    exit 0
fi

if ! command -v python3 >/dev/null || ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    echo "Python 3 with the venv module is required for the moto server tests (python3 not found on PATH or lacking venv/ensurepip)" >&2
    exit 1
fi

echo "Installing moto server from $requirements into $venv"
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
cp "$requirements" "$marker"
