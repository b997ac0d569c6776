#!/usr/bin/env bash
# Rebuilds the seed corpus of ElfReaderFuzzTest: tiny real ELF files from this machine's
# toolchains (gcc, musl-gcc, clang + ld.lld for other targets), truncated copies, and
# hand-made headers for the cases linkers never write. The files are committed; this script
# documents where they came from. Needs: gcc gcc-multilib musl-tools clang lld python3.
set -euo pipefail
here="$(cd "$(dirname "$0")/../../.." && pwd)"
out="$here/src/test/resources/org/elfmap/elf/ElfReaderFuzzTestInputs/readAndLayout"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
cd "$tmp"
cat > lib.c <<'C'
int counter;
int data[64] = {1};
const char msg[] = "hello";
int get(int i) { return data[i] + counter + msg[0]; }
C
echo 'void _start(void) { for (;;) ; }' > prog.c

gcc -O2 -shared -fPIC -nostdlib -s -Wl,-z,noseparate-code -Wl,-soname,libseed.so.1 \
    -Wl,--no-as-needed -lc -o "$out/x86_64-glibc-lib.so" lib.c
gcc -O2 -fPIE -pie -nostdlib -s -Wl,-z,noseparate-code -o "$out/x86_64-pie" prog.c
gcc -m32 -O2 -shared -fPIC -nostdlib -s -Wl,-z,noseparate-code -Wl,-soname,libseed.so.1 \
    -o "$out/i386-lib.so" lib.c
musl-gcc -O2 -static -nostartfiles -s -Wl,-z,noseparate-code -o "$out/x86_64-musl-static" prog.c
clang -O2 -fPIC -c -o x.o lib.c
ld.lld -shared -s -z max-page-size=0x100000 -soname libseed.so.1 -o "$out/x86_64-maxpage1m-lib.so" x.o
clang --target=aarch64-linux-android -O2 -fPIC -c -o a64.o lib.c
ld.lld -shared -s -z max-page-size=16384 -soname libseed.so -o "$out/aarch64-16k-lib.so" a64.o
clang --target=powerpc64-linux-gnu -O2 -fPIC -c -o ppc.o lib.c
ld.lld -shared -s -o "$out/ppc64be-lib.so" ppc.o
clang --target=mips-linux-gnu -O2 -fPIC -c -o mips.o lib.c
ld.lld -shared -s -o "$out/mips32be-lib.so" mips.o

# truncated copies: inside the identification, the header, the program header table, a segment
for n in 3 15 40 100 300 1000; do
  head -c "$n" "$out/x86_64-glibc-lib.so" > "$out/trunc-$n-x86_64-glibc-lib.so"
done
head -c 200 "$out/i386-lib.so" > "$out/trunc-200-i386-lib.so"

# hand-made: the seed's amd64 library (two PT_LOADs, 1 MiB alignment), PN_XNUM, reversed loads
python3 - "$out" <<'PY'
import struct, sys
out = sys.argv[1]
def elf64(phdrs, size, phnum=None, shoff=0, shentsize=0, extra=()):
    b = bytearray(size)
    b[0:16] = b'\x7fELF\x02\x01\x01' + bytes(9)
    struct.pack_into('<HHIQQQIHHHHHH', b, 16, 3, 62, 1, 0, 64, shoff, 0, 64, 56,
                     len(phdrs) if phnum is None else phnum, shentsize, 0, 0)
    for i, p in enumerate(phdrs):
        struct.pack_into('<IIQQQQQQ', b, 64 + 56 * i, *p)
    for at, data in extra:
        b[at:at + len(data)] = data
    return bytes(b)
seed = [(1, 5, 0, 0, 0, 0xd7051, 0xd7051, 0x100000),
        (1, 6, 0xd7060, 0x1d7060, 0x1d7060, 0x1a010, 0x32df8, 0x100000)]
# the seed's numbers, file cut to the headers: a PT_LOAD past EOF, and the same with a file that fits
open(f"{out}/seed-amd64-headers-only", "wb").write(elf64(seed, 64 + 2 * 56))
small = [(1, 5, 0, 0, 0, 0x1051, 0x1051, 0x100000), (1, 6, 0x1060, 0x101060, 0x101060, 0x10, 0x32df8, 0x100000)]
open(f"{out}/seed-amd64-small", "wb").write(elf64(small, 0x1070))
xnum = elf64(small, 0x1100, phnum=0xffff, shoff=0x1070, shentsize=64,
             extra=[(0x1070 + 44, struct.pack('<I', 2))])
open(f"{out}/pn-xnum", "wb").write(xnum)
open(f"{out}/reversed-loads", "wb").write(elf64(list(reversed(small)), 0x1070))
PY
ls -la "$out"
