#!/usr/bin/env bash
# Runs the BenchmarkDotNet suites whose figures docs/benchmarks.md reports, on this machine, and
# leaves the GitHub-flavoured tables in BenchmarkDotNet.Artifacts/results/. Run it on a quiet machine:
# every ratio is measured against its baseline in the same run.
#   scripts/benchmarks.sh                 # the expression and verdict suites
#   scripts/benchmarks.sh '*Registry*'    # any other filter
set -euo pipefail
cd "$(dirname "$0")/.."
filters=("$@")
[ ${#filters[@]} -gt 0 ] || filters=('*ExpressionBenchmarks*' '*ContactVerdictBenchmarks*' '*ParserBenchmarks*')
lscpu | grep -E 'Model name|^CPU\(s\)' || true
dotnet run -c Release --project tests/ContactRules.Benchmarks -- \
  --filter "${filters[@]}" --warmupCount 3 --iterationCount 10 --launchCount 1 --exporters github
