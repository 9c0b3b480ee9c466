#!/usr/bin/env bash
# bench/run.sh: issue 14's whole-process benchmarks, side by side with the Python original.
#
#   bench/run.sh --original /tmp/forgather-original/src    # every benchmark (about 8 to 12 minutes)
#   bench/run.sh --quick --original /tmp/forgather-original/src   # 3 rounds, no warm-up (about 3 minutes)
#   bench/run.sh                          # without the original: the floors and forgather only
#   bench/run.sh --try-opts "-XX:+AlwaysPreTouch"   # also time the launcher with these JVM flags
#   bench/run.sh --huge                   # only the >2 GiB log: read it and check the summary
#   options: --runs N (rounds, default 10), --warmup N (default 2), --rss-runs N (default 3),
#            --dir D (inputs, default /tmp/forgather-bench), --original-python PY
#            (default /usr/bin/python3); FORGATHER_ORIGINAL may name the original's src instead
#            of --original. BENCHMARKS.md ("Round 2") says how to set the original up.
#
# Every benchmark runs in --runs rounds; each round is one hyperfine invocation that runs each
# command once (`--runs 1`), the original and forgather (and the launcher with --try-opts) in
# alternating order, so a change of load hits both alike. The paired ratio is the median over
# the rounds of original / forgather. Before the first round, --warmup runs of each. Peak RSS is
# GNU time's %M, the median of --rss-runs runs. The floors (`java -version`, and BytePass: two
# threads reading every byte of the 1M log, C1 only as the launcher runs, and C2) are timed the
# same way. The load average is recorded before and after each benchmark: the machine is shared,
# and a load above 1 inflates every number, the CPU time (user + system) least.
#
# Inputs are made with ../shared/tools/gen_trainer_log.py (fixed seeds) into --dir, outside the
# repository, and reused when present. Results go to bench/out/<time>/ (ignored by git).
# Installs nothing: a missing tool is named with the command that installs it.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=/tmp/forgather-bench
runs=10
warmup=2
rss_runs=3
huge=false
try_opts=
original=${FORGATHER_ORIGINAL:-}
original_python=/usr/bin/python3

usage() { sed -n '2,27p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case $1 in
    --huge) huge=true ;;
    --quick) runs=3; warmup=0; rss_runs=1 ;;
    --runs) runs=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --rss-runs) rss_runs=$2; shift ;;
    --dir) dir=$2; shift ;;
    --original) original=$2; shift ;;
    --original-python) original_python=$2; shift ;;
    --try-opts) try_opts=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
if [ "$runs" -lt 3 ] || [ "$rss_runs" -lt 1 ]; then
  echo "run.sh: --runs must be at least 3 and --rss-runs at least 1" >&2
  exit 2
fi

generator=$root/../shared/tools/gen_trainer_log.py
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
missing=()
command -v hyperfine >/dev/null || missing+=("hyperfine (apt-get install -y hyperfine)")
[ -x /usr/bin/time ] || missing+=("GNU time at /usr/bin/time (apt-get install -y time)")
command -v python3 >/dev/null || missing+=("python3 (apt-get install -y python3)")
command -v "$java" >/dev/null || missing+=("java 17 (apt-get install -y openjdk-17-jdk-headless)")
command -v javac >/dev/null || missing+=("javac, for the BytePass floor (apt-get install -y openjdk-17-jdk-headless)")
command -v mvn >/dev/null || [ -x "$root/mvnw" ] || missing+=("maven, for the launcher's build (apt-get install -y maven)")
[ -f "$generator" ] || missing+=("the log generator at $generator (shared/ beside the repository)")
if [ -n "$original" ]; then
  if [ ! -f "$original/forgather/cli/main.py" ]; then
    missing+=("the Python original's src/ at $original (forgather/cli/main.py not found; see BENCHMARKS.md)")
  elif ! PYTHONPATH=$original MPLBACKEND=Agg "$original_python" -c 'import forgather.cli, matplotlib, numpy' 2>/dev/null; then
    missing+=("the original's dependencies for $original_python (apt-get install -y python3-matplotlib python3-numpy python3-jinja2 python3-yaml python3-platformdirs)")
  fi
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "run.sh: missing:" >&2
  printf '  %s\n' "${missing[@]}" >&2
  exit 2
