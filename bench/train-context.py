#!/usr/bin/env python3
"""Trains the context layer's hit filter (crates/market/src/context.rs) and writes
data/skills/context-model.tsv. Standard library only.

    python3 bench/train-context.py            # builds the feature example, trains, tunes, writes

1. Features: every candidate hit of the matcher (repeats included) in SkillSpan train and dev,
   with its features, from `cargo run --release -p milemarker-market --example context-features`:
   the same Rust code that scores hits at run time.
2. Labels: a candidate is positive when it shares a character with a gold skill or knowledge span
   (bench/skills-eval.py `spans_from_bio`; sentences are tokens joined by single spaces).
3. Logistic regression with L2, trained on TRAIN only (hits in boilerplate passages left out:
   the layer drops them before the model is asked). Features seen fewer than twice in train are
   dropped.
4. On DEV only: the L2 strength with the lowest log loss on dev candidates; then two thresholds
   on the model's probability, one for single-word ESCO alternative labels ("design" for *think
   creatively*, mostly the wrong concept even where the span is right) and one for the other
   single words; labels of two words or more are not gated (trained on, though).
   Chosen: the highest single-word threshold whose best companion threshold keeps span-overlap
   F1 (bench/skills-eval.py's scoring: boilerplate hits dropped, each skill's first kept hit
   reported) at or above the F1 of the matcher without the layer; ties to the higher F1. The
   test split is never read.

Rerun it whenever the matcher's candidates change (new labels, new deny rules), then rebuild.
"""

import argparse
import json
import math
import random
import subprocess
import sys
import tempfile
from collections import Counter
from importlib import import_module
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
evaluation = import_module("skills-eval")

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "data" / "skills" / "context-model.tsv"
EXAMPLE = ROOT / "target" / "release" / "examples" / "context-features"


