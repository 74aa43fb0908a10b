"""SMAA-2, 10 options x 10 criteria, 1,000,000 samples: milemarker against a vectorised numpy
reference, whole process each, side by side in one run. Run through bench/smaa.sh."""

import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / "target" / "release" / "milemarker"
RUNS = 7


def document(path):
    rng = random.Random(2026)
    criteria = [f"c{j}" for j in range(10)]
    doc = {
        "method": "smaa",
        "criteria": [{"id": c} for c in criteria],
        "options": [
            {"id": f"o{i}", "scores": {c: round(rng.random(), 4) for c in criteria}}
            for i in range(10)
        ],
        "smaa": {"samples": 1_000_000, "seed": 1},
    }
    path.write_text(json.dumps(doc))


def timed(command):
    times, output = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        times.append(time.perf_counter() - start)
    return times, json.loads(output)


def main():
    doc = ROOT / "target" / "bench-smaa-10x10.json"
    document(doc)
    ours, ours_out = timed([str(BINARY), "decide", str(doc), "--json"])
    ref, ref_out = timed([sys.executable, str(ROOT / "bench" / "smaa_reference.py"), str(doc)])
    # Same problem, different random streams: acceptabilities agree to sampling error.
    worst = max(
        abs(a - b)
        for o, row in ours_out["smaa"]["rank_acceptability"].items()
        for a, b in zip(row, ref_out["rank_acceptability"][o])
    )
    assert worst < 0.005, f"results disagree by {worst}"
    med = statistics.median
    print(f"SMAA-2, 10 options x 10 criteria, 1,000,000 samples; median of {RUNS} runs, whole process")
    print()
    print("| implementation | median (s) | best (s) |")
    print("| --- | ---: | ---: |")
    print(f"| milemarker decide (Rust, rayon) | {med(ours):.3f} | {min(ours):.3f} |")
    print(f"| numpy reference (vectorised) | {med(ref):.3f} | {min(ref):.3f} |")
    print(f"| numpy reference, computation only | {ref_out['compute_seconds']:.3f} | |")
    print()
    print(f"speed-up, whole process: {med(ref) / med(ours):.1f}x; "
          f"against numpy's computation alone: {ref_out['compute_seconds'] / med(ours):.1f}x")
    print(f"largest difference in rank acceptability: {worst:.4f}")


if __name__ == "__main__":
    main()
