"""SMAA-2 reference in vectorised numpy: the same computation as milemarker's engine.

Weights uniform on the simplex (gaps between sorted uniform cuts), additive values, competition
ranks (rank = number of options strictly better), rank acceptability, central weights and
confidence factors. Reads a milemarker decision document so both sides solve the same problem.

    python smaa_reference.py DOC.json        # prints the result as JSON
"""

import json
import sys
import time

import numpy as np


def smaa(values, samples, seed):
    rng = np.random.default_rng(seed)
    m, n = values.shape
    cuts = np.sort(rng.random((samples, n - 1)), axis=1)
    edges = np.concatenate([np.zeros((samples, 1)), cuts, np.ones((samples, 1))], axis=1)
    weights = np.diff(edges, axis=1)
    scores = weights @ values.T  # samples x options
    ranks = (scores[:, None, :] > scores[:, :, None]).sum(axis=2)  # samples x options
    acceptability = np.stack([np.bincount(ranks[:, i], minlength=m) for i in range(m)]) / samples
    first = ranks == 0
    counts = first.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        central = (first.T.astype(float) @ weights) / counts[:, None]
    confidence = []
    for i in range(m):
        if counts[i] == 0:
            confidence.append(None)
        else:
            s = values @ central[i]
            confidence.append(1.0 if s[i] >= s.max() else 0.0)
    return acceptability, central, counts, confidence


def main():
    doc = json.load(open(sys.argv[1]))
    criteria = [c["id"] for c in doc["criteria"]]
    options = [o["id"] for o in doc["options"]]
    values = np.array([[o["scores"][c] for c in criteria] for o in doc["options"]])
    settings = doc.get("smaa", {})
    start = time.perf_counter()
    acceptability, central, counts, confidence = smaa(
        values, settings.get("samples", 100_000), settings.get("seed", 1)
    )
    compute = time.perf_counter() - start
    json.dump(
        {
            "compute_seconds": compute,
            "rank_acceptability": {o: acceptability[i].tolist() for i, o in enumerate(options)},
            "central_weights": {
                o: (dict(zip(criteria, central[i].tolist())) if counts[i] else None)
                for i, o in enumerate(options)
            },
            "confidence": dict(zip(options, confidence)),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