fi

out=$root/bench/out/$(date +%Y%m%d-%H%M%S)
mkdir -p "$out" "$dir"
launcher=$root/forgather
jar=$root/cli/target/forgather.jar

say() { printf '%s\n' "$*" | tee -a "$out/log.txt" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# --- inputs --------------------------------------------------------------------------------------
# Each input is written under a temporary name and renamed when complete, so an interrupted run
# never leaves a short log that a later run would reuse.
gen() {  # gen FILE ARGS...
  local file=$1; shift
  [ -f "$file" ] && return 0
  say "making $file (gen_trainer_log.py $*)"
  mkdir -p "$(dirname "$file")"
  python3 "$generator" "$file.partial" "$@"
  mv "$file.partial" "$file"
}

project=$dir/project
seed_log=$project/output_models/m/runs/run_1/trainer_logs.json
big=$dir/1m/trainer_logs.json
hugelog=$dir/huge/trainer_logs.json

make_project() {  # 1,000 seed-sized runs, seeds 1..1000, default generator settings
  [ -f "$project/.complete" ] && return 0
  say "making $project: 1,000 runs of seeds 1..1000"
  # One Python process calls the generator 1,000 times: 1,000 interpreter starts would take a minute.
  python3 - "$generator" "$project" <<'PY'
import importlib.util, os, sys
spec = importlib.util.spec_from_file_location("gen", sys.argv[1])
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)
for seed in range(1, 1001):
    log = os.path.join(sys.argv[2], "output_models", "m", "runs", f"run_{seed}", "trainer_logs.json")
    gen.main([log, "--seed", str(seed)])
PY
  touch "$project/.complete"
}

# --- build ---------------------------------------------------------------------------------------
say "building (./forgather builds the jar and records its archive when the sources changed)"
"$launcher" --version >/dev/null
[ -f "$jar" ] || { echo "run.sh: $jar was not built" >&2; exit 1; }

machine() {
  echo "nproc: $(nproc)"
  echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "ram: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "java: $("$java" -version 2>&1 | head -3 | tr '\n' ' ')"
  echo "hyperfine: $(hyperfine --version)"
  echo "commit: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- core plot cli picocli pom.xml forgather || echo ' (modified)')"
  if [ -n "$original" ]; then
    echo "original: $original ($(git -C "$original" rev-parse --short HEAD 2>/dev/null || cat "$original/../COMMIT" 2>/dev/null || echo 'commit unknown')), $("$original_python" --version 2>&1), matplotlib $(PYTHONPATH=$original "$original_python" -c 'import matplotlib; print(matplotlib.__version__)')"
  fi
}
machine | tee "$out/machine.txt" >&2

# --- the >2 GiB log ------------------------------------------------------------------------------
if $huge; then
  # 12,500,000 steps: 12,512,501 records, about 2.2 GB, past 2 GiB, so an int byte offset overflows.
  gen "$hugelog" --steps 12500000 --log-every 1 --eval-every 1000 --seed 11
  size=$(stat -c %s "$hugelog")
  say "huge log: $size bytes ($(awk -v s="$size" 'BEGIN {printf "%.2f GiB", s / 2^30}'))"
  if [ "$size" -le 2147483648 ]; then
    echo "run.sh: $hugelog is not larger than 2 GiB" >&2
    exit 1
  fi
  say "load before: $(load)"
  /usr/bin/time -f '%e s %M KiB' -o "$out/huge.time" "$launcher" logs summary --format json "$hugelog" \
    >"$out/huge.json" 2>"$out/huge.err" || { cat "$out/huge.err" >&2; exit 1; }
  say "summary --format json of the huge log: $(cat "$out/huge.time"); load after: $(load)"
  # The expected values come from the file itself, read line by line by Python: every record and
  # every loss must be in the summary, so a lost or double-read part of the file shows.
  say "checking the summary against Python's own reading of the file (a minute or two)"
  status=0
  python3 - "$hugelog" "$out/huge.json" "$out/huge.err" <<'EOF' || status=$?