def candidates(texts):
    """Per text, its candidates as dicts: chars (start, end), skill id, boilerplate, features."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as f:
        f.write("\n".join(texts) + "\n")
        f.flush()
        run = subprocess.run([str(EXAMPLE), f.name], capture_output=True, text=True, check=True)
    out = []
    for text, line in zip(texts, run.stdout.splitlines()):
        b = text.encode()
        rows = []
        for e in json.loads(line):
            hit = e["hit"]
            span = (len(b[:hit["start"]].decode()), len(b[:hit["end"]].decode()))
            rows.append({"span": span, "skill": hit["id"], "boilerplate": e["boilerplate"],
                         "features": e["features"]})
        out.append(rows)
    return out


def touches(span, gold):
    return any(span[0] < g[1] and g[0] < span[1] for g in gold)


def train(examples, counts, l2, epochs=40, seed=1):
    """Logistic regression by AdaGrad over (features, label) pairs; returns (bias, weights).
    The L2 penalty l2/2 * w^2 per feature is spread over the feature's occurrences."""
    weights, grad_sq = Counter(), Counter()
    bias, bias_sq = 0.0, 1e-8
    rate = 0.3
    order = list(range(len(examples)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            features, label = examples[i]
            z = bias + sum(weights[f] for f in features)
            error = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) - label
            bias_sq += error * error
            bias -= rate * error / math.sqrt(bias_sq)
            for f in features:
                g = error + l2 * weights[f] / counts[f]
                grad_sq[f] += g * g
                weights[f] -= rate * g / math.sqrt(grad_sq[f] + 1e-8)
    return bias, weights


def probability(bias, weights, features):
    z = bias + sum(weights.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


SINGLE = "shape=1-alt-esco"


def predict(sentences_candidates, bias, weights, threshold, single=None, layer=True):
    """What the matcher would report: boilerplate dropped, then the thresholds (`single` for
    single-word ESCO alternative labels), then each skill once. layer=False: the bare matcher."""
    out = []
    for rows in sentences_candidates:
        seen, spans = set(), set()
        for r in rows:
            need = single if single is not None and SINGLE in r["features"] else threshold
            if "n=1" not in r["features"]:
                need = 0.0  # labels of two words or more are kept (context.rs, Gate::Phrase)
            drop = r["boilerplate"] or probability(bias, weights, r["features"]) < need
            if layer and drop:
                continue
            if r["skill"] not in seen:
                seen.add(r["skill"])
                spans.add(r["span"])
        out.append(spans)
    return out


def overlap(gold, predicted):
    _, (p, r, f), _, n = evaluation.score(gold, predicted)
    return p, r, f, n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "milemarker-market",
                        "--example", "context-features"], cwd=ROOT, check=True)
    train_set, dev_set = evaluation.skillspan("train"), evaluation.skillspan("dev")
    train_rows = candidates([t for t, _ in train_set])
    dev_rows = candidates([t for t, _ in dev_set])
    dev_gold = [g for _, g in dev_set]

    examples = [(r["features"], 1.0 if touches(r["span"], gold) else 0.0)
                for (_, gold), rows in zip(train_set, train_rows) for r in rows if not r["boilerplate"]]
    counts = Counter(f for features, _ in examples for f in features)
    examples = [([f for f in fs if counts[f] >= 2], y) for fs, y in examples]
    positives = sum(y for _, y in examples)
    print(f"train: {len(examples)} candidates, {positives:.0f} touch a gold span", file=sys.stderr)

    p, r, floor, n = overlap(dev_gold, predict(dev_rows, 0.0, {}, 0.0, layer=False))
    print(f"dev, matcher alone: P {p:.3f} R {r:.3f} F1 {floor:.3f} ({n} predicted)", file=sys.stderr)
    dev_examples = [(r["features"], 1.0 if touches(r["span"], gold) else 0.0)
                    for gold, rows in zip(dev_gold, dev_rows) for r in rows if not r["boilerplate"]]
    fits = []
    for l2 in (0.3, 1.0, 3.0, 10.0):
        bias, weights = train(examples, counts, l2)
        loss = log_loss(bias, weights, dev_examples)
        print(f"l2 {l2}: dev log loss {loss:.4f}", file=sys.stderr)
        fits.append((loss, l2, bias, weights))
    _, l2, bias, weights = min(fits, key=lambda fit: fit[0])
    best = None
    for step in range(5, 55, 5):
        for single_step in range(step, 100, 5):
            threshold, single = step / 100, single_step / 100
            p, r, f, n = overlap(dev_gold, predict(dev_rows, bias, weights, threshold, single))
            if f >= floor and (best is None or (single, f, threshold) > best[:3]):
                best = (single, f, threshold, (p, r, n))
    single, f, threshold, (p, r, n) = best
    print(f"chosen on dev: l2 {l2}, threshold {threshold}, single-word alternatives {single}: "
          f"P {p:.3f} R {r:.3f} F1 {f:.3f} ({n} predicted)", file=sys.stderr)
    write(bias, weights, threshold, single, l2, len(examples))


def log_loss(bias, weights, examples):
    total = 0.0
    for features, label in examples:
        p = min(max(probability(bias, weights, features), 1e-9), 1 - 1e-9)
        total -= label * math.log(p) + (1 - label) * math.log(1 - p)
    return total / len(examples)


def write(bias, weights, threshold, single, l2, n):
    kept = sorted(((f, w) for f, w in weights.items() if abs(w) >= 1e-3), key=lambda fw: (-abs(fw[1]), fw[0]))
    with MODEL.open("w") as out:
        out.write("# The context layer's hit filter (crates/market/src/context.rs): logistic regression\n"
                  f"# trained by bench/train-context.py on SkillSpan train ({n} candidate hits, L2 {l2}),\n"
                  "# thresholds chosen on SkillSpan dev (see the script). Generated: do not edit.\n")
        out.write(f"bias\t{bias:.6g}\nthreshold\t{threshold:.6g}\n"
                  f"threshold_single_word_alternative\t{single:.6g}\n")
        for f, w in kept:
            out.write(f"{f}\t{w:.6g}\n")


if __name__ == "__main__":
    main()
