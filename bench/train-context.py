#!/usr/bin/env python3
"""Trains the context layer's hit filter (crates/market/src/context.rs) and writes
data/skills/context-model.tsv. Standard library only.

    python3 bench/train-context.py            # builds the feature example, trains, tunes, writes

1. Features: every candidate hit of the matcher (repeats included) in SkillSpan train and dev,
   with its features, from `cargo run --release -p milemarker-market --example context-features`:
   the same Rust code that scores hits at run time (the hit's shape, its neighbours, the other
   words of its passage).
2. Labels: the concept judgments of bench/concepts/judged-train.tsv (is the skill returned what
   the text means, and does the job ask for it?), one per train candidate; a candidate without
   one is positive when it shares a character with a gold skill or knowledge span.
3. Logistic regression with L2, trained on TRAIN only (hits in boilerplate passages left out:
   the layer drops them before the model is asked); features seen fewer than twice dropped; L2
   chosen by 5-fold cross-validated log loss on train.
4. On DEV only: three thresholds on the model's probability, for single words, single-word ESCO
   alternative labels ("design" for *think creatively*) and labels of two words or more. Chosen
   on the judged dev candidates (bench/concepts/judged-dev.tsv and judged-dev-extra.tsv): the
   thresholds that keep the most right concepts while concept precision reaches PRECISION at the
   lower end of its 80% interval (a margin for the dev sample's own uncertainty). The
   test split is never read.

Rerun it whenever the matcher's candidates change (new labels, new deny rules), then judge the
new candidates (bench/skills-concepts.py --unjudged) and rebuild.
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
concepts = import_module("skills-concepts")

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
                         "features": e["features"], "hit": hit})
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

# The concept precision the thresholds must reach on dev: issue 19's target for the test set.
# Among the thresholds that reach it, the one that keeps the most right concepts is chosen.
PRECISION = 0.85
# One-sided 90%: the thresholds must reach PRECISION at the lower end of an 80% interval.
CONFIDENCE_Z = 1.2816


def gate(features, thresholds):
    """The threshold a candidate answers to (context.rs, `Gate`): phrases, single-word ESCO
    alternative labels, or other single words."""
    threshold, single, phrase = thresholds
    if "n=1" not in features:
        return phrase
    return single if SINGLE in features else threshold


def predict(sentences_candidates, bias, weights, thresholds, layer=True):
    """What the matcher would report, per sentence: boilerplate dropped, then the thresholds,
    then each skill once (its first kept hit). layer=False: the bare matcher."""
    out = []
    for rows in sentences_candidates:
        seen, kept = set(), []
        for r in rows:
            drop = r["boilerplate"] or probability(bias, weights, r["features"]) < gate(r["features"], thresholds)
            if layer and drop:
                continue
            if r["skill"] not in seen:
                seen.add(r["skill"])
                kept.append(r)
        out.append(kept)
    return out


def overlap(gold, predicted):
    _, (p, r, f), _, n = evaluation.score(gold, [{r["span"] for r in rows} for rows in predicted])
    return p, r, f, n


def verdicts(*paths):
    """Concept judgments (bench/concepts/judged-*.tsv): per (sentence, matched text, label)
    lower-cased, the verdicts in the order the hits occur (a sentence may name a skill twice,
    once in the job and once about the company), 1.0 right, 0.0 wrong."""
    labels = {}
    for path in paths:
        with path.open() as f:
            columns = f.readline().rstrip("\n").split("\t")
            for line in f:
                r = dict(zip(columns, line.rstrip("\n").split("\t")))
                if r.get("kind") != "hit":
                    continue
                key = (r["item"], r["matched"].lower(), r["label"].lower())
                labels.setdefault(key, []).append(1.0 if r["verdict"] == "right" else 0.0)
    return labels


def judged_candidates(rows, labels, i, seen):
    """Candidate `rows` of sentence `i` with their verdict (None when unjudged); `seen` counts the
    occurrences of each key in the sentence so far."""
    out = []
    for r in rows:
        key = (str(i), r["hit"]["matched"].lower(), r["hit"]["label"].lower())
        found = labels.get(key, [])
        k = min(seen[key], len(found) - 1)
        seen[key] += 1
        out.append((r, found[k] if found else None))
    return out


def labelled(train_set, train_rows, judged):
    """(features, label) for every train candidate outside boilerplate: its concept judgment when
    it has one, else whether it touches a gold span."""
    examples = []
    for i, ((_, gold), rows) in enumerate(zip(train_set, train_rows)):
        kept = [r for r in rows if not r["boilerplate"]]
        for r, verdict in judged_candidates(kept, judged, i, Counter()):
            examples.append((r["features"], verdict if verdict is not None else
                             1.0 if touches(r["span"], gold) else 0.0))
    return examples


def concept_score(dev_rows, kept, labels):
    """Concept precision and recall over the judged dev candidates (the 150-sentence
    sample of bench/concepts/judged-dev.tsv and the rest of judged-dev-extra.tsv). Recall here is
    the share of the (sentence, skill) pairs with a right candidate that are reported right: the
    missed rows do not change with the thresholds, so they are left out."""
    right = wrong = unjudged = 0
    present = set()
    for i, rows in enumerate(dev_rows):
        candidates = [r for r in rows if not r["boilerplate"]]
        reported = {id(r) for r in kept[i]}
        for r, verdict in judged_candidates(candidates, labels, i, Counter()):
            if verdict == 1.0:
                present.add((i, r["skill"]))
            if id(r) not in reported:
                continue
            if verdict is None:
                unjudged += 1
            elif verdict == 1.0:
                right += 1
            else:
                wrong += 1
    return right / max(right + wrong, 1), right / max(len(present), 1), unjudged, right + wrong


def lower_bound(p, n, z=CONFIDENCE_Z):
    """The Wilson score interval's lower end for a proportion p of n."""
    if n == 0:
        return 0.0
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - spread) / (1 + z * z / n)