import json, math, sys
log, summary, err = sys.argv[1:4]
records = training = 0
total = 0.0
best = math.inf
best_step = last_step = final_eval_step = None
for line in open(log, "rb"):
    line = line.strip().rstrip(b",")
    if not line.startswith(b"{"):
        continue
    r = json.loads(line)
    records += 1
    if "eval_loss" in r:
        final_eval_step = r["global_step"]
    elif "loss" in r:
        training += 1
        last_step = r["global_step"]
        if math.isfinite(r["loss"]):
            total += r["loss"]
            if r["loss"] < best:
                best, best_step = r["loss"], r["global_step"]
s = json.load(open(summary))
checks = {
    "total_steps": (s["total_steps"], last_step),
    "best_loss_step": (s["best_loss_step"], best_step),
    "best_loss": (s["best_loss"], best),
    "final_eval_loss_step": (s["final_eval_loss_step"], final_eval_step),
    "avg_loss": (s["avg_loss"], total / training),
}
failed = False
for key, (got, want) in checks.items():
    ok = got == want if key != "avg_loss" else abs(got - want) <= 1e-9 * abs(want)
    failed |= not ok
    print(f"  {key}: {got} (Python: {want}) {'ok' if ok else 'WRONG'}")
warnings = open(err).read().strip()
if warnings:
    failed = True
    print(f"  stderr not empty: {warnings[:300]}")
print(f"  {records} records, {training} training records in the file")
sys.exit(1 if failed else 0)
EOF
  say "huge log $( [ $status -eq 0 ] && echo 'read correctly' || echo 'read WRONGLY')"
  exit $status
fi

gen "$big" --steps 1000000 --log-every 1 --eval-every 1000 --seed 7
make_project
plot_png=$dir/plot-out.png
orig_png=$dir/plot-original.png

# The floor program: compiled alone, it has no dependency.
floor_classes=$out/floor
javac -d "$floor_classes" "$root/bench/src/main/java/dev/forgather/logs/bench/BytePass.java"
bytepass="-XX:+UseSerialGC -Xms16m -XX:-UsePerfData -cp $floor_classes dev.forgather.logs.bench.BytePass $big"

# The original runs as its entry point forgather.cli:main; PYTHONPATH and MPLBACKEND through env,
# since hyperfine -N starts the command without a shell.
if [ -n "$original" ]; then
  printf 'from forgather.cli import main\nmain()\n' >"$out/original.py"
  orig="env PYTHONPATH=$original MPLBACKEND=Agg $original_python $out/original.py"
fi

# name | issue 14's target: ratio to the original | peak MiB (or -) | forgather's arguments | the original's
benchmarks=(
  "summary of a seed-sized log|4|-|logs summary $seed_log|logs summary $seed_log"
  "summary --format json, 1M records|7|200|logs summary --format json $big|logs summary --format json $big"
  "plot, 1M records|7|400|logs plot $big --output $plot_png|logs plot $big --output $orig_png"
  "summary --all --format one-line, 1,000 runs|3|-|-p $project logs summary --all --format one-line|-p $project logs summary --all --format one-line"
)

