#!/usr/bin/env bash
# Remakes the README's pictures of --format html with headless Chromium:
#   docs/report-seed.png     the 2007 seed's FreeBSD capture, its gap focused (#kind=gap: tooltip open)
#   docs/report-compare.png  the seed's question rebuilt: i386 against amd64 builds (fixtures/seed-compare)
#   docs/report-top.png      top of this machine, after starting SPAWN (default 1000) sleeping processes
# optipng (when installed) makes them smaller without changing a pixel.
set -euo pipefail
cd "$(dirname "$0")/.."
chromium="$(command -v chromium || command -v chromium-browser || command -v google-chrome)"
tmp="$(mktemp -d)"
pids=()
cleanup() { [ "${#pids[@]}" -eq 0 ] || kill "${pids[@]}" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
shoot() { # PAGE FRAGMENT PNG HEIGHT
  "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars --user-data-dir="$tmp/profile" \
    --window-size=1280,"$4" --screenshot="$3" "file://$1$2" >/dev/null 2>&1
  if command -v optipng >/dev/null; then optipng -quiet -o2 "$3"; fi
  echo "$3: $(stat -c %s "$3") bytes"
}
./elfmap explain --format html src/test/resources/fixtures/maps/freebsd-amd64-seed.map > "$tmp/seed.html"
shoot "$tmp/seed.html" "#kind=gap" docs/report-seed.png 760
./elfmap compare --format html fixtures/seed-compare/i386/app fixtures/seed-compare/amd64/app > "$tmp/compare.html"
shoot "$tmp/compare.html" "" docs/report-compare.png 1110
for ((i = 0; i < ${SPAWN:-1000}; i++)); do sleep 3600 & pids+=($!); done
sleep 2
./elfmap top --format html > "$tmp/top.html"
shoot "$tmp/top.html" "" docs/report-top.png 900
