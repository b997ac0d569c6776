#!/usr/bin/env bash
# elfmap top --format html on a busy machine: how large the page is, how long elfmap takes to
# write it, and how long a browser takes to draw it (headless Chromium; the page records the
# time from the start of loading to the end of its drawing and layout in data-load-ms).
# Goal (issue 14): a 1,000-process top opens in a browser in under a second.
# SPAWN=N (default 1000): first start sleeping processes until about N have an address space
# (lib.sh spawn_to), stopped when the script ends.
# RUNS=N (default 5) timed runs of each, WARMUP=N (2). SHOT=FILE.png also saves a screenshot.
# Raw exports: bench/out/top-html-*.
. "$(dirname "$0")/lib.sh"
need hyperfine
chromium="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$chromium" ] || { echo "skipped: chromium is not installed" >&2; exit 0; }
RUNS="${RUNS:-5}"
elfmap_ready
SPAWN="${SPAWN:-1000}"
spawn_to "$SPAWN"
profile="$(mktemp -d)"
# spawn_to's trap stops the sleeps; this one also removes the browser profile
trap 'kill ${spawn_pids[@]+"${spawn_pids[@]}"} 2>/dev/null || true; rm -rf "$profile"' EXIT
machine
echo "# inputs: $(ls -d /proc/[0-9]* 2>/dev/null | wc -l) processes ($(grep -l . /proc/[0-9]*/maps 2>/dev/null | wc -l) with an address space; $spawned started here for SPAWN=$SPAWN), running as $(id -un)"

page="$out/top-html.html"
"$elfmap" top --format html > "$page"
"$elfmap" top --json > "$out/top-html.json"
timeit top-html-json "$RUNS" "$elfmap top --json > /dev/null"
timeit top-html-write "$RUNS" "$elfmap top --format html > /dev/null"

browse=("$chromium" --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars
        --user-data-dir="$profile" --window-size=1280,1000)
timeit top-html-browser "$RUNS" "${browse[*]} --dump-dom file://$page > /dev/null 2>&1"
loads=()
for ((i = 0; i < RUNS; i++)); do
  dom="$("${browse[@]}" --dump-dom "file://$page" 2>/dev/null)"
  loads+=("$(grep -o 'data-load-ms="[0-9.]*"' <<<"$dom" | grep -o '[0-9.]*') $(grep -o 'data-render-ms="[0-9.]*"' <<<"$dom" | grep -o '[0-9.]*')")
  errors="$(grep -o 'data-errors="[^"]*"' <<<"$dom" || true)"
  [ -z "$errors" ] || { echo "the page reported errors: $errors" >&2; exit 1; }
done
if [ -n "${SHOT:-}" ]; then
  "${browse[@]}" --screenshot="$SHOT" "file://$page" >/dev/null 2>&1
  echo "screenshot: $SHOT"
fi

processes="$(grep -o '"processes" : [0-9]*' "$out/top-html.json" | head -1 | grep -o '[0-9]*$')"
echo "top --format html, $processes processes:"
printf '  page: %s bytes (the JSON alone: %s bytes)\n' "$(stat -c %s "$page")" "$(stat -c %s "$out/top-html.json")"
row top-html-json
row top-html-write
row top-html-browser
printf '%s\n' "${loads[@]}" | sort -n | awk '{l[NR]=$1; d[NR]=$2} END {m=int((NR+1)/2);
  printf "  in the browser: drawn %.0f ms after loading began (median of %d; the script itself %.0f ms)\n", l[m], NR, d[m]}'
