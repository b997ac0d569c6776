#!/usr/bin/env bash
# The start-up and throughput table of issue 15, from one run, each elfmap job beside its peer:
#   layout /bin/ls                 vs readelf -lW /bin/ls
#   --version (Temurin 25, JDK 17) vs a trivial Java main on the same JVM with the launcher's flags
#   explain PID (a sleep)          vs pmap -X PID
#   layout --json over /usr        vs readelf -lW over the same files (one process each)
#   top --json, ~1,000 processes   vs smem -t, and cat /proc/*/smaps (the kernel's cost of smaps)
#   predict over 250 programs      vs a shell loop of ldd over the same programs
# Ratios are elfmap's time over the peer's (below 1: elfmap is faster), wall medians; CPU is
# user+sys of the command and its children (mean). RUNS=N (default 10), WARMUP=N (2),
# PROCESSES=N (1000: sleeps are started until about that many processes have an address space),
# PROGRAMS=N (250), SLOW=1 also times predict run once per program (minutes).
# Raw hyperfine exports: bench/out/t-*.
. "$(dirname "$0")/lib.sh"
need hyperfine; need readelf; need pmap; need smem; need ldd
elfmap_ready
trivial_main
read -r -a jflags <<< "$(launcher_flags)"
j25="$(jdk temurin-25)"
j17="$(jdk java-17)"
machine

# start-up: one small job each
timeit -N t-layout-ls 20 "$elfmap layout /bin/ls"
timeit -N t-readelf-ls 20 "readelf -lW /bin/ls"
for v in 25 17; do
  j="j$v"
  [ -n "${!j}" ] || continue
  "${!j}" -version 2>&1 | head -1 | sed "s/^/# JDK $v: /"
  ELFMAP_JAVA="${!j}" "$elfmap" --version >/dev/null    # its archive, made before timing
  timeit -N t-version-$v 20 "env ELFMAP_JAVA=${!j} $elfmap --version"
  timeit -N t-trivial-$v 20 "${!j} ${jflags[*]} -cp $out TrivialMain"
done
sleep 3600 & sleeper=$!
trap 'kill $sleeper 2>/dev/null || true' EXIT
sleep 0.2
timeit -N t-explain 20 "$elfmap explain $sleeper"
timeit -N t-pmap 20 "pmap -X $sleeper"
kill $sleeper

# layout over every ELF file under /usr, one process each
list="$out/elf-files.txt"
elf_list "$list"
one="xargs -d '\\n' -s 2000000 -a $list"
timeit t-layout-usr "$RUNS" "$elfmap layout --json @$list > /dev/null"
timeit t-readelf-usr "$RUNS" "$one readelf -lW > /dev/null"
# the same job run again and again in one JVM: what is left once start-up and warm-up are paid
warm t-layout-usr-warm "$RUNS" "${j25:-java}" layout --json "@$list"

# predict over a list of programs, one process, against one ldd per program
programs="$out/programs.txt"
program_list "$programs" "${PROGRAMS:-250}"
have_list=0
if "$elfmap" predict --help 2>&1 | grep -q '@LIST'; then
  have_list=1
  timeit -i t-predict-list "$RUNS" "$elfmap predict --json @$programs > /dev/null"
fi
timeit -i t-ldd-loop "$RUNS" "while IFS= read -r f; do ldd \"\$f\"; done < $programs > /dev/null 2>&1"
if [ "${SLOW:-0}" = 1 ]; then
  WARMUP=0 timeit -i t-predict-each 1 \
    "while IFS= read -r f; do $elfmap predict --json \"\$f\"; done < $programs > /dev/null 2>&1"
fi

# top at about PROCESSES processes
spawn_to "${PROCESSES:-1000}"
procs="$(grep -l . /proc/[0-9]*/maps 2>/dev/null | wc -l || true)"
timeit t-top "$RUNS" "$elfmap top --json > /dev/null"
warm t-top-warm "$RUNS" "${j25:-java}" top --json
timeit t-smem "$RUNS" "smem -t > /dev/null"
timeit -i t-cat-smaps "$RUNS" "cat /proc/[0-9]*/smaps > /dev/null 2>&1"
timeit -i t-cat-rollup "$RUNS" "cat /proc/[0-9]*/smaps_rollup /proc/[0-9]*/maps > /dev/null 2>&1"

n="$(wc -l < "$list")"
np="$(wc -l < "$programs")"
echo
echo "| job | elfmap | peer | elfmap / peer | goal |"
echo "|---|---|---|---|---|"
echo "| \`layout /bin/ls\` | $(cell t-layout-ls) | \`readelf -lW\` $(cell t-readelf-ls) | $(times t-layout-ls t-readelf-ls) | ≤ 60 ms |"
for v in 25 17; do
  [ -f "$out/t-version-$v.csv" ] || continue
  echo "| \`--version\`, JDK $v | $(cell t-version-$v) | trivial main $(cell t-trivial-$v) | $(times t-version-$v t-trivial-$v) | ≤ 1.5x |"
done
echo "| \`explain PID\` (a sleep) | $(cell t-explain) | \`pmap -X\` $(cell t-pmap) | $(times t-explain t-pmap) | ≤ 60 ms |"
echo "| \`layout --json\`, $n ELF files under /usr | $(cell t-layout-usr) | \`readelf -lW\` $(cell t-readelf-usr) | $(times t-layout-usr t-readelf-usr) | ≤ 1.0x |"
echo "| same, warm (one JVM, later runs) | $(cell t-layout-usr-warm) | \`readelf -lW\` $(cell t-readelf-usr) | $(times t-layout-usr-warm t-readelf-usr) | the floor |"
echo "| \`top --json\`, $procs processes | $(cell t-top) | \`smem -t\` $(cell t-smem) | $(times t-top t-smem) | ≤ 0.5x |"
echo "| same, warm (one JVM, later runs) | $(cell t-top-warm) | \`smem -t\` $(cell t-smem) | $(times t-top-warm t-smem) | the floor |"
echo "| same | | \`cat /proc/*/smaps\` $(cell t-cat-smaps) | cpu $(cpu_times t-top t-cat-smaps) | cpu ≤ 3x |"
echo "| same | | \`cat /proc/*/smaps_rollup /proc/*/maps\` $(cell t-cat-rollup) | cpu $(cpu_times t-top t-cat-rollup) | |"
if [ "$have_list" = 1 ]; then
  echo "| \`predict @list\`, $np programs | $(cell t-predict-list) | \`ldd\` loop $(cell t-ldd-loop) | $(times t-predict-list t-ldd-loop) | < 1.0x |"
fi
if [ -f "$out/t-predict-each.csv" ] && [ "${SLOW:-0}" = 1 ]; then
  echo "| \`predict\` per program, $np programs | $(cell t-predict-each) | \`ldd\` loop $(cell t-ldd-loop) | $(times t-predict-each t-ldd-loop) | |"
fi
