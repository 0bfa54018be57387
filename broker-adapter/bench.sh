#!/usr/bin/env bash
# Adapter benchmark: provision+deprovision pairs against the fabric8 mock API server, next to a bare
# Javalin handler (the ceiling), in one JVM and one run. See AdapterBenchmark for what is measured.
#
#   broker-adapter/bench.sh [pairs=20000] [concurrency=16] [warmup=1000] [mode=async|operator]
#   broker-adapter/bench.sh 2000 8 200          # a quick run
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp -pl broker-adapter -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
exec java -Xms256m -cp "broker-adapter/target/test-classes:broker-adapter/target/classes:operator/target/classes:crds/target/classes:testkit/target/classes:$(cat broker-adapter/target/bench.classpath)" \
  io.exomarket.broker.bench.AdapterBenchmark "$@"
