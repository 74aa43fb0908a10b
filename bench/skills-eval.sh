#!/usr/bin/env bash
# Skill extraction quality on the test splits, milemarker beside spaCy's PhraseMatcher (see
# bench/skills-eval.py). Installs spaCy (and the throughput peers) from PyPI into bench/.venv-nlp.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x bench/.venv-nlp/bin/python ]; then
    python3 -m venv bench/.venv-nlp
    bench/.venv-nlp/bin/pip install -q spacy pyahocorasick flashtext
fi
cargo build --release --quiet
bench/.venv-nlp/bin/python bench/skills-eval.py --split test "$@"
