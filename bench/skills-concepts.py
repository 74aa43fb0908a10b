#!/usr/bin/env python3
"""Scores the concepts `milemarker skills extract` returns, not the spans: every hit on a fixed set
of texts has been judged by hand (is the skill returned what the text means?), and every skill the
text names that milemarker did not return is written down with the concept it should have been.
See bench/concepts/README.md for the data and the judging rules.

Parts:
  dev       150 SkillSpan dev sentences (bench/concepts/skillspan-dev.jsonl): for tuning
  test      150 SkillSpan test sentences (bench/concepts/skillspan-test.jsonl): for reporting
  postings  12 whole job postings (bench/concepts/postings/*.txt), each matched as one text
  heldout   12 more whole postings (bench/concepts/heldout/*.txt) for occupations not in postings,
            written after the matcher was tuned and never tuned on: matched the same way

    bench/skills-concepts.sh                      # builds release, prints the tables
    python3 bench/skills-concepts.py --build      # the same
    python3 bench/skills-concepts.py --unjudged   # new hits as TSV rows to judge and append
    python3 bench/skills-concepts.py --strict     # exit 1 when any part has an unjudged hit

A hit is matched to its judgment by (item, matched text lower-cased, skill label lower-cased), so
judgments survive id changes; a hit with no judgment is "unjudged" and counts in neither right nor
wrong. Standard library only.
"""

import argparse
import json
import random
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONCEPTS = ROOT / "bench" / "concepts"
PARTS = ("dev", "test", "postings", "heldout")
POSTINGS = ("postings", "heldout")  # parts whose items are whole postings, one file each
SEED = 19
COLUMNS = ["kind", "item", "matched", "skill_id", "label", "verdict", "level", "reason"]


def items(part):
    """(item id, text) for a part, in order."""
    if part in POSTINGS:
        return [(p.name, p.read_text()) for p in sorted((CONCEPTS / part).glob("*.txt"))]
    with (CONCEPTS / f"skillspan-{part}.jsonl").open() as f:
        return [(str(d["item"]), d["text"]) for d in map(json.loads, f)]


def concepts_only(hits):
    """The hits that name a concept: the span tagger's phrases (id null) name none to judge."""
    return [h for h in hits if h.get("id") is not None]


def extract(part, texts, binary):
    """milemarker's concept hits per text. SkillSpan sentences go through one `--lines --json` run;
    a posting has lines of its own, so each is one run over the whole file (`--json FILE`)."""
    if part in POSTINGS:
        out = []
        for name, _ in texts:
            run = subprocess.run([binary, "skills", "extract", "--json", str(CONCEPTS / part / name)],
                                 capture_output=True, text=True, check=True)
            out.append(concepts_only(json.loads(run.stdout)))
        return out
    run = subprocess.run([binary, "skills", "extract", "--lines", "--json", "-"],
                         input="".join(t + "\n" for _, t in texts), capture_output=True, text=True, check=True)
    rows = [concepts_only(json.loads(l)) for l in run.stdout.splitlines()]
    if len(rows) != len(texts):
        sys.exit(f"{part}: {len(texts)} texts in, {len(rows)} lines out")
    return rows


