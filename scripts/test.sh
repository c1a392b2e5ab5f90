#!/usr/bin/env bash
# Builds and runs the whole test suite: installs missing packages, builds the release preset and
# runs ctest (engine and app unit tests, command-line tests, headless screenshot regression tests).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh release
# Screenshot tests render headless through EGL; a stray DISPLAY must not change that.
ctest --preset release -j "$(nproc)" --timeout 600 "$@"
