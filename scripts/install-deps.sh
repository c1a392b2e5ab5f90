#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Linscape needs to build, run and test, if any are missing.
# Idempotent: prints what it installs, does nothing when everything is there. Uses sudo when not
# root. Usage: scripts/install-deps.sh [--with-extras]
#   --with-extras  also the optional tools: ffmpeg (GIF/MP4 export), OpenBLAS and BLIS (benchmark
#                  comparison), xdotool (driving the window in manual checks)
set -euo pipefail

packages=(
  # build
  g++ cmake make pkg-config
  libglfw3-dev libimgui-dev libepoxy-dev libstb-dev libeigen3-dev
  libtomlplusplus-dev libcli11-dev nlohmann-json3-dev
  libgtest-dev libbenchmark-dev
  # run: software OpenGL (EGL for headless, GLX for windows) and the UI font
  libgl1 libegl1 libegl-mesa0 libgl1-mesa-dri fonts-dejavu-core
  # a virtual display for running the window without a desktop
  xvfb xauth
)
if [[ "${1:-}" == "--with-extras" ]]; then
  packages+=(ffmpeg libopenblas-dev libblis-dev xdotool)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "linscape: all ${#packages[@]} required packages are installed."
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "linscape: these packages are missing and apt-get is not available: ${missing[*]}" >&2
  exit 1
fi
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "linscape: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi
echo "linscape: installing ${#missing[@]} missing package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y --no-install-recommends "${missing[@]}"
echo "linscape: packages installed."
