#!/usr/bin/env python3
"""elfmap predict against glibc's own loader, file by file (issue 11: "predict on every dynamically
linked program under /usr/bin and every library under /usr/lib/x86_64-linux-gnu agrees with what
glibc's loader loads").

For each file elfmap resolves the closure as `elfmap predict` does (one JVM for the whole list:
src/test/java/org/elfmap/bench/ClosureDump.java, elfmap's Java API), then the real loader is asked:
  - a program (elfmap's mode "program"): the program itself executed with LD_TRACE_LOADED_OBJECTS=1
    (the kernel starts it, so $ORIGIN is its real directory; ld.so lists and exits); a set-user or
    set-group-ID program, for which ld.so ignores that variable, through `ld.so --list PROGRAM`;
  - a library (mode "library"): `ldd FILE` (ld.so --list FILE, as dlopen resolves it).
Compared: the libraries in load order (DT_NEEDED name => path), the names not found, the
interpreter, and a refusal's words. Prints each difference with elfmap's reason for its choice,
then the counts: agree / differ / skipped (with why).

Usage: bench/predict-agreement.py [DIR_OR_FILE...]   (default: /usr/bin /usr/lib/x86_64-linux-gnu)
Environment: SHOW=N differences printed in full (default all), JOBS=N oracle runs in parallel (2).
"""
import collections, concurrent.futures, json, os, re, stat, subprocess, sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARROW = re.compile(r"^\s*(\S+) => (.+?)(?: \(0x[0-9a-f]+\))?$")
BARE = re.compile(r"^\s*(/\S+) \(0x[0-9a-f]+\)$")
REFUSED = re.compile(r"error while loading shared libraries: (\S+?): (.+)$")
GLIBC_INTERP = re.compile(r"/ld-linux[^/]*\.so\.\d+$|/ld64\.so\.\d+$")


def files(args):
    """Regular files and symlinks named or found under the arguments (directories: /usr/bin flat, others recursive)."""
    for a in args:
        if os.path.isdir(a):
            if a.rstrip("/") == "/usr/bin":
                for n in sorted(os.listdir(a)):
                    yield os.path.join(a, n)
            else:
                for d, subdirs, names in os.walk(a):
                    subdirs.sort()
                    for n in sorted(names):
                        yield os.path.join(d, n)
        else:
            yield a


