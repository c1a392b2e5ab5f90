#!/usr/bin/env bash
# Builds and starts Linscape: installs missing packages, builds the release preset, opens the
# window. With no display it says so and renders a short tour to PNG files instead.
# Arguments are passed to linscape (e.g. scripts/run.sh --theme light).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh release
exec build/release/linscape "$@"
