# Shared by the bench/*.sh scripts: sourced, not run.
# Runs commands with hyperfine (warm-up runs, then timed runs), keeps the raw exports in
# bench/out/, and prints medians and ratios. The machine may be shared: numbers are medians
# of several runs, wall clock and CPU (user+sys) both, and the scripts say so.
set -euo pipefail
bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$bench_dir")"
out="$bench_dir/out"
mkdir -p "$out"
elfmap="$repo/elfmap"
RUNS="${RUNS:-10}"
WARMUP="${WARMUP:-2}"

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "skipped: $1 is not installed" >&2; return 1; }
}

# machine: one line saying where and when the numbers come from
machine() {
  local cpu mem java_v
  cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  mem="$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
  java_v="$("$elfmap" --version 2>/dev/null | tail -1)"
  echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) CPUs ($cpu), $mem, load $(cut -d' ' -f1-3 /proc/loadavg); $java_v"
  echo "# elfmap $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?'); hyperfine $WARMUP warm-up + $RUNS runs each, medians"
}

# elfmap_ready: builds the jar and its start-up archive before anything is timed
elfmap_ready() {
  "$elfmap" --version >/dev/null
}

# implemented CMD: false (and says "skipped") while the elfmap subcommand is still a stub
implemented() {
  if "$elfmap" "$1" --help 2>&1 | grep -qi "not implemented yet"; then
    echo "skipped: elfmap $1 not implemented yet (run this script again once it lands)"
    return 1
  fi
}

# timeit [-i] NAME RUNS COMMAND: one hyperfine benchmark (shell command), result in
# $out/NAME.csv; -i accepts a non-zero exit (a check that finds problems exits 1)
timeit() {
  local ignore=()
  if [ "$1" = -i ]; then ignore=(-i); shift; fi
  local name="$1" runs="$2" cmd="$3"
  hyperfine --style none ${ignore[@]+"${ignore[@]}"} -w "$WARMUP" -r "$runs" --export-csv "$out/$name.csv" \
      -n "$name" "$cmd" >"$out/$name.log" 2>&1 || { cat "$out/$name.log" >&2; return 1; }
}

# median NAME / cpu NAME: seconds, from the hyperfine export
median() { awk -F, 'NR==2 {print $4}' "$out/$1.csv"; }
cpu() { awk -F, 'NR==2 {print $5 + $6}' "$out/$1.csv"; }

# row NAME: "name  median wall  mean cpu"
row() {
  printf '  %-28s %8.3f s wall  %8.3f s cpu\n' "$1" "$(median "$1")" "$(cpu "$1")"
}

# ratio A B: how many times slower A is than B (wall medians), e.g. "readelf/elfmap 1.20x"
ratio() {
  awk -v a="$(median "$1")" -v b="$(median "$2")" -v n="$1/$2" \
      'BEGIN {printf "  %-28s %6.2fx wall", n, a/b}'
  awk -v a="$(cpu "$1")" -v b="$(cpu "$2")" 'BEGIN {printf "  %6.2fx cpu\n", a/b}'
}

# elf_list FILE: every ELF file under /usr (regular, magic \x7fELF), cached for a day
elf_list() {
  local list="$1"
  if [ -s "$list" ] && [ -z "$(find "$list" -mmin +1440 2>/dev/null)" ]; then
    return
  fi
  find /usr -type f -size +51c -print0 2>/dev/null \
    | perl -0ne 'chomp; if (open my $f, "<:raw", $_) { read($f, my $m, 4); print "$_\n" if $m eq "\x7fELF" }' \
    > "$list.tmp"
  mv "$list.tmp" "$list"
}
