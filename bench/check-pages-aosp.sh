#!/usr/bin/env bash
# check-pages against the method of AOSP's check_elf_alignment.sh (system/extras/tools), over the
# same tree: time and verdicts, and every file where they differ, with why.
#
# The script's method, kept as it is: every regular file named *.so under the tree,
#   objdump -p FILE | grep LOAD | awk '{ print $NF }' | head -1
# ALIGNED when that (the FIRST LOAD's alignment) matches 2**14 or 2**16, else UNALIGNED. It does
# not look at RELRO, at later LOADs, at ELF class (32-bit libraries count as UNALIGNED too), at
# names other than *.so, or inside archives unless given a single APK (then it unzips lib/*).
# elfmap check-pages --page-size 16k applies Android's ELF policy (docs/check-pages.md).
#
# Usage: bench/check-pages-aosp.sh [TREE...]   (default: the test fixtures, and
#        /usr/lib/x86_64-linux-gnu when present, for a tree of a few thousand libraries)
# RUNS=N timed runs (default 10). Raw: bench/out/aosp-*.
. "$(dirname "$0")/lib.sh"
need hyperfine; need objdump; need python3
elfmap_ready
implemented check-pages || exit 0
machine
if [ "$#" -gt 0 ]; then
  trees=("$@")
else
  trees=("$repo/src/test/resources/fixtures")
  [ -d /usr/lib/x86_64-linux-gnu ] && trees+=(/usr/lib/x86_64-linux-gnu)
fi

# The AOSP method as a function of one tree: "FILE<TAB>first LOAD align<TAB>ALIGNED|UNALIGNED" lines.
cat > "$out/aosp-method.sh" <<'EOF'
#!/usr/bin/env bash
# check_elf_alignment.sh's per-file loop, unchanged but for printing tab-separated verdicts
dir="$1"
matches="$(find "${dir}" -name "*.so" -type f)"
IFS=$'\n'
for match in $matches; do
  res="$(objdump -p ${match} | grep LOAD | awk '{ print $NF }' | head -1)"
  if [[ $res =~ "2**14" ]] || [[ $res =~ "2**16" ]]; then
    printf '%s\t%s\tALIGNED\n' "$match" "$res"
  else
    printf '%s\t%s\tUNALIGNED\n' "$match" "$res"
  fi
done
EOF
chmod +x "$out/aosp-method.sh"

n=0
for tree in "${trees[@]}"; do
  n=$((n + 1))
  echo
  echo "== $tree: $(find "$tree" -name '*.so' -type f 2>/dev/null | wc -l) files named *.so"
  "$out/aosp-method.sh" "$tree" > "$out/aosp-$n-script.tsv" 2>/dev/null
  "$elfmap" check-pages --page-size 16k --json "$tree" > "$out/aosp-$n-elfmap.json" 2>"$out/aosp-$n-elfmap.err" || true
  timeit -i "aosp-$n-elfmap" "$RUNS" "$elfmap check-pages --page-size 16k $tree > /dev/null 2>&1"
  timeit -i "aosp-$n-script" "$RUNS" "$out/aosp-method.sh $tree > /dev/null 2>&1"
  row "aosp-$n-elfmap"
  row "aosp-$n-script"
  ratio "aosp-$n-script" "aosp-$n-elfmap"
  python3 - "$out/aosp-$n-script.tsv" "$out/aosp-$n-elfmap.json" <<'EOF'
import json, os, sys
script = {}
for line in open(sys.argv[1]):
    f, res, verdict = line.rstrip('\n').split('\t')
    script[f] = (res, verdict)
files = {v['path']: v for v in json.load(open(sys.argv[2]))['files']}
# elfmap checks a file once, by device and inode: a hard or symbolic link to one it judged shares that verdict
by_inode = {}
for path in files:
    try:
        st = os.stat(path)
        by_inode[(st.st_dev, st.st_ino)] = files[path]
    except OSError:
        pass

def elfmap_verdict(f):
    if f in files:
        return files[f]
    try:
        st = os.stat(f)
        return by_inode.get((st.st_dev, st.st_ino))
    except OSError:
        return None

def elfmap_says(v):
    if v is None:
        return 'skipped'
    if v['ok']:
        return 'pass'
    return 'fail' if v.get('binding', True) else 'not binding'

def why(f, res, verdict, v):
    kinds = sorted({p['kind'] for p in v['problems']}) if v else []
    if v is None:
        with open(f, 'rb') as fh:
            magic = fh.read(4)
        if magic != b'\x7fELF':
            return 'not an ELF file (it starts %r: a linker script?): elfmap skips it in a tree, the script counts it' % magic
        return 'elfmap did not judge it'
    if verdict == 'UNALIGNED' and not kinds:
        if any('not a power of two' in n for n in v.get('notes', [])):
            return ('objdump prints %s for a p_align that is no power of two; Android\'s policy compares the value'
                    ' itself, at least 16 KiB here' % res)
        if res.startswith('2**'):
            return 'first LOAD aligned %s: at or above 16 KiB, but the script accepts only 2**14 and 2**16' % res
        if not res:
            return 'no PT_LOAD: Android\'s policy passes it (nothing to align), the script fails it'
        return 'objdump printed no LOAD alignment (%r)' % res
    if verdict == 'UNALIGNED' and not v.get('binding', True):
        return '32-bit (%s): Android\'s policy skips it; elfmap reports it, the script fails it' % ', '.join(kinds)
    if verdict == 'ALIGNED' and kinds:
        reasons = []
        if 'align' in kinds:
            reasons.append('a later LOAD is aligned below 16 KiB (the script reads only the first LOAD)')
        for k in kinds:
            if k.startswith('relro'):
                reasons.append('%s: the script does not check RELRO' % k)
        if 'congruence' in kinds:
            reasons.append('congruence: the script does not compare p_offset and p_vaddr')
        if 'malformed' in kinds:
            reasons.append('malformed: ' + '; '.join(p['detail'] for p in v['problems'] if p['kind'] == 'malformed'))
        return '; '.join(reasons)
    return 'elfmap: %s' % ', '.join(kinds)

agree = differ = 0
rows = []
for f, (res, verdict) in sorted(script.items()):
    v = elfmap_verdict(f)
    e = elfmap_says(v)
    same = (verdict == 'UNALIGNED') == (e == 'fail')
    if same:
        agree += 1
    else:
        differ += 1
        rows.append('  %s\n      script %s (%s), elfmap %s: %s' % (f, verdict, res or 'no LOAD', e, why(f, res, verdict, v)))
others = [p for p in files if p not in script]
print('verdicts on the %d files named *.so: %d agree, %d differ' % (len(script), agree, differ))
print('elfmap also judged %d more (inside APKs/AABs/AARs, or ELF files not named *.so), %d of them failing'
      % (len(others), sum(1 for p in others if elfmap_says(files[p]) == 'fail')))
if rows:
    print('where they differ, and why:')
    print('\n'.join(rows))
EOF
done
