#!/usr/bin/env bash
# Trains the span tagger (crates/market/src/tagger.rs) on SkillSpan train, choosing the epoch and
# O's bias on dev (test is never read), and writes data/skills/tagger.bin. Deterministic: the same
# data and code give the same bytes. Rebuild milemarker afterwards; it embeds the model.
#   bench/train-tagger.sh [BITS (16)] [EPOCHS (25)]
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${SKILLSPAN:-../shared/data/skillspan/json}
cargo run --release --quiet -p milemarker-market --example train-tagger -- \
    "$DATA" data/skills/tagger.bin "${1:-16}" "${2:-25}"
