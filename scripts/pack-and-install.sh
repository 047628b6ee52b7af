#!/usr/bin/env bash
# Packs the library (ContactRules.Core) and the tool (ContactRules.Cli) into artifacts/packages, installs
# the tool from that folder into a throwaway tool path, and runs it on the examples: proof that the
# README's install steps work. Usage: scripts/pack-and-install.sh [PACKAGE_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=${1:-artifacts/packages}
mkdir -p "$packages"
dotnet pack src/ContactRules/ContactRules.csproj -c Release -o "$packages" --nologo -v quiet
dotnet pack src/ContactRules.Cli/ContactRules.Cli.csproj -c Release -o "$packages" --nologo -v quiet
ls "$packages"/ContactRules.Core.*.nupkg "$packages"/ContactRules.Cli.*.nupkg >/dev/null

tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
dotnet tool install ContactRules.Cli --tool-path "$tools" --add-source "$packages" >/dev/null
"$tools/contactrules" --version
# The installed tool judges the examples; exit 0 when every record was read.
"$tools/contactrules" check examples/cases.jsonl > /dev/null
echo "pack-and-install: the packed tool installs and runs"
