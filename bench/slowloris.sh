#!/usr/bin/env bash
# Slowloris against `milemarker serve --demo` (bench/slowloris.py): 3,000 connections that never
# finish their headers, and a normal request timed once a second. CONNECTIONS and SECONDS
# override the defaults; MILEMARKER_BIN picks another build (the default is the release binary).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${MILEMARKER_BIN:-}" ]; then
    cargo build --release --locked --quiet -p milemarker
fi
python3 bench/slowloris.py
