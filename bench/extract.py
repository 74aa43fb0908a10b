#!/usr/bin/env python3
"""Skill-extraction throughput, one core each, side by side: milemarker as a whole process
(`skills extract --lines --json`, RAYON_NUM_THREADS=1: loading the automaton, reading, matching,
writing JSON) and in process (`crates/market/examples/throughput.rs`, the matching loop alone),
against three Python matchers given the same label list (data/skills/labels.tsv minus the deny
lists), timed on the matching loop alone (their build time reported apart):

  pyahocorasick  Automaton.iter_long over lower-cased text: leftmost-longest, but no word
                 boundaries, no punctuation folding, no dedup, no ids
  flashtext      KeywordProcessor.extract_keywords(span_info=True): whole words, longest match,
                 case-insensitive; no punctuation folding, no dedup
  spaCy          blank English tokenizer + PhraseMatcher(attr=LOWER) + filter_spans

    bench/extract.sh                # builds, makes the corpus, installs the peers, runs all four
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from importlib import import_module

evaluation = import_module("skills-eval")

ROOT = Path(__file__).resolve().parent.parent


def best_of(runs, f):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = f()
        times.append(time.perf_counter() - start)
    return min(times), result


def main():
    corpus = Path(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    text = corpus.read_text()
    lines = text.splitlines()
    mb = len(text.encode()) / 1e6
    labels = sorted(evaluation.usable_labels())
    print(f"corpus: {len(lines)} postings, {mb:.1f} MB; {len(labels)} labels\n")
    print("| matcher | build (s) | match (s, best of %d) | MB/s per core | skills found |" % runs)
    print("|---|---:|---:|---:|---:|")

    binary = str(ROOT / "target" / "release" / "milemarker")
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    written = corpus.with_suffix(".hits.jsonl")
    def run_milemarker():
        # Into a file, as `> hits.jsonl` would: through a pipe, Python's reading set the pace.
        with open(written, "w") as out:
            subprocess.run([binary, "skills", "extract", "--lines", "--json", str(corpus)],
                           env=env, stdout=out, check=True)
    # Timed: the process only; its JSON is parsed after, to count the hits.
    seconds, _ = best_of(runs, run_milemarker)
    with open(written) as out:
        found = sum(len(json.loads(l)) for l in out)
    written.unlink()
    print(f"| milemarker (whole process) | 0 (at compile time) | {seconds:.2f} | {mb / seconds:.1f} | {found} |")
    sys.stdout.flush()

    example = ROOT / "target" / "release" / "examples" / "throughput"
    inproc = json.loads(subprocess.run([str(example), str(corpus), str(runs)], capture_output=True,
                                       text=True, check=True).stdout)
    for what, key in (("skills_in: ids, as an import stores", "skills_in_seconds"),
                      ("concepts: ids, labels, offsets, text", "concepts_seconds"),
                      ("extract: concepts and the span tagger's phrases", "extract_seconds"),
                      ("extract_all: concepts without the context layer", "extract_all_seconds")):
        seconds = inproc[key]
        print(f"| milemarker in process, {what} | 0 (at compile time) | {seconds:.2f} | {mb / seconds:.1f} | {inproc['found']} |")
    sys.stdout.flush()

    import ahocorasick
    start = time.perf_counter()
    automaton = ahocorasick.Automaton()
    for label in labels:
        automaton.add_word(label.lower(), label)
    automaton.make_automaton()
    build = time.perf_counter() - start
    seconds, found = best_of(runs, lambda: sum(
        sum(1 for _ in automaton.iter_long(line.lower())) for line in lines))
    print(f"| pyahocorasick | {build:.2f} | {seconds:.2f} | {mb / seconds:.1f} | {found} |")
    sys.stdout.flush()

    from flashtext import KeywordProcessor
    start = time.perf_counter()
    keywords = KeywordProcessor(case_sensitive=False)
    for label in labels:
        keywords.add_keyword(label)
    build = time.perf_counter() - start
    seconds, found = best_of(runs, lambda: sum(
        len(keywords.extract_keywords(line, span_info=True)) for line in lines))
    print(f"| flashtext | {build:.2f} | {seconds:.2f} | {mb / seconds:.1f} | {found} |")
    sys.stdout.flush()

    start = time.perf_counter()
    nlp, matcher = evaluation.spacy_matcher()
    build = time.perf_counter() - start
    predicted, seconds = evaluation.spacy_predict(lines, nlp, matcher)
    print(f"| spaCy PhraseMatcher | {build:.2f} | {seconds:.2f} (one run) | {mb / seconds:.1f} | "
          f"{sum(len(p) for p in predicted)} |")


if __name__ == "__main__":
    main()