# bench NAME LABEL=COMMAND...: --warmup runs of each, then --runs rounds of one run each, the order
# turned around every round; then peak RSS. Writes $out/<n>.round<i>.json and $out/<n>.rss.
n=0
bench() {
  local name=$1; shift
  n=$((n + 1))
  local labels=() cmds=() spec
  for spec in "$@"; do labels+=("${spec%%=*}"); cmds+=("${spec#*=}"); done
  echo "$name" >"$out/$n.name"
  say ""
  say "== $n. $name: $warmup warm-up runs, then $runs alternating rounds; load before: $(load)"
  echo "$(load)" >"$out/$n.load-before"
  local args=() i r
  if [ "$warmup" -gt 0 ]; then
    for i in "${!cmds[@]}"; do
      # shellcheck disable=SC2086 # split on purpose, as hyperfine -N does
      for r in $(seq "$warmup"); do ${cmds[$i]} >/dev/null 2>&1 || true; done
    done
  fi
  for r in $(seq "$runs"); do
    args=()
    local order=("${!cmds[@]}")
    if [ $((r % 2)) -eq 0 ]; then order=($(printf '%s\n' "${order[@]}" | tac)); fi
    for i in "${order[@]}"; do args+=(--command-name "${labels[$i]}" "${cmds[$i]}"); done
    # -N: no intermediate shell; the launcher is itself a bash script, and its cost is the user's.
    hyperfine -N --style none --runs 1 --export-json "$out/$n.round$r.json" "${args[@]}" >/dev/null 2>>"$out/log.txt" \
      || { echo "run.sh: a command of '$name' failed (hyperfine's message in $out/log.txt); run it by hand" >&2; exit 1; }
  done
  : >"$out/$n.rss"
  for i in "${!cmds[@]}"; do
    local kib=()
    for r in $(seq "$rss_runs"); do
      # shellcheck disable=SC2086
      /usr/bin/time -f %M -o "$out/rss.tmp" ${cmds[$i]} >/dev/null 2>&1
      kib+=("$(tail -1 "$out/rss.tmp")")
    done
    printf '%s|%s\n' "${labels[$i]}" "$(printf '%s\n' "${kib[@]}" | sort -n | sed -n "$(( (rss_runs + 1) / 2 ))p")" >>"$out/$n.rss"
  done
  echo "$(load)" >"$out/$n.load-after"
  say "load after: $(load)"
}

unset FORGATHER_JAVA_OPTS
if [ -n "$try_opts" ]; then
  printf '#!/bin/sh\nFORGATHER_JAVA_OPTS=%q exec %q "$@"\n' "$try_opts" "$launcher" >"$out/forgather-try-opts"
  chmod +x "$out/forgather-try-opts"
fi
bench "floors" "java -version=$java -version" "BytePass, C1=$java -XX:TieredStopAtLevel=1 $bytepass" \
  "BytePass, C1 and C2=$java $bytepass"
for b in "${benchmarks[@]}"; do
  IFS='|' read -r name _ _ ours theirs <<<"$b"
  cmds=()
  [ -n "$original" ] && cmds+=("original=$orig $theirs")
  cmds+=("forgather=$launcher $ours")
  # The launcher appends FORGATHER_JAVA_OPTS to its own flags, through a wrapper because the
  # commands are split on spaces.
  [ -n "$try_opts" ] && cmds+=("forgather --try-opts=$out/forgather-try-opts $ours")
  bench "$name" "${cmds[@]}"
done
rm -f "$out/rss.tmp" "$plot_png" "$orig_png"
echo "$try_opts" >"$out/try-opts"

# --- the table -----------------------------------------------------------------------------------
python3 - "$out" "${benchmarks[@]}" <<'PY' | tee "$out/results.md"
import glob, json, statistics, sys
out, specs = sys.argv[1], sys.argv[2:]
targets = {}
for spec in specs:
    name, ratio, mib, _ = spec.split("|", 3)
    targets[name] = (float(ratio), None if mib == "-" else float(mib))

def read(n):
    """Per command: wall times, CPU times (user + system) and the paired rounds, and peak RSS."""
    runs = {}
    rounds = sorted(glob.glob(f"{out}/{n}.round*.json"), key=lambda p: int(p.rsplit("round", 1)[1][:-5]))
    paired = []
    for path in rounds:
        one = {}
        for r in json.load(open(path))["results"]:
            c = runs.setdefault(r["command"], {"wall": [], "cpu": []})
            c["wall"].append(r["times"][0])
            c["cpu"].append(r["user"] + r["system"])
            one[r["command"]] = (r["times"][0], r["user"] + r["system"])
        paired.append(one)
    rss = dict(line.strip().split("|") for line in open(f"{out}/{n}.rss"))
    for command, c in runs.items():
        c["rss"] = int(rss[command]) / 1024
    name = open(f"{out}/{n}.name").read().strip()
    loads = open(f"{out}/{n}.load-before").read().split()[0] + " to " + open(f"{out}/{n}.load-after").read().split()[0]
    return name, runs, paired, loads

