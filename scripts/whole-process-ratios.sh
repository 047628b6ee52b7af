#!/usr/bin/env bash
# The whole-process figures of docs/benchmarks.md: ContactRules against the hand-written reference program
# (../shared/baseline, built from a copy since ../shared is read-only), on the same generated cases, runs
# interleaved (tool, reference, tool, reference...) so a change in the machine's load hits both alike.
# Prints the median wall time of each and the three ratios the speed issue asks for:
#   check --format json of N cases;  audit of N cases on every core, results to CSV;  check of one case.
# Usage: scripts/whole-process-ratios.sh [N=200000] [RUNS=3] [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-200000}
runs=${2:-3}
work=${3:-${TMPDIR:-/tmp}/contactrules-ratios}
baseline_src=${BASELINE_DIR:-../shared/baseline}
mkdir -p "$work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ ! -f "$baseline_src/Program.cs" ]; then
  echo "whole-process-ratios: no reference program at $baseline_src (set BASELINE_DIR)" >&2
  exit 2
fi

# The reference published Release, framework-dependent; the tool packed and installed as a user gets it
# (the packed tool is precompiled per platform, see src/ContactRules.Cli/ContactRules.Cli.csproj).
rm -rf "$work/baseline-src" && mkdir -p "$work/baseline-src" && cp -r "$baseline_src/." "$work/baseline-src"
dotnet publish "$work/baseline-src" -c Release -o "$work/baseline" --nologo -v quiet >/dev/null
rm -rf "$work/packages" "$work/tool"
dotnet pack src/ContactRules.Cli -c Release -o "$work/packages" --nologo -v quiet >/dev/null
dotnet tool install ContactRules.Cli --tool-path "$work/tool" --add-source "$work/packages" >/dev/null
tool="$work/tool/contactrules"
reference="$work/baseline/baseline"

cases="$work/cases-$count.jsonl"
[ -s "$cases" ] || "$tool" generate "$count" --seed 1 --format jsonl --out "$cases"
one="$work/one.jsonl"
head -n 1 "$cases" > "$one"
project=examples/project.yaml

# Seconds of wall time of one command, its output thrown away.
wall() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -A times
for ((i = 1; i <= runs; i++)); do
  times[check]+="$(wall "$tool" check "$cases" --project "$project" --format json --quiet)"$'\n'
  times[reference]+="$(wall "$reference" "$cases" --project "$project")"$'\n'
  times[audit]+="$(wall "$tool" audit "$cases" --project "$project" --out "$work/results.csv" --quiet)"$'\n'
  times[one]+="$(wall "$tool" check "$one" --project "$project" --format json --quiet)"$'\n'
  times[reference_one]+="$(wall "$reference" "$one" --project "$project")"$'\n'
done

m() { printf '%s' "${times[$1]}" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
check=$(m check) reference_all=$(m reference) audit=$(m audit) one_case=$(m one) reference_one=$(m reference_one)

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(uptime | sed 's/.*load average/load average/')"
echo "cases: $count generated (seed 1), $runs interleaved runs, medians"
printf '%-48s %8.2f s  reference %8.2f s  ratio %sx\n' "check --format json, $count cases" "$check" "$reference_all" "$(ratio "$check" "$reference_all")"
printf '%-48s %8.2f s  reference %8.2f s  ratio %sx\n' "audit --out results.csv, $count cases, all cores" "$audit" "$reference_all" "$(ratio "$audit" "$reference_all")"
printf '%-48s %8.2f s  reference %8.2f s  ratio %sx\n' "check --format json, one case" "$one_case" "$reference_one" "$(ratio "$one_case" "$reference_one")"
