#!/usr/bin/env bash
# The audit benchmark of docs/benchmarks.md: audits N generated cases (default 1,000,000) from CSV with
# every core and with one thread, then diffs them between the two shipped rule files (every core), and
# prints wall time and peak memory (GNU time's maximum RSS) of each.
# Usage: scripts/benchmark-audit.sh [N] [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
work=${2:-${TMPDIR:-/tmp}/contactrules-benchmark}
mkdir -p "$work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build -c Release src/ContactRules.Cli -v quiet -nologo >/dev/null
tool=src/ContactRules.Cli/bin/Release/net10.0/contactrules.dll
cases="$work/cases-$count.csv"
if [ ! -s "$cases" ]; then
  dotnet "$tool" generate "$count" --seed 1 --format csv --out "$cases"
fi

echo "machine: $(nproc) cores, $(uptime | sed 's/.*load average/load average/')"
for threads in 0 1; do
  label=$([ "$threads" = 0 ] && echo "all cores" || echo "1 thread")
  /usr/bin/time -v dotnet "$tool" audit "$cases" --threads "$threads" --format json \
    --out "$work/results-$threads.csv" >"$work/summary-$threads.json" 2>"$work/time-$threads.txt" || true
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time-$threads.txt")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time-$threads.txt")
  cpu=$(sed -n 's/.*Percent of CPU this job got: //p' "$work/time-$threads.txt")
  user=$(sed -n 's/.*User time (seconds): //p' "$work/time-$threads.txt")
  sys=$(sed -n 's/.*System time (seconds): //p' "$work/time-$threads.txt")
  echo "audit $count cases, $label: wall $wall, peak RSS $((rss / 1024)) MB, CPU $cpu (user ${user} s, system ${sys} s)"
done
cmp -s "$work/summary-0.json" "$work/summary-1.json" && echo "summaries identical" || echo "summaries differ!"
cmp -s "$work/results-0.csv" "$work/results-1.csv" && echo "results identical" || echo "results differ!"

/usr/bin/time -v dotnet "$tool" diff "$cases" --rules commcare-case-contact.yaml --against commcare-hq-compatible.yaml \
  --format json >"$work/diff.json" 2>"$work/time-diff.txt" || true
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time-diff.txt")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time-diff.txt")
echo "diff $count cases, default against HQ-compatible rules, all cores: wall $wall, peak RSS $((rss / 1024)) MB"
