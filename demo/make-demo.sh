#!/usr/bin/env bash
# Rebuilds the demo project from the real sample runs and ../shared/tools/gen_trainer_log.py.
# The generated logs are committed; run this only to change them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${SHARED_DIR:-$here/../../shared}
gen="python3 $shared/tools/gen_trainer_log.py"
out=$here/output_models

rm -rf "$out"
# Two real runs of the same tiny GPT, two learning rates, with their Hugging Face trainer_state.json.
for run in adamw_lr1e-3 adamw_lr3e-3; do
  mkdir -p "$out/tiny_gpt/runs/$run"
  cp "$shared/samples/forgather_project/output_models/tiny_gpt/runs/$run/"*.json "$out/tiny_gpt/runs/$run/"
  chmod u+w "$out/tiny_gpt/runs/$run/"*.json
done

runs=$out/llama_1b/runs
# A healthy run with loss spikes, max_grad_norm and two extra metrics (tokens_per_second, peak_mem_gb).
$gen "$runs/baseline_2026-01-20T09-00-00/trainer_logs.json" --steps 3312 --log-every 100 --eval-every 500 \
  --seed 11 --spikes 2 --max-grad-norm --extra
# A run that diverged: loss and grad_norm are NaN from step 3000; it was stopped before the final record.
$gen "$runs/diverged_lr1e-2_2026-01-21T14-30-00/trainer_logs.json" --steps 5000 --log-every 100 \
  --eval-every 500 --seed 12 --peak-lr 0.01 --nan-at 3000 --no-final
# A run killed mid-training: no closing bracket, the last record cut in half.
$gen "$runs/killed_2026-01-22T08-15-00/trainer_logs.json" --steps 5000 --log-every 100 --eval-every 500 \
  --seed 13 --truncate half
# A run resumed from its step-2000 checkpoint into the same file: steps go back from 3000 to 2100.
tmp=$(mktemp -d)
$gen "$tmp/first.json" --steps 5000 --log-every 100 --eval-every 500 --seed 14 --truncate clean --no-final
$gen "$tmp/second.json" --steps 5000 --log-every 100 --eval-every 500 --seed 15 \
  --start-time 1769495400.0
python3 - "$tmp/first.json" "$tmp/second.json" "$runs/resumed_2026-01-23T10-00-00/trainer_logs.json" <<'PY'
import json, os, sys
first = [l.rstrip(",\n") for l in open(sys.argv[1]) if l.startswith("{")]
second = [l.rstrip(",\n") for l in open(sys.argv[2]) if l.startswith("{")]
keep = [l for l in first if json.loads(l)["global_step"] <= 3000]
resume = [l for l in second if json.loads(l)["global_step"] > 2000]
os.makedirs(os.path.dirname(sys.argv[3]), exist_ok=True)
with open(sys.argv[3], "w") as f:
    f.write("[\n" + ",\n".join(keep + resume) + "\n]")
PY
rm -rf "$tmp"
echo "demo project written to $out" >&2