def classpath():
    cp_file = os.path.join(REPO, "target", "test-classpath.txt")
    cmd = ["mvn", "-B", "-q", "-o", "test-compile", "dependency:build-classpath",
           "-Dmdep.outputFile=" + cp_file, "-Dmdep.includeScope=test"]
    if subprocess.run(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0:
        subprocess.run(cmd[:3] + cmd[4:], cwd=REPO, check=True)
    with open(cp_file) as f:
        deps = f.read().strip()
    return ":".join([os.path.join(REPO, "target", "test-classes"), os.path.join(REPO, "target", "classes"), deps])


def predict_all(paths):
    java = os.environ.get("JAVA", "java")
    p = subprocess.run([java, "-cp", classpath(), "org.elfmap.bench.ClosureDump"], input="\n".join(paths) + "\n",
                       capture_output=True, text=True, check=True)
    out = {}
    for line in p.stdout.splitlines():
        d = json.loads(line)
        out[d["file"]] = d
    return out


def real_loader(path, mode, interpreter):
    """What glibc's loader says: (lines [(name, path)], interpreter paths seen, refusal or None, raw output)."""
    env = {"PATH": "/usr/bin:/bin", "LD_TRACE_LOADED_OBJECTS": "1"}
    if mode == "program" and os.stat(path).st_mode & (stat.S_ISUID | stat.S_ISGID):
        # A set-user/group-ID program starts in secure mode (AT_SECURE), where ld.so ignores
        # LD_TRACE_LOADED_OBJECTS and would run it: ask its interpreter instead (ld.so --list).
        cmd = [interpreter, "--list", path]
    elif mode == "program":
        cmd = [path]
    else:
        cmd = ["ldd", path]
        env = {"PATH": "/usr/bin:/bin"}
    try:
        p = subprocess.run(cmd, env=env, cwd="/", capture_output=True, text=True, timeout=20,
                           stdin=subprocess.DEVNULL, errors="replace")
    except subprocess.TimeoutExpired:
        return None, None, None, "timed out"
    except OSError as e:
        return None, None, None, "cannot run: %s" % e
    lines, bare, refusal = [], [], None
    for l in p.stdout.splitlines():
        m = ARROW.match(l)
        if m:
            lines.append((m.group(1), m.group(2)))
            continue
        m = BARE.match(l)
        if m:
            bare.append(m.group(1))
    m = REFUSED.search(p.stderr)
    if m:
        refusal = (m.group(1), m.group(2).strip())
    if mode == "library" and p.returncode != 0 and "not a dynamic executable" in p.stdout + p.stderr:
        # No loader of ldd's RTLDLIST accepts it here (x32 on a kernel without x32 support).
        return None, None, None, "ldd: not a dynamic executable (no loader that runs here takes it)"
    return lines, bare, refusal, p.stdout + p.stderr


def compare(d):
    """None when elfmap and the loader agree, else the differences in words."""
    lines, bare, refusal, raw = real_loader(d["file"], d["mode"], d.get("interpreter"))
    if lines is None:
        return "oracle: " + raw
    ours = [(n, p) for n, p, _ in d["libraries"]]
    unresolved = dict((n, r) for n, r in d["unresolved"])
    unresolved_names = [n for n, _ in d["unresolved"]]
    why = dict((n, v) for n, _, v in d["libraries"])
    diffs = []
    if refusal:
        name, words = refusal
        if unresolved.get(name) != words and unresolved.get(os.path.basename(name)) != words:
            diffs.append("loader refuses %s (%s); elfmap: %s" % (name, words, unresolved or "nothing refused"))
        return "; ".join(diffs) or None
    found = [(n, p) for n, p in lines if p != "not found"]
    missing = [n for n, p in lines if p == "not found"]
    mine_found = [(n, p) for n, p in ours if n not in unresolved]
    if mine_found != found:
        for i in range(max(len(found), len(mine_found))):
            a = mine_found[i] if i < len(mine_found) else None
            b = found[i] if i < len(found) else None
            if a != b:
                diffs.append("#%d elfmap %s [%s], loader %s" % (i + 1, "%s => %s" % a if a else "nothing",
                                                                   why.get(a[0], "?") if a else "-",
                                                                   "%s => %s" % b if b else "nothing"))
                break
    if sorted(unresolved_names) != sorted(missing):
        diffs.append("not found: elfmap %s, loader %s" % (sorted(unresolved_names), sorted(missing)))
    interp = d.get("interpreter") or ""
    if interp and bare and interp not in bare and os.path.realpath(interp) not in [os.path.realpath(b) for b in bare]:
        diffs.append("interpreter: elfmap %s, loader %s" % (interp, bare))
    return "; ".join(diffs) or None


def main():
    args = sys.argv[1:] or ["/usr/bin", "/usr/lib/x86_64-linux-gnu"]
    listed = list(files(args))
    skipped = collections.Counter()
    todo = []
    real_seen = set()
    for f in listed:
        try:
            st = os.stat(f)
        except OSError:
            skipped["dangling symlink"] += 1
            continue
        if not stat.S_ISREG(st.st_mode):
            skipped["not a regular file"] += 1
            continue
        if os.path.islink(f) and os.path.realpath(f) in real_seen:
            skipped["symlink to a file already checked"] += 1
            continue
        real_seen.add(os.path.realpath(f))
        todo.append(f)
    predicted = predict_all(todo)
    checks = []
    for f in todo:
        d = predicted[f]
        if "skip" in d:
            skipped[d["skip"].split(":")[0]] += 1
            continue
        if "error" in d:
            skipped["elfmap cannot read it: " + d["error"]] += 1
            continue
        if d["rules"] == "static":
            skipped["static: nothing to load"] += 1
            continue
        if d["rules"] != "glibc":
            skipped["%s rules (glibc's loader is the oracle)" % d["rules"]] += 1
            continue
        if d["mode"] == "program" and not GLIBC_INTERP.search(d.get("interpreter") or ""):
            skipped["program whose PT_INTERP is not glibc's (LD_TRACE_LOADED_OBJECTS would run it)"] += 1
            continue
        checks.append(d)
    jobs = int(os.environ.get("JOBS", "2"))
    with concurrent.futures.ThreadPoolExecutor(jobs) as ex:
        results = list(ex.map(compare, checks))
    agree = collections.Counter()
    differ = []
    for d, r in zip(checks, results):
        if r is None:
            agree[d["mode"]] += 1
        elif r.startswith("oracle: "):
            skipped["the loader gave no answer (%s)" % r[8:]] += 1
            print("skipped: %s: the loader gave no answer: %s" % (d["file"], r[8:]))
        else:
            differ.append((d, r))
    show = int(os.environ.get("SHOW", str(len(differ))))
    for d, r in differ[:show]:
        print("differs: %s (%s): %s" % (d["file"], d["mode"], r))
    platforms = collections.Counter(d.get("platform", "?") for d in checks)
    print("# %s; elfmap's $PLATFORM: %s" % (", ".join(args), dict(platforms)))
    print("# agree: %d (%d programs with exec + LD_TRACE_LOADED_OBJECTS=1, %d libraries with ldd)"
          % (sum(agree.values()), agree["program"], agree["library"]))
    print("# differ: %d" % len(differ))
    print("# skipped: %d" % sum(skipped.values()))
    for reason, n in skipped.most_common():
        print("#   %5d %s" % (n, reason))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
