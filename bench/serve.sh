#!/usr/bin/env bash
# The web dashboard's latency at 200 requests a second (bench/serve.py), with oha from crates.io
# installed into bench/.tools on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet
if [ ! -x bench/.tools/bin/oha ]; then
    cargo install --quiet --locked oha --root bench/.tools
fi
OHA=bench/.tools/bin/oha python3 bench/serve.py
