#!/usr/bin/env bash
# Makes sure the C CommonMark library (Debian's libcmark-dev) and pkg-config are installed:
# SwiftPM finds libcmark through pkg-config. Installs them with apt-get when missing.
set -euo pipefail
if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libcmark; then
  exit 0
fi
echo "toasoan: libcmark-dev (the CommonMark C library) is missing; installing it with apt-get" >&2
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq libcmark-dev pkg-config >/dev/null
pkg-config --exists libcmark
