#!/usr/bin/env bash
# bench/run.sh: the whole-process benchmarks of issue 4, as BENCHMARKS.md reports them.
#
#   bench/run.sh                 # every benchmark: hyperfine medians, peak RSS, targets
#   bench/run.sh --huge          # only the >2 GiB log: read it and check the summary
#   bench/run.sh --runs 5 --dir /tmp/fb
#   bench/run.sh --try-opts "-XX:TieredStopAtLevel=1"   # also time the launcher with these JVM flags
#
# Times every command through ./forgather (the launcher, so with its AppCDS archive and flags),
# then the same commands as plain `java -jar`, each with hyperfine (warm-up runs, then --runs
# timed runs; the median is reported), and peak RSS with GNU time (%M, the median of 5 runs).
# `java -version` is timed in the same hyperfine run as the floor. The load average is printed
# before and after each run: the machine is shared, and a load above 1 inflates every number.
#
# Inputs are made with ../shared/tools/gen_trainer_log.py (fixed seeds) into --dir, outside the
# repository, and reused when present. Results go to bench/out/<time>/ (ignored by git).
# Installs nothing: a missing tool is named with the command that installs it.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=/tmp/forgather-bench
runs=10
warmup=2
huge=false
try_opts=

usage() { sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case $1 in
    --huge) huge=true ;;
    --runs) runs=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --dir) dir=$2; shift ;;
    --try-opts) try_opts=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
if [ "$runs" -lt 5 ]; then
  echo "run.sh: --runs must be at least 5 (issue 4 asks for medians of 5 or more)" >&2
  exit 2
fi

generator=$root/../shared/tools/gen_trainer_log.py
missing=()
command -v hyperfine >/dev/null || missing+=("hyperfine (apt-get install -y hyperfine)")
[ -x /usr/bin/time ] || missing+=("GNU time at /usr/bin/time (apt-get install -y time)")
command -v python3 >/dev/null || missing+=("python3 (apt-get install -y python3)")
command -v java >/dev/null || missing+=("java 17 (apt-get install -y openjdk-17-jdk-headless)")
command -v mvn >/dev/null || missing+=("maven, for the launcher's build (apt-get install -y maven)")
[ -f "$generator" ] || missing+=("the log generator at $generator (shared/ beside the repository)")
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
  python3 - "$generator" "$project" <<'EOF'
import importlib.util, os, sys
spec = importlib.util.spec_from_file_location("gen", sys.argv[1])
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)
for seed in range(1, 1001):
    log = os.path.join(sys.argv[2], "output_models", "m", "runs", f"run_{seed}", "trainer_logs.json")
    gen.main([log, "--seed", str(seed)])
EOF
  touch "$project/.complete"
}

# --- build ---------------------------------------------------------------------------------------
say "building (./forgather builds the jar and its AppCDS archive when the sources changed)"
"$launcher" --version >/dev/null
archive=$root/cli/target/forgather.jsa
if [ ! -f "$archive" ] || [ "$jar" -nt "$archive" ]; then
  # `mvn package` or `mvn verify` remakes the jar but not the archive, and the launcher does not
  # notice: the JVM then ignores the archive without a word (-Xlog:disable) and every start pays
  # for class loading again. Removing the jar makes the launcher rebuild both.
  say "the AppCDS archive is missing or older than the jar (a plain mvn package?): rebuilding both"
  rm -f "$jar"
  "$launcher" --version >/dev/null
fi
[ -f "$jar" ] || { echo "run.sh: $jar was not built" >&2; exit 1; }

