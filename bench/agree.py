#!/usr/bin/env python3
"""Untimed check run by bench/layout.sh: every program header elfmap reports (layout --json)
equals what `readelf -lW` prints for the same file, over the whole list (issue 3: "program
headers equal readelf -lW for every ELF file under /usr"; the test suite checks a sample).
Usage: agree.py ELFMAP_JSON READELF_OUTPUT   (readelf run once on the whole list, so each file's
headers follow a "File: NAME" line). Prints agreeing/differing counts and the first differences."""
import json, re, sys

HEX = r"0x([0-9a-fA-F]+)"
# readelf prints a zero alignment as a bare "0"
ROW = re.compile(r"^\s*(\S+)\s+" + r"\s+".join([HEX] * 5) + r"\s+([RWE ]{1,3}?)\s+(?:0x)?([0-9a-fA-F]+)\s*$")

def readelf(path):
    out, name = {}, None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("File: "):
                name = line[6:].strip()
                out[name] = []
                continue
            m = ROW.match(line)
            if m and name is not None:
                t, off, va, pa, fs, ms, fl, al = m.groups()
                flags = ("r" if "R" in fl else "-") + ("w" if "W" in fl else "-") + ("x" if "E" in fl else "-")
                out[name].append((int(off, 16), int(va, 16), int(fs, 16), int(ms, 16), flags, int(al, 16)))
    return out

def main():
    with open(sys.argv[1]) as f:
        layouts = json.load(f)
    theirs = readelf(sys.argv[2])
    agree, differ, missing, shown = 0, 0, 0, 0
    for l in layouts:
        name = l["file"]
        if name not in theirs:
            missing += 1
            continue
        ours = [(int(s["offset"], 16), int(s["vaddr"], 16), int(s["filesz"], 16), int(s["memsz"], 16), s["flags"],
                 int(s["align"], 16)) for s in l["segments"]]
        if ours == theirs[name]:
            agree += 1
        else:
            differ += 1
            if shown < 5:
                shown += 1
                print(f"  differs: {name}\n    elfmap:  {ours}\n    readelf: {theirs[name]}")
    print(f"# program headers: {agree} files agree with readelf -lW, {differ} differ, {missing} not listed by readelf")
    return 1 if differ else 0

sys.exit(main())
