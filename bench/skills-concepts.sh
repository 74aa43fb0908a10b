#!/usr/bin/env bash
# Concepts judged by hand (see bench/skills-concepts.py and bench/concepts/README.md): builds the
# release binary, then prints hits, right, wrong, unjudged, concept precision and recall per part.
# Extra arguments go to the script (--unjudged, --strict, --part dev).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -p milemarker
python3 bench/skills-concepts.py "$@"
