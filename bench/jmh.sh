#!/usr/bin/env bash
# JMH micro-benchmarks (src/test/java/org/elfmap/bench): elfmap's own per-item cost with a warm JVM,
# no start-up, no I/O: ELF header parsing and loader simulation per file, smaps parsing per process.
# The command-level scripts beside this one (layout.sh, top.sh, check-pages.sh) measure what users
# see; this one says how much of that is elfmap's code. Extra arguments go to JMH (e.g. -f 1 -i 3).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
    -Dmdep.includeScope=test >/dev/null 2>&1 || mvn -B -q test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main \
    'org\.elfmap\.bench\..*' "$@"
