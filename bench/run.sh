#!/usr/bin/env bash
# The benchmarks, one entry point, one table (bench/README.md):
#   bench/run.sh [operator|adapter|metering|all] [-n N] [--runs R] [--threads T] [--kube apiserver|mock|auto]
# Against a real etcd + kube-apiserver (e2e/control-plane/build.sh) by default; --kube mock on request.
# Builds in the reactor only (never installs); BENCH_SKIP_BUILD=1 reuses the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${BENCH_SKIP_BUILD:-0}" != "1" || ! -f bench/target/classpath.txt ]]; then
  mkdir -p bench/target
  mvn -q -B -ntp -o -DskipTests -Dspotless.check.skip=true package -pl bench -am >bench/target/build.log 2>&1 \
    || { cat bench/target/build.log; echo "build failed"; exit 1; }
fi
exec java -XX:+UseSerialGC -Dlogback.configurationFile=bench-logback.xml -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.exomarket.bench.BenchMain "$@"
