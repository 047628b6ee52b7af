#!/usr/bin/env bash
# Issue 9's export figure: N generated cases (default 1,000,000) as HQ's two downloads of "Export Case Data"
# (case-export.xlsx, HQ's default, with shared strings, boolean and date cells; case-export.zip, the zipped
# CSV), written by scripts/make-commcare-examples.py, then audited from each with every core. Prints wall
# time, peak memory (GNU time's maximum RSS) and CPU of each, the xlsx/CSV ratios, and checks that both
# audits wrote the same summary.
# Usage: scripts/benchmark-xlsx.sh [N] [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
work=${2:-${TMPDIR:-/tmp}/contactrules-benchmark-xlsx}
mkdir -p "$work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build -c Release src/ContactRules.Cli -v quiet -nologo >/dev/null
tool=src/ContactRules.Cli/bin/Release/net10.0/contactrules.dll
cases="$work/cases-$count.jsonl"
exports="$work/exports-$count"
if [ ! -s "$exports/case-export.xlsx" ]; then
  dotnet "$tool" generate "$count" --seed 1 --format jsonl --out "$cases"
  python3 scripts/make-commcare-examples.py --cases "$cases" --out "$exports"
fi
ls -l "$exports"

echo "machine: $(nproc) cores, $(uptime | sed 's/.*load average/load average/')"
declare -A walls
for form in zip xlsx; do
  input="$exports/case-export.$form"
  /usr/bin/time -v dotnet "$tool" audit "$input" --format json --out "$work/results-$form.csv" \
    >"$work/summary-$form.json" 2>"$work/time-$form.txt" || true
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time-$form.txt")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time-$form.txt")
  user=$(sed -n 's/.*User time (seconds): //p' "$work/time-$form.txt")
  sys=$(sed -n 's/.*System time (seconds): //p' "$work/time-$form.txt")
  walls[$form]=$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  echo "audit $count cases from case-export.$form: wall $wall, peak RSS $((rss / 1024)) MB, CPU user ${user} s + system ${sys} s"
done
echo "machine after: $(uptime | sed 's/.*load average/load average/')"
awk -v x="${walls[xlsx]}" -v c="${walls[zip]}" 'BEGIN { printf "xlsx / zipped CSV, wall: %.2fx\n", x / c }'
# The summaries name their input; everything else must agree.
sed 's/"input":"[^"]*"//' "$work/summary-zip.json" >"$work/summary-zip.cmp"
sed 's/"input":"[^"]*"//' "$work/summary-xlsx.json" >"$work/summary-xlsx.cmp"
cmp -s "$work/summary-zip.cmp" "$work/summary-xlsx.cmp" && echo "summaries identical" || echo "summaries differ!"
