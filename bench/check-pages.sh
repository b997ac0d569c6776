#!/usr/bin/env bash
# page-size compatibility of every file under /usr (16 KiB pages, Android's rule):
#   elfmap check-pages --page-size 16k /usr
# vs the usual shell ways:
#   find /usr -type f -exec readelf -lW {} +   then perl over the LOAD lines (p_align < 0x4000)
#   objdump -p per ELF file (Android's check_elf_alignment.sh does this, one process a file)
# RUNS=N (default 10; the objdump loop takes minutes: SLOW_RUNS=N, default 1). Raw: bench/out/pages-*.
. "$(dirname "$0")/lib.sh"
need hyperfine; need readelf; need objdump; need perl
elfmap_ready
implemented check-pages || exit 0
list="$out/elf-files.txt"
elf_list "$list"
machine
echo "# inputs: $(find /usr -type f 2>/dev/null | wc -l) files under /usr, $(wc -l < "$list") of them ELF"

# The shell check: a file fails when one of its LOAD lines has an alignment below 16 KiB.
# (readelf prints "File: NAME" before each file's headers when given several.)
check='/^File: (.*)/ and $f = $1; /^\s+LOAD\s/ and hex((split)[-1]) < 16384 and $bad{$f} = 1;
       END { print scalar(keys %bad), " failing\n" }'
# (find exits 1 because readelf refuses the non-ELF files: expected, not a failure of the script)
fails_readelf="$(find /usr -type f -exec readelf -lW {} + 2>/dev/null | perl -ne "$check" || true)"
"$elfmap" check-pages --page-size 16k --json /usr > "$out/pages-elfmap.json" 2> "$out/pages-elfmap.err" || true
echo "# elfmap: $(grep -o '"failed" *: *[0-9]*' "$out/pages-elfmap.json" | tail -1); find+readelf: $fails_readelf"

timeit -i pages-elfmap "$RUNS" "$elfmap check-pages --page-size 16k /usr > /dev/null 2>&1"
timeit -i pages-elfmap-json "$RUNS" "$elfmap check-pages --page-size 16k --json /usr > /dev/null 2>&1"
timeit -i pages-find-readelf "$RUNS" "find /usr -type f -exec readelf -lW {} + 2>/dev/null | perl -ne '$check' > /dev/null"
# minutes per run: once, without warm-up, unless SLOW_RUNS says otherwise
WARMUP=0 timeit -i pages-objdump-each "${SLOW_RUNS:-1}" \
  "while IFS= read -r f; do objdump -p \"\$f\" | grep LOAD; done < $list > /dev/null 2>&1"

echo "all of /usr:"
row pages-elfmap
row pages-elfmap-json
row pages-find-readelf
row pages-objdump-each
echo "ratios (shell time / elfmap time):"
ratio pages-find-readelf pages-elfmap
ratio pages-objdump-each pages-elfmap
