"""The Sentinel benchmark's client load under redis-py (bench/sentinel.sh --client redis-py): the
same writers and the same JSON report as examples/sentinel_load.rs, through redis-py's Sentinel
support (`Sentinel.master_for`: it asks the sentinels for the master, and after a connection error
or a READONLY reply it asks them again), as Python services use it.

Usage: sentinel_load.py --sentinels HOST:PORT[,...] [--name mymaster] [--workers N] [--prefix P]
"""

import argparse
import json
import signal
import threading
import time

from redis.sentinel import Sentinel


def write_until(stop, sentinels, name, prefix, started, tally):
    master = Sentinel(sentinels, socket_timeout=5).master_for(name, socket_timeout=5)
    last_ack = time.monotonic()
    i = 0
    while not stop.is_set():
        key = f"{prefix}:{i}"
        i += 1
        try:
            master.set(key, key)
        except Exception:  # any failure: the write may or may not have applied
            tally["failures"].append(time.monotonic() - started)
            continue
        now = time.monotonic()
        tally["longest_gap"] = max(tally["longest_gap"], now - last_ack)
        last_ack = now
        tally["acked"].append(key)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentinels", required=True)
    parser.add_argument("--name", default="mymaster")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--prefix", default="bench")
    args = parser.parse_args()
    sentinels = [(h, int(p)) for h, p in (s.rsplit(":", 1) for s in args.sentinels.split(","))]
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    started = time.monotonic()
    tallies = [{"acked": [], "failures": [], "longest_gap": 0.0} for _ in range(args.workers)]
    threads = [
        threading.Thread(target=write_until, args=(stop, sentinels, args.name, f"{args.prefix}:{w}", started, t))
        for w, t in enumerate(tallies)
    ]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        for t in threads:
            t.join(0.2)
    elapsed = time.monotonic() - started
    acked = [k for t in tallies for k in t["acked"]]
    failures = sorted(f for t in tallies for f in t["failures"])
    master = Sentinel(sentinels, socket_timeout=5).master_for(args.name, socket_timeout=5)
    lost = 0
    for n in range(0, len(acked), 1000):
        chunk = acked[n : n + 1000]
        values = master.mget(chunk)
        lost += sum(1 for k, v in zip(chunk, values) if v is None or v.decode() != k)
    r3 = lambda s: None if s is None else round(s, 3)
    print(json.dumps({
        "acked": len(acked),
        "failed": len(failures),
        "lost": lost,
        "first_failure_s": r3(failures[0] if failures else None),
        "last_failure_s": r3(failures[-1] if failures else None),
        "failure_window_s": r3(failures[-1] - failures[0]) if failures else None,
        "longest_gap_s": r3(max(t["longest_gap"] for t in tallies)),
        "elapsed_s": elapsed,
    }))


if __name__ == "__main__":
    main()