def norm(label):
    """A concept name for comparison: lower-cased, without a bracket qualifier at the end
    ("Java (computer programming)" = "java")."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", label.strip().lower())


def judgments(part):
    path = CONCEPTS / f"judged-{part}.tsv"
    hits, missed = {}, defaultdict(list)
    with path.open() as f:
        header = f.readline().rstrip("\n").split("\t")
        if header[:len(COLUMNS)] != COLUMNS:
            sys.exit(f"{path}: header is not {COLUMNS}")
        for n, line in enumerate(f, 2):
            if not line.strip() or line.startswith("#"):
                continue
            r = dict(zip(COLUMNS, (line.rstrip("\n").split("\t") + [""] * len(COLUMNS))[:len(COLUMNS)]))
            if r["kind"] == "hit":
                if r["verdict"] not in ("right", "wrong"):
                    sys.exit(f"{path}:{n}: verdict must be right or wrong, not {r['verdict']!r}")
                key = (r["item"], r["matched"].lower(), r["label"].lower())
                if key in hits and hits[key]["verdict"] != r["verdict"]:
                    sys.exit(f"{path}:{n}: {key} judged twice, differently")
                hits[key] = r
            elif r["kind"] == "missed":
                alternatives = {norm(a) for a in r["label"].split("|") if a.strip()}
                missed[r["item"]].append((r["matched"].lower(), alternatives))
            else:
                sys.exit(f"{path}:{n}: kind must be hit or missed, not {r['kind']!r}")
    return hits, missed


def score(part, binary):
    texts = items(part)
    return tally(part, texts, extract(part, texts, binary))


def tally(part, texts, found):
    """Counts for one part: `found` holds each text's hits (dicts with matched, label, id).

    Concepts present in an item are fixed by the judgments, not by what this run returned: every
    text judged right in the item (by whichever matcher returned it) and every missed row that
    names a concept. So a change that drops a right hit loses recall, and one that finds a missed
    concept gains it."""
    judged, missed = judgments(part)
    right_texts_judged = defaultdict(set)
    for (item, matched, _), j in judged.items():
        if j["verdict"] == "right":
            right_texts_judged[item].add(matched)
    s = defaultdict(int)
    unjudged = []
    for (item, _), hits in zip(texts, found):
        right_labels, right_texts = set(), set()
        for h in hits:
            j = judged.get((item, h["matched"].lower(), h["label"].lower()))
            words = "multi" if len(h["matched"].split()) > 1 else "single"
            s["hits"] += 1
            if j is None:
                s["unjudged"] += 1
                unjudged.append((item, h))
                continue
            s[j["verdict"]] += 1
            s[f"{words}_{j['verdict']}"] += 1
            if j["verdict"] == "right":
                s["class"] += j["level"] == "class"
                right_labels.add(norm(h["label"]))
                right_texts.add(h["matched"].lower())
        for named in right_texts_judged[item]:
            s["present"] += 1
            s["found"] += named in right_texts
        for named, alternatives in missed.get(item, []):
            if not alternatives:
                s["missed_no_concept"] += 1
            elif named not in right_texts_judged[item]:
                s["present"] += 1
                s["found"] += bool(alternatives & right_labels or named in right_texts)
    s["missed"] = s["present"] - s["found"]
    return s, unjudged


def ratio(a, b):
    return f"{a / b:.3f}" if b else "-"


def table(results):
    print("| part | items | hits | right | (class-level) | wrong | unjudged | concept precision | "
          "concepts present | missed | concept recall | single-word P (judged) | multi-word P (judged) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for part, (n, s) in results.items():
        single = s["single_right"] + s["single_wrong"]
        multi = s["multi_right"] + s["multi_wrong"]
        print(f"| {part} | {n} | {s['hits']} | {s['right']} | {s['class']} | {s['wrong']} | {s['unjudged']} | "
              f"{ratio(s['right'], s['right'] + s['wrong'])} | {s['present']} | {s['missed']} | "
              f"{ratio(s['found'], s['present'])} | {ratio(s['single_right'], single)} ({single}) | "
              f"{ratio(s['multi_right'], multi)} ({multi}) |")


def resample(skillspan):
    """Draws the SkillSpan sample again (seed 19: 150 sentences per split among those with a gold
    span or a milemarker hit) and says whether it is the stored one. The eligibility test used the
    matcher of the day the sample was drawn, so a changed matcher draws a different sample; this
    only documents how it was made."""
    sys.path.insert(0, str(ROOT / "bench"))
    from importlib import import_module
    spans_from_bio = import_module("skills-eval").spans_from_bio
    for split in ("dev", "test"):
        sentences = []
        with (Path(skillspan) / f"{split}.json").open() as f:
            for line in f:
                d = json.loads(line)
                sentences.append(spans_from_bio(d["tokens"], [d["tags_skill"], d["tags_knowledge"]]))
        texts = [(str(i), t) for i, (t, _) in enumerate(sentences)]
        hits = extract(split, texts, str(ROOT / "target" / "release" / "milemarker"))
        eligible = [i for i, (_, gold) in enumerate(sentences) if gold or hits[i]]
        pick = sorted(random.Random(SEED).sample(eligible, 150))
        stored = [int(i) for i, _ in items(split)]
        print(f"{split}: {len(sentences)} sentences, {len(eligible)} eligible, drew 150 with seed {SEED}: "
              f"{'same as' if pick == stored else 'DIFFERENT from'} bench/concepts/skillspan-{split}.jsonl")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", action="store_true", help="cargo build --release --locked -p milemarker first")
    ap.add_argument("--binary", default=str(ROOT / "target" / "release" / "milemarker"))
    ap.add_argument("--part", action="append", choices=PARTS, help="only these parts (default: all)")
    ap.add_argument("--unjudged", action="store_true", help="print unjudged hits as TSV rows to fill in")
    ap.add_argument("--strict", action="store_true", help="exit 1 when any part has unjudged hits")
    ap.add_argument("--resample", metavar="SKILLSPAN_JSON_DIR",
                    help="redraw the SkillSpan sample from this directory and compare with the stored one")
    args = ap.parse_args()
    if args.build:
        subprocess.run(["cargo", "build", "--release", "--locked", "-p", "milemarker"], cwd=ROOT, check=True)
    if not Path(args.binary).exists():
        sys.exit(f"{args.binary} does not exist: build it (--build) or pass --binary")
    if args.resample:
        resample(args.resample)
        return
    results, pending = {}, []
    for part in args.part or PARTS:
        s, unjudged = score(part, args.binary)
        results[part] = (len(items(part)), s)
        pending += [(part, item, h) for item, h in unjudged]
    if args.unjudged:
        print("# append each row to bench/concepts/judged-PART.tsv with verdict right|wrong, level "
              "product|exact|class (right only) and a reason (wrong only)")
        last = None
        for part, item, h in pending:
            if part != last:
                print(f"# bench/concepts/judged-{part}.tsv")
                last = part
            print("\t".join(["hit", item, h["matched"], h["id"], h["label"], "", "", ""]))
    else:
        table(results)
    if args.strict and pending:
        sys.exit(f"{len(pending)} unjudged hits: run with --unjudged and judge them")


if __name__ == "__main__":
    main()
