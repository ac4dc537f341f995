#!/usr/bin/env bash
# Prints the raw and gzipped (-9) sizes of the release build's wasm and JS in dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
files=(dist/incident-map-*_bg.wasm dist/incident-map-*.js)
[ ${#files[@]} -gt 0 ] || { echo "no build in dist/: run make dist" >&2; exit 1; }
total=0
for f in "${files[@]}"; do
  raw=$(stat -c %s "$f"); gz=$(gzip -9c "$f" | wc -c); total=$((total + gz))
  printf '%-48s %9d bytes  %8d gzipped\n' "$f" "$raw" "$gz"
done
printf '%-48s %9s        %8d gzipped\n' "app total (without Leaflet and the basemap)" "" "$total"
