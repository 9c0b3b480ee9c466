#!/usr/bin/env python3
"""Simulate a training run that writes trainer_logs.json as the Forgather trainer does.

The file starts with "[" and a newline; each record is one json.dumps line, records are
separated by ",\n", every record is flushed as it is written, each evaluation is written twice
(as the trainer does), and the closing "\n]" comes only when training ends. With --resume-at,
the run "crashes" at that step, waits, and resumes from the last checkpoint before it: it
truncates the log, rewrites the records up to the checkpoint, and trains on from there, which
is what the trainer does when it resumes into the same file.

Examples:
  demo/simulate-training.py /tmp/sim                          # /tmp/sim/output_models/sim_model/runs/live/trainer_logs.json
  demo/simulate-training.py /tmp/sim --interval 0.2 --steps 2000 --resume-at 1200
  forgather -p /tmp/sim logs watch                            # in another terminal
"""
import argparse
import json
import math
import os
import random
import sys
import time


def records(args, start_step, rng):
    """Yield (step, [records]) from start_step on: a training record every --log-every steps,
    an evaluation (twice) every --eval-every steps."""
    step = start_step
    while step < args.steps:
        step += args.log_every
        progress = step / args.steps
        warm = min(1.0, step / max(1, args.warmup))
        lr = args.peak_lr * warm * (0.5 * (1 + math.cos(math.pi * progress)))
        loss = 1.3 + 3.7 * math.exp(-6 * progress) + rng.gauss(0, 0.03)
        if args.spike_at and abs(step - args.spike_at) < args.log_every:
            loss *= 3
        now = time.time()
        out = [{"timestamp": now, "global_step": step, "epoch": step / args.steps_per_epoch,
                "loss": loss, "grad_norm": 0.4 + abs(rng.gauss(0, 0.1)), "learning_rate": lr}]
        if step % args.eval_every == 0:
            ev = {"timestamp": now + 0.5, "global_step": step, "epoch": step / args.steps_per_epoch,
                  "eval_loss": loss - 0.05, "eval_runtime": 0.5}
            out.append(ev)
            out.append(dict(ev, timestamp=now + 0.501))
        yield step, out


class Log:
    """The trainer's writer: '[\\n', records joined by ',\\n', '\\n]' at the end."""

    def __init__(self, path):
        self.path = path
        self.written = []
        self.f = None

    def start(self, kept=()):
        # "w" truncates: a resume rewrites the file in place, so the reader sees it shrink.
        self.f = open(self.path, "w")
        self.f.write("[\n")
        self.written = []
        for r in kept:
            self.add(r)
        self.f.flush()

    def add(self, record):
        if self.written:
            self.f.write(",\n")
        self.f.write(json.dumps(record))
        self.f.flush()
        self.written.append(record)

    def close(self, final):
        self.add(final)
        self.f.write("\n]")
        self.f.close()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("project", help="project folder; the log goes to output_models/MODEL/runs/RUN/")
    p.add_argument("--model", default="sim_model")
    p.add_argument("--run", default="live")
    p.add_argument("--log", help="write exactly this file instead")
    p.add_argument("--steps", type=int, default=1000)
    p.add_argument("--log-every", type=int, default=10)
    p.add_argument("--eval-every", type=int, default=100)
    p.add_argument("--steps-per-epoch", type=int, default=500)
    p.add_argument("--warmup", type=int, default=100)
    p.add_argument("--peak-lr", type=float, default=1e-3)
    p.add_argument("--interval", type=float, default=0.5, help="seconds of real time between records")
    p.add_argument("--resume-at", type=int, default=0, help="crash at this step and resume from the checkpoint before it")
    p.add_argument("--checkpoint-every", type=int, default=200)
    p.add_argument("--pause", type=float, default=2.0, help="seconds between the crash and the resume")
    p.add_argument("--spike-at", type=int, default=0, help="triple the loss at this step")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()

    path = args.log or os.path.join(args.project, "output_models", args.model, "runs", args.run, "trainer_logs.json")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    rng = random.Random(args.seed)
    t0 = time.time()
    log = Log(path)
    log.start()
    step = 0
    resumed = not args.resume_at
    while True:
        crashed = False
        for step, batch in records(args, step, rng):
            for r in batch:
                log.add(r)
            print(f"step {step}", flush=True)
            time.sleep(args.interval)
            if not resumed and step >= args.resume_at:
                crashed = True
                break
        if not crashed:
            break
        resumed = True
        checkpoint = (step // args.checkpoint_every) * args.checkpoint_every
        if checkpoint >= step:
            checkpoint -= args.checkpoint_every
        checkpoint = max(0, checkpoint)
        print(f"crashed at step {step}; resuming from checkpoint {checkpoint}", flush=True)
        log.f.close()
        time.sleep(args.pause)
        kept = [r for r in log.written if r["global_step"] <= checkpoint]
        log.start(kept)
        step = checkpoint
    runtime = time.time() - t0
    log.close({"timestamp": time.time(), "global_step": args.steps, "epoch": args.steps / args.steps_per_epoch,
               "train_runtime": runtime, "train_samples": args.steps * 64,
               "train_samples_per_second": args.steps * 64 / runtime, "train_steps_per_second": args.steps / runtime,
               "effective_batch_size": 64})
    print(f"finished at step {args.steps}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
