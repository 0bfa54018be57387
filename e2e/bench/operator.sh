#!/usr/bin/env bash
# Operator benchmark: N instances (default 1000) to Ready against the fabric8 mock API server,
# next to a bare client doing the same writes in the same run. Prints times, ratio and RSS.
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-1000}"
mvn -q -B -ntp -pl operator -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/operator/target/bench.classpath"
exec java -cp "operator/target/test-classes:operator/target/classes:crds/target/classes:testkit/target/classes:$(cat operator/target/bench.classpath)" \
  io.exomarket.operator.bench.OperatorBenchmark "$N"
