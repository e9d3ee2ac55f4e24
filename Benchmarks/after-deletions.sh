#!/usr/bin/env bash
# Cold builds just after a large folder was deleted beside them, as happens in a benchmark
# that removes each tool's output before the next run: on ext4 without a journal, new inodes
# are then slow to allocate (see Benchmarks/HISTORY.md, "The disk"). Each round copies a built
# site (27,000 inodes at 10,000 articles) and deletes it, then makes a cold build with each
# binary in turn, printing wall, user and system seconds and the write stage's time.
#
# usage: Benchmarks/after-deletions.sh SITE ROUNDS BINARY [BINARY…]
#   SITE: a folder holding Content/ (and Templates/), e.g. a gen_corpus.py corpus
set -euo pipefail
site=$1 rounds=$2; shift 2
work=$(mktemp -d "${TMPDIR:-/tmp}/toasoan-after-deletions.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$1" build --site "$site" --output "$work/tree" --quiet
for round in $(seq 1 "$rounds"); do
  for binary in "$@"; do
    rm -rf "$work/out" "$work"/.out.toasoan-*
    cp -r "$work/tree" "$work/deleted" && rm -rf "$work/deleted"
    result=$(TOASOAN_TIMINGS=1 /usr/bin/time -f "%e s wall, %U s user, %S s system" \
      "$binary" build --site "$site" --output "$work/out" 2>&1 | grep -E "^timing: write:|elsewhere|s system$" | tr '\n' ' ')
    echo "round $round $binary: $result"
  done
done
