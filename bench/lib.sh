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

# timeit [-i] [-N] NAME RUNS COMMAND: one hyperfine benchmark (shell command), result in
# $out/NAME.csv; -i accepts a non-zero exit (a check that finds problems exits 1); -N runs the
# command without a shell (for millisecond commands, where a shell's start is noise)
timeit() {
  local opts=()
  while [ "${1#-}" != "$1" ]; do opts+=("$1"); shift; done
  local name="$1" runs="$2" cmd="$3"
  hyperfine --style none ${opts[@]+"${opts[@]}"} -w "$WARMUP" -r "$runs" --export-csv "$out/$name.csv" \
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

# trivial_main: compiles bench/TrivialMain.java (prints one line) into $out once; the peer of
# elfmap --version on the same JVM
trivial_main() {
  local javac
  javac="$(command -v javac || echo /usr/lib/jvm/java-17-openjdk-amd64/bin/javac)"
  if [ ! -f "$out/TrivialMain.class" ] || [ "$bench_dir/TrivialMain.java" -nt "$out/TrivialMain.class" ]; then
    "$javac" --release 17 -d "$out" "$bench_dir/TrivialMain.java"
  fi
}

# warm NAME RUNS JAVA ARGS...: elfmap ARGS run RUNS times in one JVM (bench/WarmRuns.java, the
# launcher's flags), the median of the later half written as NAME's export (wall and CPU, as
# hyperfine's): the floor under the command once start-up and warm-up are paid
warm() {
  local name="$1" runs="$2" java="$3" cp="$repo/target/elfmap.jar" lib javac line
  shift 3
  for lib in "$repo"/target/lib/*.jar; do cp="$cp:$lib"; done
  javac="$(command -v javac || echo /usr/lib/jvm/java-17-openjdk-amd64/bin/javac)"
  if [ ! -f "$out/WarmRuns.class" ] || [ "$bench_dir/WarmRuns.java" -nt "$out/WarmRuns.class" ]; then
    "$javac" --release 17 -cp "$cp" -d "$out" "$bench_dir/WarmRuns.java"
  fi
  local flags
  read -r -a flags <<< "$(launcher_flags)"
  line="$("$java" "${flags[@]}" -cp "$cp:$out" WarmRuns "$runs" "$@" 2>/dev/null | tail -1)"
  awk -v n="$name" -v l="$line" 'BEGIN {
    split(l, f, " "); w = f[2] / 1000; c = f[3] / 1000
    print "command,mean,stddev,median,user,system,min,max"; printf "%s,%f,0,%f,%f,0,%f,%f\n", n, w, w, c, w, w }' \
    > "$out/$name.csv"
}

# launcher_flags: the JVM flags ./elfmap passes (without its archive), read from the launcher
launcher_flags() {
  sed -n 's/^flags=(\(.*\))$/\1/p' "$elfmap"
}

# jdk NAME: the java executable of the installed JDK whose directory under /usr/lib/jvm
# matches NAME (17, 25...), or nothing
jdk() {
  local d
  for d in /usr/lib/jvm/*"$1"*/; do
    d="${d%/}"
    [ -L "$d" ] && continue
    if [ -x "$d/bin/java" ]; then echo "$d/bin/java"; return; fi
  done
}

# spawn_to N: starts sleeps until about N processes have an address space; they are stopped
# when the script exits. Sets spawned to the number started.
spawn_to() {
  local want="$1" have i
  have="$(grep -l . /proc/[0-9]*/maps 2>/dev/null | wc -l || true)"
  spawned=$(( want > have ? want - have : 0 ))
  spawn_pids=()
  for ((i = 0; i < spawned; i++)); do
    sleep 3600 &
    spawn_pids+=($!)
  done
  trap 'kill ${spawn_pids[@]+"${spawn_pids[@]}"} 2>/dev/null || true' EXIT
  sleep 1
}

# program_list FILE N: N dynamically linked programs from /usr/bin that ldd resolves, cached
program_list() {
  local list="$1" n="$2" f
  if [ -s "$list" ] && [ "$(wc -l < "$list")" -ge "$n" ]; then return; fi
  : > "$list.tmp"
  for f in /usr/bin/*; do
    [ -f "$f" ] && [ ! -L "$f" ] || continue
    [ "$(head -c 4 "$f" 2>/dev/null | od -An -c | tr -d ' ')" = '177ELF' ] || continue
    ldd "$f" > /dev/null 2>&1 || continue
    echo "$f" >> "$list.tmp"
    [ "$(wc -l < "$list.tmp")" -ge "$n" ] && break
  done
  mv "$list.tmp" "$list"
}

# cell NAME: "0.123 s (cpu 0.100 s)" for a table row
cell() {
  awk -v w="$(median "$1")" -v c="$(cpu "$1")" 'BEGIN {
    if (w < 1) printf "%.1f ms (cpu %.1f ms)", w * 1000, c * 1000; else printf "%.2f s (cpu %.2f s)", w, c }'
}

# times A B: A's wall median over B's, e.g. "1.52x"
times() {
  awk -v a="$(median "$1")" -v b="$(median "$2")" 'BEGIN {printf "%.2fx", a/b}'
}

# cpu_times A B: A's CPU over B's
cpu_times() {
  awk -v a="$(cpu "$1")" -v b="$(cpu "$2")" 'BEGIN {printf "%.2fx", a/b}'
}
