#!/usr/bin/env python3
"""Issue 12's latency: how long after the writer flushes a record `logs watch` shows it.

Starts `forgather logs watch --refresh R` on an open Forgather log in a detached tmux pane
(100 x 30), then, --trials times: waits a random part of a refresh (so that the writes land
anywhere in the poll cycle), appends one training record whose step is a marker no other
record has, flushes it, and polls `tmux capture-pane` every 5 ms until the table's row shows
that step. The delay is from the flush returning to the first capture that shows the marker;
a capture costs a few milliseconds (one tmux client), which the delays include. Expected: a
delay spread over 0 to R (the poll that finds the record) plus one redraw.

Examples:
  bench/watch-latency.py                                # 1,000 records, --refresh 1 and 0.2, 20 trials each
  bench/watch-latency.py --records 1000000 --refresh 1  # a 1M-record log (about 120 MB in --dir)
  bench/watch-latency.py --trials 50 --dir /tmp/fl

Prints one line per trial and a summary per refresh, with `uptime` before and after: the
machine is shared, and a busy machine lengthens every delay. Needs tmux and python3; builds
the jar through ./forgather when it is out of date. Writes only into --dir.
"""
import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def record(step, steps_per_epoch=1000):
    return json.dumps({"timestamp": time.time(), "global_step": step, "epoch": step / steps_per_epoch,
                       "loss": 1.5 + 1.0 / step, "learning_rate": 1e-4})


def write_open_log(path, records):
    """An open log as the trainer leaves it while training: '[\\n', records joined by ',\\n', no ']'."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("[\n")
        for i in range(1, records + 1):
            if i > 1:
                f.write(",\n")
            f.write(record(i))
    return records


def capture(session):
    return subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout


def shows(screen, step):
    """Whether the table's row (the line after the heading ' run ... step ...') shows `step`."""
    lines = screen.splitlines()
    for i, line in enumerate(lines[:-1]):
        if line.startswith("  run ") and " step " in line:
            return f" {step} " in lines[i + 1]
    return False


def wait_for(session, step, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if shows(capture(session), step):
            return True
        time.sleep(0.005)
    return False


def measure(args, refresh, log, last_step):
    session = f"fl-latency-{os.getpid()}"
    launcher = os.path.join(ROOT, "forgather")
    command = f"{launcher} -p {args.dir} logs watch --refresh {refresh} {os.path.dirname(log)}"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command], check=True)
    delays = []
    try:
        if not wait_for(session, last_step, 120):
            sys.exit(f"watch-latency: the first frame (step {last_step}) never showed; the pane shows:\n"
                     + capture(session))
        time.sleep(2 * refresh)
        step = last_step
        with open(log, "a") as f:
            for trial in range(1, args.trials + 1):
                time.sleep(refresh * random.random() + 0.05)
                # A marker: a step well past the others, different each trial.
                step += 1000 + trial
                f.write(",\n" + record(step))
                f.flush()
                flushed = time.monotonic()
                if not wait_for(session, step, 10 * refresh + 10):
                    print(f"refresh {refresh}: trial {trial}: step {step} not on screen after {10 * refresh + 10} s")
                    continue
                delay = time.monotonic() - flushed
                delays.append(delay)
                print(f"refresh {refresh}: trial {trial}: step {step} on screen after {delay * 1000:.0f} ms")
        return delays, step
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=1000, help="records in the log before the trials (default 1000)")
    parser.add_argument("--refresh", type=float, action="append", help="--refresh to measure (repeatable; default 1 and 0.2)")
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--dir", default="/tmp/forgather-watch-latency", help="project folder for the log (replaced)")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    for tool in ("tmux", "python3"):
        if shutil.which(tool) is None:
            sys.exit(f"watch-latency: {tool} is not installed (apt-get install -y {tool})")
    random.seed(args.seed)
    refreshes = args.refresh or [1.0, 0.2]
    log = os.path.join(args.dir, "output_models", "latency", "runs", "live", "trainer_logs.json")
    shutil.rmtree(args.dir, ignore_errors=True)
    print(f"writing an open log of {args.records} records: {log}")
    last = write_open_log(log, args.records)
    # Build the jar now, not inside the first trial.
    subprocess.run([os.path.join(ROOT, "forgather"), "--version"], check=True, capture_output=True)
    print("before:", uptime())
    results = []
    for refresh in refreshes:
        delays, last = measure(args, refresh, log, last)
        results.append((refresh, delays))
    print("after:", uptime())
    for refresh, delays in results:
        if not delays:
            print(f"refresh {refresh}: no record reached the screen")
            continue
        ms = sorted(d * 1000 for d in delays)
        within = sum(1 for d in delays if d <= refresh)
        p90 = ms[min(len(ms) - 1, int(round(0.9 * (len(ms) - 1))))]
        print(f"refresh {refresh} s, {args.records} records: {len(ms)} of {args.trials} trials on screen;"
              f" delay min {ms[0]:.0f} ms, median {statistics.median(ms):.0f} ms, p90 {p90:.0f} ms,"
              f" max {ms[-1]:.0f} ms; {within} within one refresh")


if __name__ == "__main__":
    main()
