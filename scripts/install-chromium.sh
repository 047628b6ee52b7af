#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests of the HTML report (tests/ContactRules.Tests/Auditing),
# unless it is already there. Needs root (or sudo) and access to the Debian archive.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
$sudo apt-get install -y --no-install-recommends chromium