machine() {
  echo "nproc: $(nproc)"
  echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "ram: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "java: $(java -version 2>&1 | head -3 | tr '\n' ' ')"
  echo "hyperfine: $(hyperfine --version)"
  echo "commit: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- core plot cli pom.xml forgather || echo ' (modified)')"
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

# name | target seconds | target MiB (or -) | command after the java launcher
benchmarks=(
  "summary of a seed-sized log|0.2|-|logs summary $seed_log"
  "summary --format json, 1M records|0.6|250|logs summary --format json $big"
  "plot, 1M records|2|600|logs plot $big --output $plot_png"
  "summary --all --format one-line, 1,000 runs|0.35|-|-p $project logs summary --all --format one-line"
)

# Both ways of starting: the launcher (what users run), and plain java -jar, without the archive
# and flags, to show what they are worth.
declare -A prefix=(
  [launcher]="$launcher"
  [java-jar]="java -Djava.awt.headless=true -jar $jar"
  [launcher-opts]="$launcher"
)
ways=(launcher java-jar)
[ -n "$try_opts" ] && ways+=(launcher-opts) && echo "$try_opts" >"$out/launcher-opts.flags"

for way in "${ways[@]}"; do
  # The launcher appends FORGATHER_JAVA_OPTS to its own flags.
  if [ "$way" = launcher-opts ]; then export FORGATHER_JAVA_OPTS=$try_opts; else unset FORGATHER_JAVA_OPTS; fi
  cmds=(--command-name "java -version" "java -version")
  for b in "${benchmarks[@]}"; do
    IFS='|' read -r name _ _ args <<<"$b"
    cmds+=(--command-name "$name" "${prefix[$way]} $args")
  done
  say ""
  say "== $way: hyperfine, $warmup warm-up + $runs runs each; load before: $(load)"
  # -N: no intermediate shell; the launcher is itself a bash script, and its cost is the user's.
  hyperfine -N --style basic --warmup "$warmup" --runs "$runs" --export-json "$out/$way.json" \
    "${cmds[@]}" > >(tee -a "$out/log.txt" >&2) 2>&1
  echo "$(load)" >"$out/$way.load"
  say "load after: $(load)"

  # Peak RSS: GNU time's maximum resident set size, median of 5 runs.
  : >"$out/$way.rss"
  for b in "java -version|||" "${benchmarks[@]}"; do
    IFS='|' read -r name _ _ args <<<"$b"
    if [ -z "$args" ]; then name="java -version"; cmd="java -version"; else cmd="${prefix[$way]} $args"; fi
    kib=()
    for _ in 1 2 3 4 5; do
      # shellcheck disable=SC2086 # the command is split on purpose, as hyperfine -N does
      /usr/bin/time -f %M -o "$out/rss.tmp" $cmd >/dev/null 2>&1
      kib+=("$(tail -1 "$out/rss.tmp")")
    done
    printf '%s|%s\n' "$name" "$(printf '%s\n' "${kib[@]}" | sort -n | sed -n 3p)" >>"$out/$way.rss"
  done
done
unset FORGATHER_JAVA_OPTS
rm -f "$out/rss.tmp" "$plot_png"

# --- the table -----------------------------------------------------------------------------------
python3 - "$out" "${benchmarks[@]}" <<'EOF' | tee "$out/results.md"
import json, sys
out, specs = sys.argv[1], sys.argv[2:]
targets = {"java -version": ("-", "-")}
for spec in specs:
    name, seconds, mib, _ = spec.split("|", 3)
    targets[name] = (seconds, mib)
def load(way):
    results = {r["command"]: r for r in json.load(open(f"{out}/{way}.json"))["results"]}
    rss = dict(line.strip().split("|") for line in open(f"{out}/{way}.rss"))
    return results, rss, open(f"{out}/{way}.load").read().strip()
print("| benchmark | target | launcher median (min-max) | launcher CPU | launcher peak RSS | java -jar median | java -jar peak RSS | verdict |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
launcher, launcher_rss, launcher_load = load("launcher")
plain, plain_rss, plain_load = load("java-jar")
for name, (seconds, mib) in targets.items():
    r, p = launcher[name], plain[name]
    rss = int(launcher_rss[name]) / 1024
    target = "floor" if seconds == "-" else f"{float(seconds):.2f} s" + ("" if mib == "-" else f", {mib} MiB")
    verdict = ""
    if seconds != "-":
        misses = []
        if r["median"] > float(seconds):
            misses.append(f"{r['median'] / float(seconds):.1f}x the time")
        if mib != "-" and rss > float(mib):
            misses.append(f"{rss / float(mib):.1f}x the memory")
        verdict = "met" if not misses else "missed: " + ", ".join(misses)
    print(f"| {name} | {target} | {r['median']:.3f} s ({r['min']:.3f}-{r['max']:.3f})"
          f" | {r['user'] + r['system']:.3f} s | {rss:.0f} MiB"
          f" | {p['median']:.3f} s | {int(plain_rss[name]) / 1024:.0f} MiB | {verdict} |")
print()
print("CPU: user + system time, mean over the runs; on a shared machine it inflates less than the wall time.")
print(f"Load average (1, 5, 15 min) after the launcher runs: {launcher_load}; after java -jar: {plain_load}.")
import os
if os.path.exists(f"{out}/launcher-opts.json"):
    tried, tried_rss, tried_load = load("launcher-opts")
    flags = open(f"{out}/launcher-opts.flags").read().strip()
    print()
    print(f"The launcher with FORGATHER_JAVA_OPTS=\"{flags}\" (load after: {tried_load}):")
    print()
    print("| benchmark | target | median (min-max) | CPU | peak RSS | launcher median without the flags |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, (seconds, mib) in targets.items():
        r = tried[name]
        target = "floor" if seconds == "-" else f"{float(seconds):.2f} s" + ("" if mib == "-" else f", {mib} MiB")
        print(f"| {name} | {target} | {r['median']:.3f} s ({r['min']:.3f}-{r['max']:.3f}) | {r['user'] + r['system']:.3f} s"
              f" | {int(tried_rss[name]) / 1024:.0f} MiB | {launcher[name]['median']:.3f} s |")
EOF
say ""
say "results in $out (results.md, hyperfine JSON, log.txt, machine.txt)"
