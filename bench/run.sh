#!/usr/bin/env bash
# The benchmarks, one entry point, one table (bench/README.md):
#   bench/run.sh [operator|adapter|metering|tenants|fleet|startup|all] [-n N] [--runs R] [--threads T] [--kube apiserver|mock|auto]
# Against a real etcd + kube-apiserver (e2e/control-plane/build.sh) by default; --kube mock on request.
# Builds in the reactor only (never installs); BENCH_SKIP_BUILD=1 reuses the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${BENCH_SKIP_BUILD:-0}" != "1" || ! -f bench/target/classpath.txt ]]; then
  mkdir -p bench/target
  mvn -q -B -ntp -o -DskipTests -Dspotless.check.skip=true package -pl bench -am >bench/target/build.log 2>&1 \
    || { cat bench/target/build.log; echo "build failed"; exit 1; }
fi
# The components' own HTTP client only (Vert.x, what kubernetes-client brings): test support adds the JDK one,
# and with both present fabric8 picks one at random per client, which would make runs incomparable.
classpath="$(tr ':' '\n' < bench/target/classpath.txt | grep -v '/kubernetes-httpclient-jdk/' | paste -sd: -)"
exec java -XX:+UseSerialGC -Dlogback.configurationFile=bench-logback.xml -cp "bench/target/classes:$classpath" \
  io.exomarket.bench.BenchMain "$@"
