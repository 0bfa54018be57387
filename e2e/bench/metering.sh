#!/usr/bin/env bash
# Metering benchmark: INSTANCES x WINDOWS (default 100 x 100 = 10,000 instance-windows) reported to
# the metering sink with 10 ms latency, next to the same number of bare MeteringClient.send calls
# in the same run. Prints times, ratio and RSS (operator, mock API server and sink share one JVM).
# Builds in the reactor only: it never installs into ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/../.."
INSTANCES="${1:-100}"
WINDOWS="${2:-100}"
mvn -q -B -ntp -pl operator -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/operator/target/bench.classpath"
exec java -cp "operator/target/test-classes:operator/target/classes:crds/target/classes:testkit/target/classes:$(cat operator/target/bench.classpath)" \
  io.exomarket.operator.bench.MeteringBenchmark "$INSTANCES" "$WINDOWS"
