#!/usr/bin/env bash
# Regenerates every screenshot golden from the current build (tests/golden/<suite>/<case>.png and
# tests/golden/renderer.txt). Look at the changed images before committing, and say why in the
# commit message. Optional argument: a ctest -R filter, e.g. scripts/update-goldens.sh plane2d
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh release
LINSCAPE_UPDATE_GOLDENS=1 ctest --preset release -L gl -R "${1:-GoldenGLTest}" -j "$(nproc)"
git status --short tests/golden
