#!/usr/bin/env bash
# `review` on ten years of records against jrnl (PyPI) listing a journal of as many entries,
# side by side in one run. jrnl is installed into a virtual environment here.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet
if [ ! -x bench/.venv/bin/jrnl ]; then
    python3 -m venv bench/.venv
    bench/.venv/bin/pip install --quiet jrnl
fi
bench/.venv/bin/python bench/review.py
