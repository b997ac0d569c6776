#!/usr/bin/env bash
# every process on the machine, once each:
#   elfmap top --json   vs   smem   vs   pmap -X run for each PID
# Goal (issues): elfmap top --json at least 5x faster than smem.
# All three read /proc/PID/smaps (or smaps_rollup) of every process; run as root to see all.
# RUNS=N (default 10), WARMUP=N (2). Raw hyperfine exports: bench/out/top-*.
. "$(dirname "$0")/lib.sh"
need hyperfine; need smem; need pmap
elfmap_ready
implemented top || exit 0
# SPAWN=N: first start N long-running programs (half python3, half sleep) so that the machine
# looks like a busy one; they are stopped when the script ends.
if [ "${SPAWN:-0}" -gt 0 ]; then
  pids=()
  for ((i = 0; i < SPAWN; i++)); do
    if ((i % 2)); then sleep 3600 & else python3 -c 'import time, json, ssl; time.sleep(3600)' & fi
    pids+=($!)
  done
  trap 'kill "${pids[@]}" 2>/dev/null' EXIT
  sleep 3
fi
machine
echo "# inputs: $(ls -d /proc/[0-9]* 2>/dev/null | wc -l) processes ($(grep -l . /proc/[0-9]*/maps 2>/dev/null | wc -l) with an address space; SPAWN=${SPAWN:-0} started here), running as $(id -un)"

timeit top-elfmap-json "$RUNS" "$elfmap top --json > /dev/null"
timeit top-elfmap-text "$RUNS" "$elfmap top > /dev/null"
timeit top-smem "$RUNS" "smem > /dev/null"
timeit -i top-pmap-each "$RUNS" "for p in /proc/[0-9]*; do pmap -X \${p#/proc/}; done > /dev/null 2>&1"

echo "all processes:"
row top-elfmap-json
row top-elfmap-text
row top-smem
row top-pmap-each
echo "ratios (peer time / elfmap time; goal >= 5.00 for smem):"
ratio top-smem top-elfmap-json
ratio top-pmap-each top-elfmap-json
