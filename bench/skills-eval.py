#!/usr/bin/env python3
"""Scores skill extraction against annotated job-posting sentences: SkillSpan (Zhang et al., NAACL
2022; skill and knowledge spans, both counted) and the green-skills benchmark (Green et al., LREC
2022; its Skill spans). milemarker's matcher (`milemarker skills extract --lines --json`) and a
baseline of spaCy's PhraseMatcher (blank English pipeline, attr LOWER, the same label list and deny
list, overlaps resolved by spacy.util.filter_spans) are scored the same way:

  exact:   a predicted span counts when its character offsets equal a gold span's
  overlap: a predicted span counts when it shares a character with a gold span (precision), and
           a gold span counts when a prediction touches it (recall)

    bench/skills-eval.sh                       # test splits, both systems: the table in docs/
    bench/.venv-nlp/bin/python bench/skills-eval.py --split dev --no-spacy
    bench/.venv-nlp/bin/python bench/skills-eval.py --tune   # deny-list candidates from train+dev

Sentences are their tokens joined by single spaces; gold spans are the B/I runs over them.
--tune never reads a test split.
"""

import argparse
import csv
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"


def spans_from_bio(tokens, tags_list):
    """Character spans of the B/I runs in any of `tags_list`, over tokens joined by spaces."""
    starts, pos = [], 0
    for t in tokens:
        starts.append(pos)
        pos += len(t) + 1
    spans = set()
    for tags in tags_list:
        begin = None
        for i, tag in enumerate(tags + ["O"]):
            inside = tag.startswith("I") and begin is not None
            if begin is not None and not inside:
                spans.add((starts[begin], starts[i - 1] + len(tokens[i - 1])))
                begin = None
            if tag.startswith("B") or (tag.startswith("I") and begin is None):
                begin = i
    return " ".join(tokens), spans


def skillspan(split):
    out = []
    with (DATA / "skillspan" / "json" / f"{split}.json").open() as f:
        for line in f:
            d = json.loads(line)
            out.append(spans_from_bio(d["tokens"], [d["tags_skill"], d["tags_knowledge"]]))
    return out


def green():
    sentences = {}
    with (DATA / "green-skills" / "df_testset.csv").open(newline="") as f:
        for r in csv.DictReader(f):
            tokens, tags = sentences.setdefault(r["sentence_id"], ([], []))
            tokens.append(r["word"])
            tags.append(r["tag"] if r["tag"].endswith("-Skill") else "O")
    return [spans_from_bio(tokens, [tags]) for tokens, tags in sentences.values()]


def milemarker(texts, binary):
    start = time.perf_counter()
    run = subprocess.run([binary, "skills", "extract", "--lines", "--json", "-"],
                         input="\n".join(texts) + "\n", capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    rows = [json.loads(l) for l in run.stdout.splitlines()]
    # milemarker reports byte offsets; the scorer works in characters.
    def chars(text, hit):
        b = text.encode()
        return len(b[:hit["start"]].decode()), len(b[:hit["end"]].decode())
    return [{chars(t, h) for h in hits} for t, hits in zip(texts, rows)], seconds


def spacy_matcher():
    import spacy
    from spacy.matcher import PhraseMatcher
    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    labels = sorted(usable_labels())
    # pipe() tokenizes the labels in bulk; the patterns are the same label list milemarker uses.
    for start in range(0, len(labels), 5000):
        matcher.add("SKILL", list(nlp.tokenizer.pipe(labels[start:start + 5000])))
    return nlp, matcher


def spacy_predict(texts, nlp, matcher):
    from spacy.util import filter_spans
    start = time.perf_counter()
    out = []
    for doc in nlp.tokenizer.pipe(texts):
        spans = filter_spans(matcher(doc, as_spans=True))
        out.append({(s.start_char, s.end_char) for s in spans})
    return out, time.perf_counter() - start


def usable_labels():
    """The labels milemarker matches: every label, minus its deny lists (see taxonomy.rs)."""
    denied = set(denied_words())
    labels = set()
    with (ROOT / "data" / "skills" / "labels.tsv").open() as f:
        next(f)
        for line in f:
            # id, label, when (guard), kind: the label is the second column.
            label = line.rstrip("\n").split("\t")[1]
            if len(label) >= 2 and label.lower() not in denied:
                labels.add(label)
    return labels


def denied_words():
    source = (ROOT / "crates" / "market" / "src" / "taxonomy.rs").read_text()
    block = source.split("pub const DENIED: &[&str] = &[", 1)[1].split("];", 1)[0]
    words = [w.strip().strip('"') for w in block.replace("\n", " ").split(",") if w.strip()]
    tuned = ROOT / "data" / "skills" / "deny.txt"
    if tuned.exists():
        words += [l.split("\t")[0] for l in tuned.read_text().splitlines() if l and not l.startswith("#")]
    return words


def score(gold, predicted):
    g = sum(len(s) for s in gold)
    p = sum(len(s) for s in predicted)
    exact = sum(len(gs & ps) for gs, ps in zip(gold, predicted))
    touch = lambda a, b: a[0] < b[1] and b[0] < a[1]
    p_overlap = sum(sum(any(touch(x, y) for y in gs) for x in ps) for gs, ps in zip(gold, predicted))
    g_overlap = sum(sum(any(touch(x, y) for y in ps) for x in gs) for gs, ps in zip(gold, predicted))
    def prf(tp_p, tp_g):
        precision = tp_p / p if p else 0.0
        recall = tp_g / g if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1
    return prf(exact, exact), prf(p_overlap, g_overlap), g, p


def tune(binary):
    """Per matched text on train+dev: how often it touches a gold span. Prints the labels that
    are wrong at least 80% of the time over at least 5 matches."""
    sentences = skillspan("train") + skillspan("dev")
    texts = [t for t, _ in sentences]
    predicted, _ = milemarker(texts, binary)
    hits, good = Counter(), Counter()
    for (text, gold), spans in zip(sentences, predicted):
        for s in spans:
            key = text[s[0]:s[1]].lower()
            hits[key] += 1
            good[key] += any(s[0] < g[1] and g[0] < s[1] for g in gold)
    for key, n in sorted(hits.items(), key=lambda kv: -kv[1]):
        if n >= 5 and good[key] / n <= 0.2:
            print(f"{key}\t{good[key]}/{n}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="test", choices=["train", "dev", "test"])
    ap.add_argument("--binary", default=str(ROOT / "target" / "release" / "milemarker"))
    ap.add_argument("--no-spacy", action="store_true")
    ap.add_argument("--tune", action="store_true")
    args = ap.parse_args()
    if args.tune:
        return tune(args.binary)
    sets = [(f"SkillSpan {args.split}", skillspan(args.split))]
    if args.split == "test":
        sets.append(("green-skills test", green()))
    systems = [("milemarker", lambda texts: milemarker(texts, args.binary))]
    if not args.no_spacy:
        nlp, matcher = spacy_matcher()
        systems.append(("spaCy PhraseMatcher", lambda texts: spacy_predict(texts, nlp, matcher)))
    print("| data set | system | gold spans | predicted | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, sentences in sets:
        texts = [t for t, _ in sentences]
        gold = [g for _, g in sentences]
        for system, predict in systems:
            predicted, _ = predict(texts)
            (ep, er, ef), (op, orr, of), g, p = score(gold, predicted)
            print(f"| {name} ({len(texts)} sentences) | {system} | {g} | {p} | {ep:.3f} | {er:.3f} | {ef:.3f} "
                  f"| {op:.3f} | {orr:.3f} | {of:.3f} |")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