def choose(dev_rows, labels, bias, weights):
    """The thresholds that keep the most right concepts on the judged dev candidates while their
    concept precision reaches PRECISION with confidence (the lower end of its interval, not the
    point, must reach it); ties to the higher precision, then the lower thresholds.

    Why the lower end: the thresholds that keep the most while precision reaches PRECISION on dev
    sit just above it by construction, and on other text fall back below it (the winner's curse:
    0.854 on dev gave 0.840 on the test sample). The margin is the dev sample's own uncertainty."""
    best = None
    grid = [step / 100 for step in range(0, 95, 5)]
    for threshold in grid:
        for single in [t for t in grid if t >= threshold]:
            for phrase in [t for t in grid if t <= threshold]:
                kept = predict(dev_rows, bias, weights, (threshold, single, phrase))
                p, r, unjudged, judged = concept_score(dev_rows, kept, labels)
                sure = lower_bound(p, judged) >= PRECISION
                key = (sure, r if sure else p, p, -threshold, -single, -phrase)
                if best is None or key > best[0]:
                    best = (key, (threshold, single, phrase), (p, r, unjudged), kept)
    return best[1:]


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
    judged = verdicts(concepts.CONCEPTS / "judged-train.tsv")
    dev_judged = verdicts(concepts.CONCEPTS / "judged-dev.tsv", concepts.CONCEPTS / "judged-dev-extra.tsv")

    examples = labelled(train_set, train_rows, judged)
    counts = Counter(f for features, _ in examples for f in features)
    examples = [([f for f in fs if counts[f] >= 2], y) for fs, y in examples]
    positives = sum(y for _, y in examples)
    print(f"train: {len(examples)} candidates, {positives:.0f} positive; "
          f"{sum(map(len, judged.values()))} concept judgments, the rest labelled by span overlap", file=sys.stderr)

    p, r, floor, n = overlap(dev_gold, predict(dev_rows, 0.0, {}, (0.0, 0.0, 0.0), layer=False))
    print(f"dev, matcher alone: P {p:.3f} R {r:.3f} F1 {floor:.3f} ({n} predicted)", file=sys.stderr)
    fits = []
    for l2 in (0.3, 1.0, 3.0, 10.0):
        loss = cross_validated(examples, l2)
        print(f"l2 {l2}: train 5-fold log loss {loss:.4f}", file=sys.stderr)
        fits.append((loss, l2))
    _, l2 = min(fits)
    bias, weights = train(examples, counts, l2)
    thresholds, (cp, cr, unjudged), kept = choose(dev_rows, dev_judged, bias, weights)
    p, r, f, n = overlap(dev_gold, kept)
    threshold, single, phrase = thresholds
    print(f"chosen on dev: l2 {l2}, thresholds: single words {threshold}, single-word alternatives "
          f"{single}, phrases {phrase}; judged candidates: concept P {cp:.3f}, right kept {cr:.3f} "
          f"({unjudged} unjudged); spans P {p:.3f} R {r:.3f} F1 {f:.3f} ({n} predicted)", file=sys.stderr)
    write(bias, weights, thresholds, l2, len(examples), sum(map(len, judged.values())))


def cross_validated(examples, l2, folds=5):
    """Mean log loss of the model over `folds` folds of the train candidates (each held out in
    turn): L2 is chosen on train, where the concept labels are, not on the small dev sample."""
    order = list(range(len(examples)))
    random.Random(19).shuffle(order)
    total = 0.0
    for fold in range(folds):
        held = set(order[fold::folds])
        fit = [examples[i] for i in order if i not in held]
        counts = Counter(f for features, _ in fit for f in features)
        bias, weights = train(fit, counts, l2)
        out = [examples[i] for i in held]
        total += log_loss(bias, weights, out) * len(out)
    return total / len(examples)


def log_loss(bias, weights, examples):
    total = 0.0
    for features, label in examples:
        p = min(max(probability(bias, weights, features), 1e-9), 1 - 1e-9)
        total -= label * math.log(p) + (1 - label) * math.log(1 - p)
    return total / len(examples)


def write(bias, weights, thresholds, l2, n, judged):
    threshold, single, phrase = thresholds
    kept = sorted(((f, w) for f, w in weights.items() if abs(w) >= 1e-3), key=lambda fw: (-abs(fw[1]), fw[0]))
    with MODEL.open("w") as out:
        out.write("# The context layer's hit filter (crates/market/src/context.rs): logistic regression\n"
                  f"# trained by bench/train-context.py on SkillSpan train ({n} candidate hits, {judged} of\n"
                  f"# them labelled by concept judgments, the rest by span overlap; L2 {l2}), thresholds\n"
                  "# chosen on SkillSpan dev (see the script). Generated: do not edit.\n")
        out.write(f"bias\t{bias:.6g}\nthreshold\t{threshold:.6g}\n"
                  f"threshold_single_word_alternative\t{single:.6g}\nthreshold_phrase\t{phrase:.6g}\n")
        for f, w in kept:
            out.write(f"{f}\t{w:.6g}\n")


if __name__ == "__main__":
    main()