def med(c):
    return statistics.median(c["wall"])

def cpu(c):
    return statistics.median(c["cpu"])

def cell(c):
    return f"{med(c):.3f} s ({min(c['wall']):.3f}-{max(c['wall']):.3f}), CPU {cpu(c):.3f} s, {c['rss']:.0f} MiB"

def paired_ratio(paired, a, b, i):
    return statistics.median(r[a][i] / r[b][i] for r in paired if a in r and b in r)

benches = [read(n) for n in range(1, len(glob.glob(f"{out}/*.name")) + 1)]
_, floors, _, floor_load = benches[0]
print(f"Floors (load {floor_load}): median (min-max), CPU (user + system, median), peak RSS")
print()
print("| floor | median (min-max), CPU, peak RSS |")
print("| --- | --- |")
for command, c in floors.items():
    print(f"| {command} | {cell(c)} |")
print()
version = med(floors["java -version"])
bytepass = med(floors["BytePass, C1"])
has_original = any("original" in runs for _, runs, _, _ in benches[1:])
print("| benchmark | original | forgather | ratio: wall (CPU), paired median | target | forgather / floor | load | verdict |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
tried = []
for name, runs, paired, loads in benches[1:]:
    ratio_target, mib = targets[name]
    ours = runs["forgather"]
    floor_name, floor = ("BytePass, C1", bytepass) if "1M" in name else ("java -version", version)
    over_floor = f"{med(ours) / floor:.1f}x {floor_name}"
    target = f">= {ratio_target:g}x" + ("" if mib is None else f", <= {mib:g} MiB")
    if has_original:
        theirs = runs["original"]
        wall, cpu_ratio = paired_ratio(paired, "original", "forgather", 0), paired_ratio(paired, "original", "forgather", 1)
        ratio = f"**{wall:.1f}x** ({cpu_ratio:.1f}x)"
        misses = []
        if wall < ratio_target:
            misses.append(f"{wall / ratio_target:.2f} of the ratio")
        if mib is not None and ours["rss"] > mib:
            misses.append(f"{ours['rss']:.0f} MiB")
        verdict = "met" if not misses else "missed: " + ", ".join(misses)
        original_cell = cell(theirs)
    else:
        ratio, verdict, original_cell = "-", "no original (--original)", "-"
    print(f"| {name} | {original_cell} | {cell(ours)} | {ratio} | {target} | {over_floor} | {loads} | {verdict} |")
    if "forgather --try-opts" in runs:
        tried.append((name, runs["forgather --try-opts"], ours, paired))
print()
print("Times: medians over the rounds (min-max); the ratio is the median over the rounds of the original's time")
print("over forgather's in the same round (the two ran back to back, in turns), wall clock, and in brackets the same")
print("for the CPU time. Peak RSS: GNU time's maximum resident set size, median of the RSS runs.")
if tried:
    flags = open(f"{out}/try-opts").read().strip()
    print()
    print(f"The launcher with FORGATHER_JAVA_OPTS=\"{flags}\", in the same rounds:")
    print()
    print("| benchmark | with the flags | without | paired ratio without / with (CPU) |")
    print("| --- | --- | --- | --- |")
    for name, t, ours, paired in tried:
        w = paired_ratio(paired, "forgather", "forgather --try-opts", 0)
        c = paired_ratio(paired, "forgather", "forgather --try-opts", 1)
        print(f"| {name} | {cell(t)} | {cell(ours)} | {w:.2f}x ({c:.2f}x) |")
PY
say ""
say "results in $out (results.md, hyperfine JSON per round, log.txt, machine.txt)"
