"""Slowloris against `milemarker serve`: CONNECTIONS connections each send a request's first line
and then one more header line every few seconds, never finishing the headers (reconnecting when the
server closes them, as an attacker would), while a normal request to `/` is timed once a second.
Prints the normal requests' latencies and how many slow connections the server closed. Loopback
only. Run through bench/slowloris.sh."""

import os
import resource
import selectors
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINARY = Path(os.environ.get("MILEMARKER_BIN", ROOT / "target" / "release" / "milemarker"))
CONNECTIONS = int(os.environ.get("CONNECTIONS", "3000"))
SECONDS = int(os.environ.get("SECONDS", "30"))
DRIP = 5.0  # seconds between a slow connection's header lines
# The server's open-file limit: 1024 is the usual default soft limit on Linux, what a person who
# runs `milemarker serve` from a terminal has.
SERVER_NOFILE = int(os.environ.get("SERVER_NOFILE", "1024"))


def limit_files():
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(SERVER_NOFILE, hard), hard))


def serve(home):
    env = {**os.environ, "HOME": home, "XDG_DATA_HOME": home, "XDG_CONFIG_HOME": home}
    server = subprocess.Popen(
        [str(BINARY), "serve", "--demo", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
        preexec_fn=limit_files,
    )
    base = server.stdout.readline().strip()
    return server, base


class Slow:
    def __init__(self, host, port):
        self.host, self.port = host, port
        self.selector = selectors.DefaultSelector()
        self.socks = {}
        self.opened = self.closed = self.refused = 0

    def open(self):
        s = socket.socket()
        s.setblocking(False)
        try:
            s.connect((self.host, self.port))
        except BlockingIOError:
            pass
        except OSError:
            self.refused += 1
            s.close()
            return
        self.opened += 1
        self.socks[s] = (0, time.monotonic() - DRIP)  # (lines sent, last sent)
        self.selector.register(s, selectors.EVENT_READ)

    def drop(self, s):
        self.selector.unregister(s)
        del self.socks[s]
        s.close()

    def tick(self, want):
        # Whatever the server sends or closes: a slow connection it closed is replaced.
        for key, _ in self.selector.select(timeout=0):
            s = key.fileobj
            try:
                if s.recv(4096):
                    continue
            except OSError:
                pass
            self.closed += 1
            self.drop(s)
        now = time.monotonic()
        for s, (sent, last) in list(self.socks.items()):
            if now - last < DRIP:
                continue
            line = (
                f"GET / HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n" if sent == 0
                else f"X-Slow-{sent}: {'a' * 8}\r\n"
            )
            try:
                s.send(line.encode())
                self.socks[s] = (sent + 1, now)
            except (BlockingIOError, InterruptedError):
                pass
            except OSError:
                self.closed += 1
                self.drop(s)
        while len(self.socks) < want:
            before = len(self.socks)
            self.open()
            if len(self.socks) == before:
                break


def timed_get(url):
    start = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            r.read()
            status = r.status
    except Exception as e:  # noqa: BLE001 - any failure is a result here
        status = type(e).__name__
    return time.monotonic() - start, status


def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, CONNECTIONS + 256)), hard))
    with tempfile.TemporaryDirectory() as home:
        server, base = serve(home)
        try:
            host, port = base.removeprefix("http://").rstrip("/").rsplit(":", 1)
            print(f"{BINARY} at {base} (open-file limit {SERVER_NOFILE}); {CONNECTIONS} slow "
                  f"connections, {SECONDS} s")
            print(f"before the attack: {timed_get(base)[0] * 1000:.1f} ms")
            slow = Slow(host, int(port))
            while len(slow.socks) < CONNECTIONS and slow.refused < CONNECTIONS:
                slow.tick(CONNECTIONS)
            latencies, failures = [], []
            end = time.monotonic() + SECONDS
            next_get = time.monotonic() + 1
            while time.monotonic() < end:
                slow.tick(CONNECTIONS)
                if time.monotonic() >= next_get:
                    # The slow connections are not served while this waits: it measures the
                    # worst case, every slow connection still held.
                    took, status = timed_get(base)
                    (latencies if status == 200 else failures).append((took, status))
                    next_get = time.monotonic() + 1
                time.sleep(0.05)
            ms = sorted(t * 1000 for t, _ in latencies)
            print(f"normal requests answered: {len(ms)}, failed: {len(failures)} {failures[:3]}")
            if ms:
                print(f"latency ms: median {statistics.median(ms):.1f}, max {ms[-1]:.1f}")
            print(f"slow connections opened {slow.opened}, closed by the server {slow.closed}, "
                  f"held at the end {len(slow.socks)}")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
