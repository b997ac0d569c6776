#!/usr/bin/env bash
# layout over every ELF file under /usr, in one invocation each:
#   elfmap layout --json @list   vs   readelf -lW <list>   vs   eu-readelf -l <list>
# Goal (issues): elfmap, JVM start included, no slower than readelf -lW.
# Also the fixed cost: one small file, where start-up is everything.
# RUNS=N (default 10), WARMUP=N (2). Raw hyperfine exports: bench/out/layout-*.
. "$(dirname "$0")/lib.sh"
need hyperfine; need readelf; need perl
list="$out/elf-files.txt"
elf_list "$list"
n="$(wc -l < "$list")"
bytes="$(wc -c < "$list")"
if [ "$bytes" -gt 1900000 ]; then
  echo "skipped: the list ($bytes bytes) does not fit one readelf command line" >&2
  exit 1
fi
elfmap_ready
machine
echo "# inputs: $n ELF files under /usr ($(tr '\n' '\0' < "$list" | du -ch --files0-from=- 2>/dev/null | tail -1 | cut -f1)), list in $list"

# xargs with -s near ARG_MAX: one readelf process for the whole list (checked below)
one="xargs -d '\\n' -s 2000000 -a $list"
[ "$(eval "$one sh -c 'echo x' sh" | wc -l)" = 1 ] || { echo "skipped: xargs split the list" >&2; exit 1; }
eval "$one readelf -lW" 2>/dev/null | grep -c '^Elf file type' > "$out/layout-readelf.count" || true
echo "# readelf: $(cat "$out/layout-readelf.count") files in one process"

# sanity, untimed: elfmap reads every file that readelf reads
"$elfmap" layout --json @"$list" > "$out/layout-elfmap.json" 2> "$out/layout-elfmap.err" || true
got="$(grep -c '^  "file" : ' "$out/layout-elfmap.json" || true)"
echo "# elfmap: $got layouts, $(wc -l < "$out/layout-elfmap.err") files refused (see $out/layout-elfmap.err)"
# and every program header of every file equals readelf's (untimed)
eval "$one readelf -lW" > "$out/layout-readelf.txt" 2>/dev/null || true
python3 "$bench_dir/agree.py" "$out/layout-elfmap.json" "$out/layout-readelf.txt" || true

timeit layout-elfmap-json "$RUNS" "$elfmap layout --json @$list > /dev/null"
timeit layout-elfmap-text "$RUNS" "$elfmap layout @$list > /dev/null"
timeit layout-readelf "$RUNS" "$one readelf -lW > /dev/null"
have_eu=0
if need eu-readelf; then
  have_eu=1
  timeit layout-eu-readelf "$RUNS" "$one eu-readelf -l > /dev/null"
fi
timeit layout-1-elfmap-json "$RUNS" "$elfmap layout --json /bin/ls > /dev/null"
timeit layout-1-readelf "$RUNS" "readelf -lW /bin/ls > /dev/null"

echo "all $n files, one process each:"
row layout-elfmap-json
row layout-elfmap-text
row layout-readelf
[ "$have_eu" = 1 ] && row layout-eu-readelf
echo "one file (/bin/ls): start-up"
row layout-1-elfmap-json
row layout-1-readelf
echo "ratios (elfmap time / peer time; goal <= 1.00 against readelf):"
ratio layout-elfmap-json layout-readelf
[ "$have_eu" = 1 ] && ratio layout-elfmap-json layout-eu-readelf
ratio layout-1-elfmap-json layout-1-readelf
