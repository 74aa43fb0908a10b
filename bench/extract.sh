#!/usr/bin/env bash
# Skill-extraction throughput: milemarker beside pyahocorasick, flashtext and spaCy's PhraseMatcher
# on the same synthetic postings (see bench/extract.py). Peers install from PyPI into bench/.venv-nlp.
set -euo pipefail
cd "$(dirname "$0")/.."
POSTINGS=${POSTINGS:-20000}
if [ ! -x bench/.venv-nlp/bin/python ]; then
    python3 -m venv bench/.venv-nlp
    bench/.venv-nlp/bin/pip install -q spacy pyahocorasick flashtext
fi
cargo build --release --quiet
cargo build --release --quiet -p milemarker-market --example throughput
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/gen-postings.py --count "$POSTINGS" --out "$work/postings.jsonl"
# One posting text per line.
python3 -c 'import json,sys; [print(json.loads(l)["text"]) for l in open(sys.argv[1])]' "$work/postings.jsonl" > "$work/texts.txt"
bench/.venv-nlp/bin/python bench/extract.py "$work/texts.txt" "${RUNS:-3}"
