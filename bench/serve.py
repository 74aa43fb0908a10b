"""The web dashboard under load: `milemarker serve` on the ten-year profile of bench/review.py, oha
sending 200 requests a second to `/` on loopback for 30 s, twice: reading only, and reading while a
check-in is saved once a second through the page (each save renders the dashboard again). Also a
save's own latency, and the cold render: the first view after a change made with the CLI. Run
through bench/serve.sh."""

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from review import BINARY, TODAY, milemarker, scale  # noqa: E402

OHA = os.environ.get("OHA", "oha")
RATE, SECONDS = 200, 30


def profile(work, env):
    db = work / "big.db"
    milemarker(env, "demo", "--db", str(work / "demo.db"))
    doc = scale(json.loads(milemarker(env, "export", "-", "--db", str(work / "demo.db"))))
    (work / "big.json").write_text(json.dumps(doc))
    milemarker(env, "import", str(work / "big.json"), "--db", str(db))
    return db, doc


def checkin_forms(base):
    """The check-in form as a browser would send it, for `hours`: the page's token read once."""
    page = urllib.request.urlopen(base + "checkin").read().decode()
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
    return lambda hours: urllib.parse.urlencode(
        {"csrf": token, "week": "2026-W43", "hours": hours, "energy": 3, "satisfaction": 3}
    ).encode()


def post_checkins(base, stop, saved):
    """Saves a check-in for last week once a second, as a person using the form would."""
    checkin_form = checkin_forms(base)
    hours = 40
    while not stop.is_set():
        hours = 40 + (hours + 1) % 20
        form = checkin_form(hours)
        urllib.request.urlopen(urllib.request.Request(base + "checkin", data=form))
        saved.append(1)
        stop.wait(1.0)


def load(base, label):
    out = subprocess.run(
        [OHA, "-z", f"{SECONDS}s", "-q", str(RATE), "--latency-correction", "--no-tui",
         "--output-format", "json", base],
        check=True, capture_output=True, text=True,
    ).stdout
    r = json.loads(out)
    pct = r["latencyPercentiles"]
    codes = r.get("statusCodeDistribution", {})
    return {
        "label": label,
        "requests": sum(int(v) for v in codes.values()),
        "ok": int(codes.get("200", 0)),
        "rps": r["summary"]["requestsPerSec"],
        "p50": pct["p50"] * 1000,
        "p99": pct["p99"] * 1000,
        "max": r["summary"]["slowest"] * 1000,
    }


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Stops at the 303 a saved form answers with, so a save and the view after it time apart."""

    def redirect_request(self, *args, **kwargs):
        return None


def cold_renders(base, runs=15):
    """A save, then the first view after it (which renders the review again): their latencies
    from the client, apart."""
    checkin_form = checkin_forms(base)
    opener = urllib.request.build_opener(NoRedirect)
    saves, views = [], []
    for i in range(runs):
        form = checkin_form(41 + i)
        start = time.perf_counter()
        try:
            opener.open(urllib.request.Request(base + "checkin", data=form)).read()
        except urllib.error.HTTPError as redirect:
            if redirect.code != 303:
                raise
        saves.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        urllib.request.urlopen(base).read()
        views.append((time.perf_counter() - start) * 1000)
    return saves, views


def renders_after_cli(base, env, db, runs=15):
    """A change made in the terminal (`milemarker checkin`), then the next view, which renders
    the dashboard on the request: the cost of a render as a person refreshing would see it."""
    times = []
    for i in range(runs):
        milemarker(env, "checkin", "--db", str(db), "--week", "2026-W43", "--hours", str(41 + i),
                   "--energy", "3", "--satisfaction", "3", "--no-input")
        start = time.perf_counter()
        urllib.request.urlopen(base).read()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main():
    work = Path(tempfile.mkdtemp(prefix="milemarker-serve-bench-"))
    env = dict(os.environ, MILEMARKER_TODAY=str(TODAY), MILEMARKER_CONFIG=str(work / "none.toml"), NO_COLOR="1",
               HOME=str(work), XDG_CONFIG_HOME=str(work / "config"))
    db, doc = profile(work, env)
    server = subprocess.Popen([str(BINARY), "serve", "--db", str(db), "--port", "0"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        base = server.stdout.readline().strip()
        size = len(urllib.request.urlopen(base).read())
        saves, after_save = cold_renders(base)
        cold = renders_after_cli(base, env, db)
        reading = load(base, "dashboard only")
        stop, saved = threading.Event(), []
        writer = threading.Thread(target=post_checkins, args=(base, stop, saved))
        writer.start()
        mixed = load(base, "dashboard, with a check-in saved every second")
        stop.set()
        writer.join()
    finally:
        server.terminate()
        server.wait()
    print(f"Profile: {len(doc['checkins'])} weekly check-ins, {len(doc['achievements'])} wins, "
          f"{len(doc['contacts'])} contacts, {len(doc['opportunities'])} opportunities; dashboard {size:,} bytes")
    print(f"oha -z {SECONDS}s -q {RATE} --latency-correction, loopback, one 2-core machine (server and load together)")
    print()
    print("| load | requests | 200 OK | req/s | p50 (ms) | p99 (ms) | slowest (ms) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in (reading, mixed):
        print(f"| {r['label']} | {r['requests']} | {r['ok']} | {r['rps']:.1f} | {r['p50']:.2f} | {r['p99']:.2f} | {r['max']:.1f} |")
    print()
    print(f"Check-ins saved during the mixed run: {len(saved)}")
    print(f"Saving a check-in (POST, answered with a redirect), {len(saves)} runs: median "
          f"{statistics.median(saves):.1f} ms, best {min(saves):.1f} ms, worst {max(saves):.1f} ms")
    print(f"First view after a save through the page (rendered while the redirect travelled), "
          f"{len(after_save)} runs: median {statistics.median(after_save):.1f} ms, worst {max(after_save):.1f} ms")
    print(f"Cold render (first view after a change made with the CLI), {len(cold)} runs: median {statistics.median(cold):.1f} ms, "
          f"best {min(cold):.1f} ms, worst {max(cold):.1f} ms")


if __name__ == "__main__":
    main()
