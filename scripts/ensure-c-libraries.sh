#!/usr/bin/env bash
# Makes sure the C libraries toasoan links are installed, from Debian, with apt-get when missing:
# - libcmark-dev, the CommonMark library (SwiftPM finds it through pkg-config);
# - libyaml-dev, the YAML parser (likewise);
# - libtcmalloc-minimal4, TCMalloc, which the toasoan binary allocates with (Package.swift);
# - libcurl4-openssl-dev, which Foundation's networking part (FlyingFox refers to it) needs
#   to link statically (`make release` links the Swift runtime and Foundation into the binary).
set -euo pipefail
missing=()
if ! command -v pkg-config >/dev/null 2>&1; then
  missing+=(pkg-config)
fi
if ! { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libcmark; }; then
  missing+=(libcmark-dev)
fi
if ! { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists yaml-0.1; }; then
  missing+=(libyaml-dev)
fi
if ! { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libcurl; }; then
  missing+=(libcurl4-openssl-dev)
fi
if ! /sbin/ldconfig -p | grep -q 'libtcmalloc_minimal\.so\.4 '; then
  missing+=(libtcmalloc-minimal4)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "toasoan: installing ${missing[*]} with apt-get" >&2
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
pkg-config --exists libcmark
pkg-config --exists yaml-0.1
pkg-config --exists libcurl
/sbin/ldconfig -p | grep -q 'libtcmalloc_minimal\.so\.4 '
