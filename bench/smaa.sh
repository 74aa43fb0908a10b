#!/usr/bin/env bash
# SMAA-2 benchmark: milemarker against a vectorised numpy reference (installed from PyPI into a
# virtual environment here), side by side in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet
if [ ! -x bench/.venv/bin/python ]; then
    python3 -m venv bench/.venv
    bench/.venv/bin/pip install --quiet numpy
fi
bench/.venv/bin/python bench/smaa.py
